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

#[test]
fn node_errors_are_fresh() {
    check("bindings/node/lib/errors.js", shared_platform_codegen::render_node_errors_js());
    check("bindings/node/lib/errors.d.ts", shared_platform_codegen::render_node_errors_dts());
}

#[test]
fn java_errors_are_fresh() {
    let dir = format!("{}/../../{}", env!("CARGO_MANIFEST_DIR"), shared_platform_codegen::JAVA_ERRORS_DIR);
    let files = shared_platform_codegen::render_java_errors();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let handwritten = ["PlatformException.java", "ErrorInfo.java"];
            if !handwritten.iter().any(|name| path.ends_with(name)) {
                std::fs::remove_file(path).unwrap();
            }
        }
    }
    for (name, content) in &files {
        check(&format!("{}/{name}", shared_platform_codegen::JAVA_ERRORS_DIR), content.clone());
    }
    let expected = files.len() + 2;
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), expected, "stray files in {dir}");
}
