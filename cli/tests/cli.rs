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
