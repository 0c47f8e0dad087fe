//! The request of a rate-limit decision as ONE byte buffer, so a synchronous decision crosses
//! N-API as a single `Buffer` argument instead of a string conversion (length query + copy)
//! and a `napi_typeof` per field. lib/ratelimit/request-buffer.js writes it; the same buffer
//! carries the decision back. Layout (native byte order):
//!
//! | bytes | content |
//! |---|---|
//! | `0..120` | out: the 14 `CompactDecision` numbers, then the policy slot (`f64`) |
//! | `120..128` | in: the cost (`f64`, read when the `HAS_COST` flag is set) |
//! | `128..` | in: `u32` words: limiter id, mode, role count, header-pair count, flags, data offset, then the byte length of endpoint, method, user, ip, api_key, plan, country, user_agent (`ABSENT` = not given), each role, each header name and value |
//! | data offset.. | in: those strings' UTF-8 bytes, back to back (validated as UTF-8 in one pass) |
//!
//! The JavaScript module's clients share one such buffer, registered once per JS thread
//! (`rate_limit_register_buffer`), so the hot call takes no napi argument at all; a buffer that
//! is not registered (an oversize request) is passed as the one argument of `rate_limit_decide`.

use std::collections::BTreeMap;

use shared_platform_core::PlatformError;
use shared_platform_core::ratelimit::{CompactDecision, RateLimitRequest};

/// Bytes of the number slots at the start (16 `f64`).
const NUMBER_BYTES: usize = 128;
/// Index of the cost among the number slots.
const COST_SLOT: usize = 15;
/// Words before the per-string lengths.
const FIXED_WORDS: usize = 6;
/// Optional strings with a fixed position: endpoint, method, user, ip, api_key, plan, country,
/// user_agent.
const FIELDS: usize = 8;
/// The length word of a string that was not given.
const ABSENT: u32 = u32::MAX;
/// Flag: a cost is given.
const HAS_COST: u32 = 1;

fn malformed(what: &str) -> PlatformError {
    PlatformError::validation("request", format!("malformed request buffer ({what})"))
}

/// A decoded request borrowing its strings from the buffer.
pub(crate) struct Decoded<'a> {
    /// The limiter id.
    pub(crate) id: u32,
    /// The mode code (0 consume, 1 check, 2 enforce).
    pub(crate) mode: u32,
    fields: [Option<&'a str>; FIELDS],
    roles: Vec<&'a str>,
    headers: Vec<(&'a str, &'a str)>,
    cost: Option<i64>,
}

impl<'a> Decoded<'a> {
    /// Runs `f` with the borrowed [`RateLimitRequest`] (endpoint and method default to "").
    pub(crate) fn with_request<R>(&self, f: impl FnOnce(&RateLimitRequest<'_>) -> R) -> R {
        let [endpoint, method, user, ip, api_key, plan, country, user_agent] = self.fields;
        f(&RateLimitRequest {
            endpoint: endpoint.unwrap_or_default(),
            method: method.unwrap_or_default(),
            user,
            ip,
            api_key,
            roles: &self.roles,
            plan,
            country,
            user_agent,
            headers: &self.headers,
            cost: self.cost,
        })
    }
}

/// What is wrong with a buffer (a small error while decoding, turned into a `PlatformError` once).
type Malformed = &'static str;

/// The header words, known to be in bounds.
struct Words<'a>(&'a [u8]);

impl Words<'_> {
    /// The `u32` word `index` (callers stay below the count checked in [`decode`]).
    fn get(&self, index: usize) -> u32 {
        let mut word = [0u8; 4];
        word.copy_from_slice(&self.0[index * 4..index * 4 + 4]);
        u32::from_ne_bytes(word)
    }
}

/// Reads the `f64` number slot `index` of `numbers`.
fn number(numbers: &[u8], index: usize) -> f64 {
    let mut slot = [0u8; 8];
    slot.copy_from_slice(&numbers[index * 8..index * 8 + 8]);
    f64::from_ne_bytes(slot)
}

/// The cost as N-API's `napi_get_value_int64` converts a number (what the string-argument API
/// did): truncated toward zero, saturated to the `i64` range, non-finite values as 0.
fn cost_of(value: f64) -> i64 {
    if value.is_finite() { value as i64 } else { 0 }
}

/// Cuts the data region (already validated as UTF-8) into the strings the length words describe.
struct Strings<'a> {
    data: &'a str,
    at: usize,
}

impl<'a> Strings<'a> {
    fn next(&mut self, length: u32) -> Result<Option<&'a str>, Malformed> {
        if length == ABSENT {
            return Ok(None);
        }
        let end = self.at.checked_add(length as usize).ok_or("string length")?;
        // `get` fails on a length past the end or one that splits a character.
        let text = self.data.get(self.at..end).ok_or("string length")?;
        self.at = end;
        Ok(Some(text))
    }

    fn required(&mut self, length: u32) -> Result<&'a str, Malformed> {
        self.next(length)?.ok_or("absent role or header")
    }
}

/// Decodes the request part of a buffer (`numbers`: its first [`NUMBER_BYTES`], `input`: the rest).
pub(crate) fn decode<'a>(numbers: &[u8], input: &'a [u8]) -> Result<Decoded<'a>, PlatformError> {
    decode_parts(numbers, input).map_err(malformed)
}

fn decode_parts<'a>(numbers: &[u8], input: &'a [u8]) -> Result<Decoded<'a>, Malformed> {
    let fixed = Words(input.get(..FIXED_WORDS * 4).ok_or("header")?);
    let (id, mode, role_count, pair_count) = (fixed.get(0), fixed.get(1), fixed.get(2) as usize, fixed.get(3) as usize);
    let count = (FIXED_WORDS + FIELDS).saturating_add(role_count).saturating_add(pair_count.saturating_mul(2));
    let data_at = (fixed.get(5) as usize).checked_sub(NUMBER_BYTES).ok_or("data offset")?;
    if count.saturating_mul(4) > data_at || data_at > input.len() {
        return Err("data offset");
    }
    let words = Words(&input[..count * 4]);
    let total = (FIXED_WORDS..count).map(|i| words.get(i)).filter(|l| *l != ABSENT).map(|l| l as usize).sum();
    let data = input[data_at..].get(..total).ok_or("string length")?;
    let mut strings = Strings { data: std::str::from_utf8(data).map_err(|_| "UTF-8")?, at: 0 };
    let mut fields = [None; FIELDS];
    for (index, field) in fields.iter_mut().enumerate() {
        *field = strings.next(words.get(FIXED_WORDS + index))?;
    }
    let headers_at = FIXED_WORDS + FIELDS + role_count;
    let roles = if role_count == 0 {
        Vec::new()
    } else {
        (FIXED_WORDS + FIELDS..headers_at).map(|i| strings.required(words.get(i))).collect::<Result<_, _>>()?
    };
    let headers = if pair_count == 0 { Vec::new() } else { header_map(&mut strings, &words, headers_at..count)? };
    let cost = (fixed.get(4) & HAS_COST != 0).then(|| cost_of(number(numbers, COST_SLOT)));
    Ok(Decoded { id, mode, fields, roles, headers, cost })
}

/// The header pairs in name order, the last value winning for a repeated name: what the
/// string-argument API's map did.
fn header_map<'a>(
    strings: &mut Strings<'a>,
    words: &Words<'_>,
    indexes: std::ops::Range<usize>,
) -> Result<Vec<(&'a str, &'a str)>, Malformed> {
    let mut headers = BTreeMap::new();
    for i in indexes.step_by(2) {
        let name = strings.required(words.get(i))?;
        headers.insert(name, strings.required(words.get(i + 1))?);
    }
    Ok(headers.into_iter().collect())
}

/// Writes the decision's numbers and the policy slot into the number slots.
pub(crate) fn write_numbers(numbers: &mut [u8], decision: &CompactDecision, slot: i64) {
    let values = decision.0.iter().map(|v| *v as f64).chain([slot as f64]);
    for (target, value) in numbers.chunks_exact_mut(8).zip(values) {
        target.copy_from_slice(&value.to_ne_bytes());
    }
}

/// Splits a whole buffer into its number slots and its request part.
pub(crate) fn split(buffer: &mut [u8]) -> Result<(&mut [u8], &[u8]), PlatformError> {
    if buffer.len() < NUMBER_BYTES {
        return Err(malformed("too short"));
    }
    let (numbers, input) = buffer.split_at_mut(NUMBER_BYTES);
    Ok((numbers, input))
}
