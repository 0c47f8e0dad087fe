//! Redaction throughput on one core: clean prose and clean log lines (no findings), PII-dense
//! log lines, and the anchor harness' 5 MB corpus (shared/bench/anchors, when generated under
//! `$ANCHORS_DATA`), detection (`analyze`) and full redaction (`redact`), one call per line as
//! the Presidio anchor is measured.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use shared_platform_core::redaction::CompiledPolicy;

/// A deterministic generator (xorshift), so every run measures the same bytes.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn num(&mut self, below: u64) -> u64 {
        self.next() % below
    }
}

const WORDS: &[&str] = &[
    "the",
    "request",
    "service",
    "was",
    "handled",
    "after",
    "a",
    "short",
    "delay",
    "because",
    "cache",
    "warmed",
    "up",
    "and",
    "users",
    "reported",
    "that",
    "dashboard",
    "loads",
    "faster",
    "than",
    "before",
    "when",
    "deploy",
    "finished",
];

fn prose(bytes: usize) -> Vec<String> {
    let mut g = Gen(7);
    let mut lines = Vec::new();
    let mut total = 0;
    while total < bytes {
        let line: Vec<&str> = (0..20).map(|_| g.pick(WORDS)).collect();
        let line = line.join(" ") + ".";
        total += line.len() + 1;
        lines.push(line);
    }
    lines
}

fn clean_logs(bytes: usize) -> Vec<String> {
    let mut g = Gen(11);
    let mut lines = Vec::new();
    let mut total = 0;
    while total < bytes {
        let line = format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}.{:03}Z INFO [{}] request completed method=GET path=/api/v1/orders status=200 duration_ms={} request_id={:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            g.num(28) + 1,
            g.num(24),
            g.num(60),
            g.num(60),
            g.num(1000),
            g.pick(&["api", "billing", "auth"]),
            g.num(900),
            g.next() as u32,
            g.num(0xffff),
            g.num(0xfff),
            g.num(0xfff),
            g.num(0xffff_ffff_ffff)
        );
        total += line.len() + 1;
        lines.push(line);
    }
    lines
}

fn dense_logs(bytes: usize) -> Vec<String> {
    let mut g = Gen(13);
    let mut lines = Vec::new();
    let mut total = 0;
    let cards = ["4111 1111 1111 1111", "5500-0000-0000-0004", "340000000000009"];
    while total < bytes {
        let line = match g.num(4) {
            0 => format!(
                "2026-11-05T10:00:00Z INFO [auth] login user=user{}@example.com ip=10.{}.{}.{} phone=+1-415-555-{:04}",
                g.num(9999),
                g.num(255),
                g.num(255),
                g.num(255),
                g.num(9999)
            ),
            1 => format!(
                "2026-11-05T10:00:00Z ERROR [checkout] declined card={} ssn={:03}-{:02}-{:04} customer=jane{}@example.org",
                g.pick(&cards),
                g.num(600) + 100,
                g.num(90) + 10,
                g.num(9000) + 1000,
                g.num(999)
            ),
            2 => format!(
                "{{\"ts\":\"2026-11-05T10:00:00Z\",\"msg\":\"payout\",\"iban\":\"DE89370400440532013000\",\"ip\":\"2001:db8::{:x}\",\"email\":\"ops{}@example.net\"}}",
                g.num(0xffff),
                g.num(99)
            ),
            _ => format!(
                "2026-11-05T10:00:00Z WARN [deploy] Authorization: Bearer tok{:016x} api_key=sk_test_{:024x} host=db password=pw{}",
                g.next(),
                u128::from(g.next()) << 32,
                g.num(99999)
            ),
        };
        total += line.len() + 1;
        lines.push(line);
    }
    lines
}

fn anchor_corpus() -> Option<Vec<String>> {
    let dir = std::env::var("ANCHORS_DATA").unwrap_or_else(|_| "/tmp/anchors-data".into());
    let text = std::fs::read_to_string(format!("{dir}/redact_corpus_v2_seed42_5MB.txt")).ok()?;
    Some(text.lines().map(str::to_owned).collect())
}

fn bench_lines(c: &mut Criterion, name: &str, lines: &[String]) {
    let policy = CompiledPolicy::builtin();
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mut group = c.benchmark_group(format!("redaction/{name}"));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("analyze", |b| {
        b.iter(|| lines.iter().map(|l| policy.analyze(black_box(l)).map_or(0, |f| f.len())).sum::<usize>())
    });
    group.bench_function("redact", |b| {
        b.iter(|| lines.iter().map(|l| policy.redact_text(black_box(l)).map_or(0, |t| t.len())).sum::<usize>())
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_lines(c, "clean_prose", &prose(4 << 20));
    bench_lines(c, "clean_logs", &clean_logs(4 << 20));
    bench_lines(c, "dense_logs", &dense_logs(4 << 20));
    match anchor_corpus() {
        Some(lines) => bench_lines(c, "anchor_corpus", &lines),
        None => eprintln!("anchor corpus not generated: skipped (see shared/bench/anchors)"),
    }
}

criterion_group!(redaction, benches);
criterion_main!(redaction);
