'use strict';
// The one generic mapping between the engine's snake_case JSON and camelCase JavaScript models:
// keys are renamed recursively, `…At` fields and time ranges become Dates, results are frozen.
// User data is never renamed: a `value` field (condition operands) is copied as is, and the keys of
// `DATA_KEYED` maps (policy ids, scope names) are kept while their values are converted.
const { toRfc3339 } = require('./convert');

const DATA_KEYED = new Set(['by_scope', 'by_policy', 'byScope', 'byPolicy']);
const OPAQUE = new Set(['value', 'headers', 'metadata', 'context']);
const DATE_KEYS = /(_at|At)$|^(start|end)$/;

const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function mapObject(raw, rename, convert, key) {
  const out = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    const name = DATA_KEYED.has(key) ? k : rename(k);
    out[name] = DATA_KEYED.has(key) ? convert(v, undefined) : convert(v, k);
  }
  return out;
}

/** Engine JSON to a frozen camelCase model (Dates for timestamps). */
function fromWire(raw, key) {
  if (raw === null || raw === undefined) return raw ?? null;
  if (OPAQUE.has(key)) return raw;
  if (typeof raw === 'string' && key !== undefined && DATE_KEYS.test(key)) return new Date(raw);
  if (Array.isArray(raw)) return Object.freeze(raw.map((x) => fromWire(x, undefined)));
  if (typeof raw === 'object') return Object.freeze(mapObject(raw, camel, fromWire, key));
  return raw;
}

/** A camelCase request to engine JSON (Dates to RFC 3339, undefined fields dropped). */
function toWire(value, key) {
  if (value === null || value === undefined) return value;
  if (OPAQUE.has(key)) return value;
  if (value instanceof Date) return toRfc3339(value, key ?? 'date');
  if (Array.isArray(value)) return value.map((x) => toWire(x, undefined));
  if (typeof value === 'object') return mapObject(value, snake, toWire, key);
  return value;
}

module.exports = { fromWire, toWire };
