//! Ours on the anchor harness' corpus, for tests/redaction/presidio_compare.py: times
//! `analyze` one call per line over the whole corpus (median and best of `--reps`), writes the
//! findings of the last rep as JSON lines (`[[entity, char_start, char_end, score], …]` per line)
//! so the script scores ours and Presidio with the same code, and prints the timing as JSON.
//!
//! `cargo bench -p shared-platform-core --bench redaction_anchor -- CORPUS OUT_SPANS [REPS]`

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use shared_platform_core::redaction::CompiledPolicy;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let (Some(corpus), Some(out_path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: redaction_anchor CORPUS OUT_SPANS [REPS]");
        return;
    };
    let reps: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(corpus).unwrap_or_else(|e| panic!("cannot read {corpus}: {e}"));
    let lines: Vec<&str> = text.lines().collect();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let policy = CompiledPolicy::builtin();
    let mut seconds = Vec::new();
    let mut last = Vec::new();
    for _ in 0..reps {
        let start = Instant::now();
        last = lines.iter().map(|l| policy.analyze(black_box(l)).unwrap_or_default()).collect();
        seconds.push(start.elapsed().as_secs_f64());
    }
    seconds.sort_by(f64::total_cmp);
    let mut out = std::io::BufWriter::new(std::fs::File::create(out_path).expect("cannot create the spans file"));
    for found in &last {
        let spans: Vec<(&str, usize, usize, f64)> =
            found.iter().map(|f| (f.entity.as_ref(), f.char_start, f.char_end, f.score)).collect();
        writeln!(out, "{}", serde_json::to_string(&spans).unwrap_or_default()).expect("write");
    }
    let mbs = |s: f64| bytes as f64 / s / 1e6;
    println!(
        "{}",
        serde_json::json!({
            "lines": lines.len(), "bytes": bytes, "reps": reps,
            "mb_s_median": mbs(seconds[seconds.len() / 2]), "mb_s_best": mbs(seconds[0]),
            "lines_s_median": lines.len() as f64 / seconds[seconds.len() / 2],
        })
    );
}
