//! Accuracy on the anchor harness' corpus (shared/bench/anchors/redact_python.py), when it has
//! been generated (`$ANCHORS_DATA`, default /tmp/anchors-data): per-entity precision, recall
//! and F1 on the six entity types the corpus labels, scored like the harness (a labelled value
//! is found when a finding of the same type overlaps it; a finding of those types overlapping no
//! label of its type is a false positive). Skipped when the corpus is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

use shared_platform_core::redaction::CompiledPolicy;

const TYPES: &[&str] = &["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "US_SSN"];

#[test]
fn anchor_corpus_accuracy() {
    let dir = PathBuf::from(std::env::var("ANCHORS_DATA").unwrap_or_else(|_| "/tmp/anchors-data".into()));
    let corpus = dir.join("redact_corpus_v2_seed42_5MB.txt");
    let truth = dir.join("redact_corpus_v2_seed42_5MB.truth.jsonl");
    let (Ok(text), Ok(labels)) = (std::fs::read_to_string(&corpus), std::fs::read_to_string(&truth)) else {
        eprintln!("anchor corpus not found under {}: skipped", dir.display());
        return;
    };
    let policy = CompiledPolicy::builtin();
    // entity -> (true positives, false positives, labelled, labelled found)
    let mut counts: BTreeMap<&str, [usize; 4]> = TYPES.iter().map(|t| (*t, [0; 4])).collect();
    let mut misses: Vec<String> = Vec::new();
    let mut false_pos: Vec<String> = Vec::new();
    for (line, label_line) in text.lines().zip(labels.lines()) {
        let spans: Vec<(String, usize, usize)> = serde_json::from_str(label_line).unwrap();
        let found = policy.analyze(line).unwrap();
        for (entity, s, e) in &spans {
            let c = counts.get_mut(entity.as_str()).unwrap();
            c[2] += 1;
            if found.iter().any(|f| f.entity == *entity && f.char_start < *e && f.char_end > *s) {
                c[3] += 1;
            } else if misses.len() < 15 {
                misses.push(format!("{entity} {:?} in {line}", line.chars().skip(*s).take(e - s).collect::<String>()));
            }
        }
        for f in found.iter().filter(|f| TYPES.contains(&f.entity.as_ref())) {
            let c = counts.get_mut(f.entity.as_ref()).unwrap();
            if spans.iter().any(|(t, s, e)| *t == f.entity && f.char_start < *e && f.char_end > *s) {
                c[0] += 1;
            } else {
                c[1] += 1;
                if false_pos.len() < 15 {
                    false_pos.push(format!("{} {:?} in {line}", f.entity, &line[f.start..f.end]));
                }
            }
        }
    }
    println!("{:<14} {:>9} {:>9} {:>9} {:>8} {:>6}", "entity", "precision", "recall", "F1", "labels", "FP");
    for (entity, [tp, fp, labelled, hit]) in &counts {
        let precision = *tp as f64 / (*tp + *fp).max(1) as f64;
        let recall = *hit as f64 / (*labelled).max(1) as f64;
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
        println!("{entity:<14} {precision:>9.4} {recall:>9.4} {f1:>9.4} {labelled:>8} {fp:>6}");
    }
    for m in &misses {
        println!("miss: {m}");
    }
    for m in &false_pos {
        println!("false positive: {m}");
    }
    for (entity, [_, _, labelled, hit]) in &counts {
        assert!(*hit as f64 >= 0.98 * *labelled as f64, "{entity} recall below 98%");
    }
}
