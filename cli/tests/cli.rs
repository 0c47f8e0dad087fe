//! The `shared-platform` binary, run as a user would.

use std::process::Command;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shared-platform")).args(args).env_remove("RUST_LOG").output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn version_and_help() {
    let (ok, out, _) = run(&["--version"]);
    assert!(ok);
    assert_eq!(out.trim(), format!("shared-platform {}", env!("CARGO_PKG_VERSION")));
    let (ok, out, _) = run(&["--help"]);
    assert!(ok);
    assert!(out.contains("demo"), "{out}");
}

#[test]
fn demo_walks_through_the_engine() {
    let (ok, out, err) = run(&["demo"]);
    assert!(ok, "{err}");
    for expected in ["InvalidTenant (1100)", "fails whole", "verify(acme): valid=true records=2", "EngineClosed (1102)"]
    {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[test]
fn demo_with_a_database_file_keeps_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (ok, _, err) = run(&["demo", "--database", db.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(db.exists());
    let (ok, out, _) = run(&["demo", "--database", db.to_str().unwrap()]);
    assert!(!ok, "a second demo on the same file hits the existing records");
    assert!(out.contains("embedded demo"));
}

#[test]
fn a_bad_setting_is_reported_by_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_shared-platform"))
        .arg("demo")
        .env("SHARED_PLATFORM_WORKER_THREADS", "lots")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SHARED_PLATFORM_WORKER_THREADS"), "{err}");
}

#[test]
fn redact_filters_stdin_lines() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_shared-platform"))
        .args(["redact", "--stats"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"login ok for alice@example.com password=hunter2\nplain line\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("alice@example.com") && !stdout.contains("hunter2"), "{stdout}");
    assert_eq!(stdout.lines().nth(1), Some("plain line"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lines=2"));
}

#[test]
fn authz_test_runs_an_openfga_store_test_file() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/authz/documents.fga.yaml");
    let (ok, out, err) = run(&["authz", "test", file]);
    assert!(ok, "{out}{err}");
    assert_eq!(out.lines().last(), Some("8 passed, 0 failed"));
    let (ok, _, err) = run(&["authz", "test", "/nonexistent.fga.yaml"]);
    assert!(!ok);
    assert!(err.contains("cannot read"), "{err}");
}
