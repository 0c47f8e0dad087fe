#!/usr/bin/env bash
# Builds our bindings in the release profile for the "ours" slots: the Python package into the
# anchors venv ($ANCHORS_VENV, default /tmp/anchors-venv) and the Node addon in place
# (bindings/node/native, which rl_node.mjs imports as `shared-platform`). Run setup.sh first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV=${ANCHORS_VENV:-/tmp/anchors-venv}
cd "$ROOT"
source ci/env.sh
"$VENV/bin/pip" install -q 'maturin>=1.9.4,<2'
PATH="$VENV/bin:$PATH" "$VENV/bin/pip" install -q --no-build-isolation --force-reinstall --no-deps .
[ -d node_modules/@napi-rs/cli ] || npm install --no-audit --no-fund --loglevel=error --ignore-scripts
SHARED_PLATFORM_NODE_PROFILE=release node bindings/node/scripts/build.js
echo "ours: release builds ready (python: $VENV, node: bindings/node/native)"
