//! `shared-platform authz test <file.fga.yaml>`: runs a store test file in the OpenFGA CLI's
//! `fga model test` format and ends with the line `N passed, M failed`.

use std::io::Write;
use std::path::Path;

use shared_platform_core::authz::TupleKey;
use shared_platform_core::authz::testfile::{StoreTestFile, run_store_tests};

/// Runs the test file, writing one line per assertion and the summary to `out`. Returns true
/// when every assertion passed; an unreadable or malformed file is an error message.
pub fn run_authz_test(path: &Path, out: &mut dyn Write) -> Result<bool, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: StoreTestFile =
        serde_norway::from_str(&text).map_err(|e| format!("{}: invalid test file: {e}", path.display()))?;
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let model = match (&file.model, &file.model_file) {
        (Some(model), _) => model.clone(),
        (None, Some(model_file)) => {
            let model_path = base.join(model_file);
            std::fs::read_to_string(&model_path).map_err(|e| format!("cannot read {}: {e}", model_path.display()))?
        }
        (None, None) => return Err(format!("{}: neither model nor model_file is set", path.display())),
    };
    let mut tuples = file.tuples.clone().unwrap_or_default();
    for tuple_file in file.tuple_file.iter().chain(file.tuple_files.iter().flatten()) {
        tuples.extend(read_tuples(&base.join(tuple_file))?);
    }
    let report = run_store_tests(&file, &model, &tuples);
    let write_err = |e: std::io::Error| format!("cannot write output: {e}");
    for line in &report.lines {
        writeln!(out, "{line}").map_err(write_err)?;
    }
    writeln!(out, "{} passed, {} failed", report.passed, report.failed).map_err(write_err)?;
    Ok(report.failed == 0)
}

/// Reads a tuple file: a YAML or JSON list of tuples.
fn read_tuples(path: &Path) -> Result<Vec<TupleKey>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_norway::from_str(&text).map_err(|e| format!("{}: invalid tuple file: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::run_authz_test;

    const FILE: &str = r#"
name: docs
model_file: model.fga
tuple_file: tuples.yaml
tuples:
  - user: user:bob
    relation: editor
    object: doc:1
tests:
  - name: viewers
    check:
      - user: user:anne
        object: doc:1
        assertions:
          viewer: true
          editor: false
      - users: [user:bob, user:carl]
        object: doc:1
        assertions:
          viewer: true
    list_objects:
      - user: user:anne
        type: doc
        assertions:
          viewer: [doc:1]
    list_users:
      - object: doc:1
        user_filter:
          - type: user
        assertions:
          viewer:
            users: [user:anne, user:bob]
"#;

    #[test]
    fn runs_a_store_test_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("model.fga"), "model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define editor: [user]\n    define viewer: [user] or editor\n").expect("model");
        std::fs::write(dir.path().join("tuples.yaml"), "- user: user:anne\n  relation: viewer\n  object: doc:1\n")
            .expect("tuples");
        let path = dir.path().join("store.fga.yaml");
        std::fs::write(&path, FILE).expect("file");
        let mut out = Vec::new();
        let ok = run_authz_test(&path, &mut out).expect("runs");
        let text = String::from_utf8(out).expect("utf8");
        assert!(!ok, "user:carl is not a viewer");
        assert!(text.ends_with("5 passed, 1 failed\n"), "{text}");
        assert!(text.contains("FAIL viewers: check user:carl viewer doc:1"), "{text}");
    }

    #[test]
    fn missing_files_are_errors() {
        let mut out = Vec::new();
        assert!(run_authz_test(std::path::Path::new("/nonexistent/x.fga.yaml"), &mut out).is_err());
    }
}
