#!/usr/bin/env bash
# Called by Maven (generate-resources): builds the JNI library with cargo and copies it into
# target/classes/native/<os>-<arch>/ so the jar carries it. Profile: $1 (release by default).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
profile="${1:-release}"
cd "$here/../.."
cargo build --profile "$profile" -p shared-platform-java
root="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
dir="$([ "$profile" = dev ] && echo debug || echo "$profile")"
lib="$root/${CARGO_BUILD_TARGET:+$CARGO_BUILD_TARGET/}$dir/libshared_platform_java.so"
dest="$here/target/classes/native/linux-x86_64"
mkdir -p "$dest"
cp "$lib" "$dest/"
echo "packed $lib"
