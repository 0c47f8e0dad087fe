'use strict';
// Runs the language-neutral vectors of tests/conformance/ through the Node binding.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Engine, PlatformError } = require('../lib');

const VECTORS = path.resolve(__dirname, '..', '..', '..', 'tests', 'conformance');

/** Whether `actual` contains `expected` (the README's matching rule). */
function contains(actual, expected) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e));
  }
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => k in actual && contains(actual[k], v));
  }
  return actual === expected;
}

function substitute(value, saved) {
  if (typeof value === 'string' && value.startsWith('${') && value.endsWith('}')) {
    const name = value.slice(2, -1);
    assert.ok(name in saved, `nothing saved as ${value}`);
    return saved[name];
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, saved));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, saved)]));
  return value;
}

function pointer(doc, p) {
  return p.split('/').slice(1).reduce((node, part) => node[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

const errorView = (err) => ({ code: err.code, name: err.errorName, status: err.status, field: err.field });

function runStep(engine, step, saved) {
  const args = substitute(step.args ?? {}, saved);
  let result;
  try {
    result = engine.call(step.scope ?? '*', step.call, args);
  } catch (err) {
    assert.ok(err instanceof PlatformError, `${step.call}: ${err}`);
    assert.ok(step.expect_error, `${step.call}: unexpected ${err} (field ${err.field})`);
    assert.ok(contains(errorView(err), step.expect_error), `${step.call}: ${JSON.stringify(errorView(err))} vs ${JSON.stringify(step.expect_error)}`);
    return;
  }
  assert.ok(!step.expect_error, `${step.call}: expected error ${JSON.stringify(step.expect_error)}, got ${JSON.stringify(result)}`);
  if (step.expect !== undefined) {
    const expected = substitute(step.expect, saved);
    assert.ok(contains(result, expected), `${step.call}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(result)}`);
  }
  for (const [name, p] of Object.entries(step.save ?? {})) saved[name] = pointer(result, p);
}

for (const file of fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()) {
  const suite = JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'));
  for (const vector of suite.cases) {
    test(`${suite.module}: ${vector.name}`, () => {
      if (vector.engine_error) {
        assert.throws(() => Engine.fromOptions(vector.engine ?? {}), (err) => contains(errorView(err), vector.engine_error));
        return;
      }
      const engine = Engine.fromOptions(vector.engine ?? {});
      const saved = {};
      try {
        for (const step of vector.steps) runStep(engine, step, saved);
      } finally {
        engine.close();
      }
    });
  }
}
