'use strict';
// The redaction client of a scope (`scope.redaction`).
const {
  NativeRedactor,
  redactionRedactText,
  redactionRedact,
  redactionAnalyze,
} = require('../../native/native.js');
const { fromNative, guard, guardAsync } = require('../convert');
const { policyToWire, policyFromWire, redactedJsonFromWire, finding } = require('./policy');

function checkText(text) {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
}

const redactedOf = (text, native) =>
  Object.freeze({ text: native.text ?? text, findings: Object.freeze(native.findings.map(finding)) });

/** PII and secret redaction for one scope, with the scope's policy. Text calls are plain native
 * functions (no JSON); `…Sync` forms run on the calling thread, the others on the thread pool. */
class RedactionClient {
  constructor(scope) {
    this._scope = scope;
    this._native = guard(() => new NativeRedactor(scope._engine._native, scope._scope));
    this._id = this._native.id;
  }

  /** The redacted text alone (the logging hot path); the same string when nothing was found. */
  redactTextSync(text) {
    checkText(text);
    let out;
    try {
      out = redactionRedactText(this._id, text);
    } catch (err) {
      throw fromNative(err);
    }
    return out ?? text;
  }

  /** {@link redactTextSync} off the event loop. */
  async redactText(text) {
    checkText(text);
    return (await guardAsync(this._native.redactTextAsync(text))) ?? text;
  }

  /** The redacted text and the findings (offsets into the input). */
  redactSync(text) {
    checkText(text);
    let out;
    try {
      out = redactionRedact(this._id, text);
    } catch (err) {
      throw fromNative(err);
    }
    return redactedOf(text, out);
  }

  /** {@link redactSync} off the event loop. */
  async redact(text) {
    checkText(text);
    return redactedOf(text, await guardAsync(this._native.redactAsync(text)));
  }

  /** The findings in `text`, which is not changed. */
  analyzeSync(text) {
    checkText(text);
    let out;
    try {
      out = redactionAnalyze(this._id, text);
    } catch (err) {
      throw fromNative(err);
    }
    return Object.freeze(out.map(finding));
  }

  /** {@link analyzeSync} off the event loop. */
  async analyze(text) {
    checkText(text);
    return Object.freeze((await guardAsync(this._native.analyzeAsync(text))).map(finding));
  }

  /** Redacts a JSON-compatible value: sensitive field names replaced whole, other strings scanned. */
  redactJsonSync(value) {
    return redactedJsonFromWire(this._scope._call('redaction.redact_json', { value }));
  }

  /** {@link redactJsonSync} off the event loop. */
  async redactJson(value) {
    return redactedJsonFromWire(await this._scope._callAsync('redaction.redact_json', { value }));
  }

  /** The scope's own policy; RedactionPolicyNotFoundError when it has none. */
  getPolicySync() {
    return policyFromWire(this._scope._call('redaction.get_policy', {}));
  }

  /** {@link getPolicySync} off the event loop. */
  async getPolicy() {
    return policyFromWire(await this._scope._callAsync('redaction.get_policy', {}));
  }

  /** Creates or replaces the scope's policy (InvalidPatternError names `customPatterns[i].pattern`). */
  putPolicySync(policy) {
    return policyFromWire(this._scope._call('redaction.put_policy', policyToWire(policy)));
  }

  /** {@link putPolicySync} off the event loop. */
  async putPolicy(policy) {
    return policyFromWire(await this._scope._callAsync('redaction.put_policy', policyToWire(policy)));
  }

  /** Deletes the scope's policy; RedactionPolicyNotFoundError when it has none. */
  deletePolicySync() {
    this._scope._call('redaction.delete_policy', {});
  }

  /** {@link deletePolicySync} off the event loop. */
  async deletePolicy() {
    await this._scope._callAsync('redaction.delete_policy', {});
  }

  /** The merged policy in force: built-in defaults, then the platform's, then the scope's. */
  effectivePolicySync() {
    return policyFromWire(this._scope._call('redaction.effective_policy', {}));
  }

  /** {@link effectivePolicySync} off the event loop. */
  async effectivePolicy() {
    return policyFromWire(await this._scope._callAsync('redaction.effective_policy', {}));
  }
}

module.exports = { RedactionClient };
