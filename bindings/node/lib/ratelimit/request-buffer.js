'use strict';
// A decision's request crosses into native code as ONE Buffer, shared by the clients of this
// module (JavaScript runs one call at a time, and each call reads its answer before returning),
// instead of up to fourteen arguments (N-API converts each string twice and type-checks each
// optional one). The same buffer brings the decision's numbers back. The shared buffer is
// registered with the addon once per thread, so the call then passes no argument at all.
// Layout (native byte order), shared with bindings/node/src/request_buffer.rs:
//   bytes 0..120    out: 14 decision numbers (core `CompactDecision` order), then the policy slot
//   bytes 120..128  in:  the cost (Float64; read when flag HAS_COST is set)
//   bytes 128..     in:  Uint32 words: limiter id, mode, role count, header-pair count, flags,
//                        data offset, then the UTF-8 byte length of endpoint, method, user, ip,
//                        apiKey, plan, country, userAgent (ABSENT = not given), of each role, of
//                        each header name and value
//   data offset..   in:  those strings' UTF-8 bytes, back to back
// A request that does not fit the shared buffer (long strings, many roles or headers) is encoded
// into a buffer sized for it and passed as the argument; the native side reads both alike.

const NUMBER_SLOTS = 16;
const POLICY_SLOT = 14;
const COST_SLOT = 15;
const WORDS_AT = NUMBER_SLOTS * 8;
const FIXED_WORDS = 6;
const FIELDS = 8;
const ABSENT = 0xffffffff;
const HAS_COST = 1;
/** Room in the shared buffer: words for 24 roles or header strings, 2 KiB of strings. */
const SHARED_WORDS = FIXED_WORDS + FIELDS + 24;
const SHARED_DATA_BYTES = 2048;
/** UTF-8 bytes per UTF-16 code unit, at most. */
const MAX_BYTES_PER_UNIT = 3;

const encoder = new TextEncoder();

/** One request/decision buffer and its views. */
class RequestBuffer {
  /** A buffer with `words` header words and `dataBytes` bytes of strings. */
  constructor(words, dataBytes) {
    const dataAt = WORDS_AT + 4 * words;
    const memory = new ArrayBuffer(dataAt + dataBytes);
    /** What the native call takes. */
    this.bytes = Buffer.from(memory);
    /** The decision's numbers after a call. */
    this.numbers = new Float64Array(memory, 0, NUMBER_SLOTS);
    this.words = new Uint32Array(memory, WORDS_AT, words);
    this.dataAt = dataAt;
    // The endpoint and method written last (first in the data, so they stay valid until replaced).
    this.endpoint = null;
    this.method = null;
    this.afterMethod = 0;
  }

  /** A buffer of the shared size. */
  static shared() {
    return new RequestBuffer(SHARED_WORDS, SHARED_DATA_BYTES);
  }

  /** A buffer that surely holds `r` with `flatHeaders`. */
  static sizedFor(r, flatHeaders) {
    const strings = [r.endpoint, r.method ?? 'GET', r.user, r.ip, r.apiKey, r.plan, r.country, r.userAgent,
      ...(r.roles ?? []), ...(flatHeaders ?? [])];
    let units = 0;
    for (const s of strings) if (typeof s === 'string') units += s.length;
    return new RequestBuffer(FIXED_WORDS + strings.length, units * MAX_BYTES_PER_UNIT);
  }

  /** Encodes `r` (a checked request) with `flatHeaders` (flat [name, value…] or undefined) for
   * limiter `id` and `mode` (0 consume, 1 check, 2 enforce); false when it does not fit. Throws
   * TypeError for a field of the wrong type. */
  encode(id, mode, r, flatHeaders) {
    const words = this.words;
    const roles = r.roles;
    if (roles !== undefined && roles !== null && !Array.isArray(roles)) throw new TypeError('request.roles must be an array of strings');
    const roleCount = roles == null ? 0 : roles.length;
    const pairCount = flatHeaders === undefined ? 0 : flatHeaders.length >> 1;
    let w = FIXED_WORDS + FIELDS;
    if (w + roleCount + 2 * pairCount > words.length) return false;
    words[0] = id;
    words[1] = mode;
    words[2] = roleCount;
    words[3] = pairCount;
    words[4] = this.#cost(r.cost);
    words[5] = this.dataAt;
    let at = this.#endpointAndMethod(r.endpoint, r.method ?? 'GET');
    if (at < 0) return false;
    at = this.#optional(r.user, 'user', FIXED_WORDS + 2, at);
    at = this.#optional(r.ip, 'ip', FIXED_WORDS + 3, at);
    at = this.#optional(r.apiKey, 'apiKey', FIXED_WORDS + 4, at);
    at = this.#optional(r.plan, 'plan', FIXED_WORDS + 5, at);
    at = this.#optional(r.country, 'country', FIXED_WORDS + 6, at);
    at = this.#optional(r.userAgent, 'userAgent', FIXED_WORDS + 7, at);
    for (let i = 0; i < roleCount; i++) {
      if (typeof roles[i] !== 'string') throw new TypeError('request.roles must be an array of strings');
      at = this.#string(roles[i], w++, at);
    }
    for (let i = 0; i < 2 * pairCount; i++) at = this.#string(flatHeaders[i], w++, at);
    return at >= 0;
  }

  #cost(cost) {
    if (cost === undefined || cost === null) return 0;
    if (typeof cost !== 'number') throw new TypeError('request.cost must be a number');
    this.numbers[COST_SLOT] = cost;
    return HAS_COST;
  }

  /** Writes endpoint and method unless they are the ones already there; the data end or -1. */
  #endpointAndMethod(endpoint, method) {
    if (endpoint === this.endpoint && method === this.method) return this.afterMethod;
    if (typeof method !== 'string') throw new TypeError('request.method must be a string');
    this.endpoint = null;
    let at = this.#string(endpoint, FIXED_WORDS, this.dataAt);
    at = this.#string(method, FIXED_WORDS + 1, at);
    if (at < 0) return -1;
    this.endpoint = endpoint;
    this.method = method;
    this.afterMethod = at;
    return at;
  }

  #optional(value, name, word, at) {
    if (value === undefined || value === null) {
      this.words[word] = ABSENT;
      return at;
    }
    if (typeof value !== 'string') throw new TypeError(`request.${name} must be a string`);
    return this.#string(value, word, at);
  }

  /** Writes `s` at byte `at` and its length into `word`; the new end, or -1 when it does not fit
   * (or `at` is already -1). ASCII is copied by a loop (cheaper than a native encoder call for
   * short strings); anything else goes through TextEncoder. */
  #string(s, word, at) {
    if (at < 0) return -1;
    const bytes = this.bytes;
    const n = s.length;
    if (at + n > bytes.length) return -1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return this.#utf8(s, word, at);
      bytes[at + i] = c;
    }
    this.words[word] = n;
    return at + n;
  }

  #utf8(s, word, at) {
    const { read, written } = encoder.encodeInto(s, this.bytes.subarray(at));
    if (read !== s.length) return -1;
    this.words[word] = written;
    return at + written;
  }
}

module.exports = { RequestBuffer, POLICY_SLOT };
