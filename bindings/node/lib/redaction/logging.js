'use strict';
// Log integrations: pino (formatters.log and hooks) and winston (a format transform). Each
// redacts with a scope's RedactionClient before anything is written.
const { redactionRedactLine } = require('../../native/native.js');

/** What replaces a log object the engine refuses to redact (too large, too deep): never the original. */
const UNREDACTABLE = '[REDACTED: the log entry could not be redacted]';

const UNREDACTABLE_LINE = `${JSON.stringify({ msg: UNREDACTABLE })}\n`;
const MESSAGE = Symbol.for('message');

function checkClient(client) {
  if (client === null || typeof client !== 'object' || typeof client.redactTextSync !== 'function') {
    throw new TypeError('a RedactionClient (scope.redaction) is required');
  }
}

/** The redacted text, or {@link UNREDACTABLE} when the engine refuses it (a logger never throws). */
function safeText(client, text) {
  try {
    return client.redactTextSync(text);
  } catch {
    return UNREDACTABLE;
  }
}

/** A JSON-safe copy of a log object: Errors become { type, message, stack, …own fields }, bigints
 * strings, repeated or circular references '[Circular]'; functions and symbols are dropped. */
function jsonSafe(value) {
  const seen = new WeakSet();
  const replacer = (_key, v) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return { ...v, type: v.name, message: v.message, stack: v.stack };
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  };
  const text = JSON.stringify(value, replacer);
  return text === undefined ? null : JSON.parse(text);
}

/** Redacts a log object with the scope's JSON redaction (sensitive field names replaced whole,
 * strings scanned); keys in `keep` are left for the logger (e.g. pino's `err`, serialized later). */
function redactObject(client, object, keep) {
  const kept = {};
  const rest = {};
  for (const [key, value] of Object.entries(object)) {
    if (keep(key, value)) kept[key] = value;
    else rest[key] = value;
  }
  try {
    return { ...client.redactJsonSync(jsonSafe(rest)).value, ...kept };
  } catch {
    return { ...kept, redaction: UNREDACTABLE };
  }
}

/** pino `formatters`: `log` redacts the object logged with a message (sensitive field names
 * replaced whole, every string scanned). Errors are left to pino's `err` serializer; add
 * {@link redactionHooks} (or use {@link pinoRedaction}) to redact messages and serialized errors. */
function redactionFormatters(client) {
  checkClient(client);
  return {
    log: (object) => redactObject(client, object, (_key, value) => value instanceof Error),
  };
}

/** pino `hooks`: `logMethod` redacts the message and its string arguments, `streamWrite` redacts
 * the finished JSON line (serialized errors, bindings, everything), a JSON line stays valid JSON. */
function redactionHooks(client) {
  checkClient(client);
  const id = client._id;
  return {
    logMethod(args, method) {
      const redacted = args.map((arg) => (typeof arg === 'string' ? safeText(client, arg) : arg));
      return method.apply(this, redacted);
    },
    streamWrite(line) {
      let redacted = null;
      try {
        redacted = redactionRedactLine(id, line, true);
      } catch {
        // fall through: never the original
      }
      // a pino line is a JSON object; anything else is the engine's "line too large" marker
      return redacted !== null && redacted.startsWith('{') ? redacted : UNREDACTABLE_LINE;
    },
  };
}

/** pino options redacting every log line: `pino({ ...pinoRedaction(scope.redaction) })`. */
function pinoRedaction(client) {
  return { formatters: redactionFormatters(client), hooks: redactionHooks(client) };
}

/** A winston format transform: `winston.format(winstonRedaction(scope.redaction))()`. Redacts the
 * info object (message, metadata; sensitive field names replaced whole) and, when an earlier
 * format already rendered it, the final message. `level` and winston's symbols are kept. */
function winstonRedaction(client) {
  checkClient(client);
  return (info) => {
    const redacted = redactObject(client, info, (key) => key === 'level');
    for (const key of Object.keys(info)) delete info[key];
    Object.assign(info, redacted);
    if (typeof info[MESSAGE] === 'string') info[MESSAGE] = safeText(client, info[MESSAGE]);
    return info;
  };
}

module.exports = { UNREDACTABLE, redactionFormatters, redactionHooks, pinoRedaction, winstonRedaction };
