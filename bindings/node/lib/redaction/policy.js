'use strict';
// Redaction policies and results between camelCase JavaScript and the engine's JSON. Operators
// are keyed by entity name (`CREDIT_CARD`, custom names), which the generic mapper must not rename.
const { fromWire, toWire } = require('../wire');

const OPERATOR_TYPES = new Set(['replace', 'mask', 'partial', 'hash', 'drop']);

function operatorToWire(op, field) {
  const operator = typeof op === 'string' ? { type: op } : op;
  if (operator === null || typeof operator !== 'object' || !OPERATOR_TYPES.has(operator.type)) {
    throw new TypeError(`${field}: an operator is { type: 'replace' | 'mask' | 'partial' | 'hash' | 'drop', … }`);
  }
  return toWire(operator);
}

/** A camelCase policy to the engine's JSON. */
function policyToWire(policy) {
  if (policy === null || typeof policy !== 'object') throw new TypeError('a policy object is required');
  const { operators, defaultOperator, ...rest } = policy;
  const wire = toWire(rest);
  if (defaultOperator !== undefined) wire.default_operator = operatorToWire(defaultOperator, 'defaultOperator');
  if (operators !== undefined) {
    wire.operators = {};
    for (const [entity, op] of Object.entries(operators)) wire.operators[entity] = operatorToWire(op, `operators.${entity}`);
  }
  return wire;
}

/** The engine's policy JSON to a frozen camelCase policy. */
function policyFromWire(raw) {
  const { operators = {}, ...rest } = raw;
  const mapped = {};
  for (const [entity, op] of Object.entries(operators)) mapped[entity] = fromWire(op);
  return Object.freeze({ ...fromWire(rest), operators: Object.freeze(mapped) });
}

/** A native finding, frozen. */
const finding = (f) => Object.freeze(f);

/** The engine's `redact_json` result: the document as is, findings camelCased and frozen. */
function redactedJsonFromWire(raw) {
  const findings = raw.findings.map((f) => Object.freeze({ path: f.path, finding: finding(fromWire(f.finding)) }));
  return Object.freeze({ value: raw.value, findings: Object.freeze(findings) });
}

module.exports = { policyToWire, policyFromWire, redactedJsonFromWire, finding };
