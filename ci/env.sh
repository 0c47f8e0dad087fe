# Sourced by the ci/ scripts: one target triple for every build (the napi CLI always passes
# --target, so plain cargo builds use it too and nothing is compiled twice).
CARGO_BUILD_TARGET="${CARGO_BUILD_TARGET:-$(rustc -vV | sed -n 's/^host: //p')}"
export CARGO_BUILD_TARGET
export CARGO_TERM_COLOR=never
TARGET_ROOT="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
ARTIFACTS="$TARGET_ROOT/$CARGO_BUILD_TARGET/debug"
export TARGET_ROOT ARTIFACTS
# CI builds each thing once from a clean tree: incremental caches only cost disk (~1.5 GB).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
