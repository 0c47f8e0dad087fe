'use strict';
// Builds the native addon with the napi CLI (run by `npm install`). Release by default;
// SHARED_PLATFORM_NODE_PROFILE=dev builds the dev profile instead and shares the workspace's
// dev build (CI).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const cliPackage = require.resolve('@napi-rs/cli/package.json', { paths: [root, __dirname] });
const cliBin = require(cliPackage).bin;
const cli = path.join(path.dirname(cliPackage), typeof cliBin === 'string' ? cliBin : cliBin.napi);
const profile = process.env.SHARED_PLATFORM_NODE_PROFILE || 'release';

const args = [
  cli, 'build', '--platform',
  '--manifest-path', path.join(root, 'bindings', 'node', 'Cargo.toml'),
  '--package-json-path', path.join(root, 'package.json'),
  '--output-dir', path.join(root, 'bindings', 'node', 'native'),
  '--js', 'native.js', '--dts', 'native.d.ts',
  ...(profile === 'release' ? ['--release'] : []),
];
execFileSync(process.execPath, args, { stdio: 'inherit', cwd: root });
