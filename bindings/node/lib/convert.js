'use strict';
// Conversions at the boundary: engine errors to error classes, timestamps to Date.
const errors = require('./errors');

const ERROR_PREFIX = 'SPERR:';

/** Turns an error thrown by the native addon into the matching error class. */
function fromNative(err) {
  const message = err && typeof err.message === 'string' ? err.message : '';
  if (!message.startsWith(ERROR_PREFIX)) return err;
  let payload;
  try {
    payload = JSON.parse(message.slice(ERROR_PREFIX.length));
  } catch {
    return err;
  }
  const Class = errors.ERRORS_BY_CODE[payload.code] || errors.PlatformError;
  return new Class(payload.message, {
    code: payload.code,
    detail: payload.detail,
    field: payload.field,
    retryAfter: payload.retryAfterMs == null ? null : payload.retryAfterMs / 1000,
  });
}

/** Calls a native function, rethrowing engine errors as error classes. */
function guard(fn) {
  try {
    return fn();
  } catch (err) {
    throw fromNative(err);
  }
}

/** Awaits a native promise, rejecting with error classes. */
async function guardAsync(promise) {
  try {
    return await promise;
  } catch (err) {
    throw fromNative(err);
  }
}

/** Parses the engine's RFC 3339 text (millisecond precision in a Date). */
function toDate(text) {
  return new Date(text);
}

/** Formats a Date (or passes RFC 3339 text through). */
function toRfc3339(value, field) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new errors.ValidationError(`${field}: invalid Date`, { field });
    return value.toISOString();
  }
  if (typeof value === 'string') return value;
  throw new TypeError(`${field} must be a Date or an RFC 3339 string`);
}

module.exports = { fromNative, guard, guardAsync, toDate, toRfc3339 };
