//! include/shared_platform.h must match what cbindgen generates from this crate.

#[test]
fn committed_header_is_fresh() {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let header_path = format!("{crate_dir}/../../include/shared_platform.h");
    let config = cbindgen::Config::from_file(format!("{crate_dir}/cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::generate_with_config(crate_dir, config).unwrap().write(&mut generated);
    let generated = String::from_utf8(generated).unwrap();
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&header_path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&header_path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/shared_platform.h is stale: run `UPDATE_HEADER=1 cargo test -p shared-platform-c --test header`"
    );
}
