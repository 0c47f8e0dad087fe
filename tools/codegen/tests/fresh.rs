//! The committed binding files match what the core's tables generate.

fn check(relative: &str, rendered: String) {
    let path = format!("{}/../../{relative}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "{relative} is stale: run `UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen`"
    );
}

#[test]
fn python_errors_are_fresh() {
    check("bindings/python/python/shared_platform/errors.py", shared_platform_codegen::render_python_errors());
}
