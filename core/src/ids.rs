//! Identifiers: UUIDv7 for entities (time-ordered, from the engine clock) and a request id per
//! operation.

use std::fmt;
use std::sync::Mutex;

use uuid::Uuid;

use crate::clock::Timestamp;

/// Bits of the v7 counter that orders ids made within one millisecond.
const COUNTER_BITS: u8 = 12;

/// (millisecond of the last id, counter within that millisecond).
static LAST: Mutex<(i64, u128)> = Mutex::new((i64::MIN, 0));

/// A new UUIDv7 whose time part is exactly `now` (so ids follow engine time, also under a manual
/// clock). Ids made within one millisecond are ordered by a 12-bit counter; the remaining bits
/// are random.
pub fn new_uuid_v7(now: Timestamp) -> Uuid {
    let nanos = now.as_nanos().max(0);
    let millis = nanos / 1_000_000;
    let counter = {
        let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        last.1 = if last.0 == millis { (last.1 + 1) & ((1 << COUNTER_BITS) - 1) } else { 0 };
        last.0 = millis;
        last.1
    };
    let secs = (nanos / 1_000_000_000) as u64;
    let subsec = (nanos % 1_000_000_000) as u32;
    Uuid::new_v7(uuid::Timestamp::from_unix_time(secs, subsec, counter, COUNTER_BITS))
}

/// A new entity id (`UUIDv7` text, hyphenated).
pub fn new_entity_id(now: Timestamp) -> String {
    new_uuid_v7(now).hyphenated().to_string()
}

/// The id of one engine operation; it tags the operation's tracing span and audit records.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// A fresh request id (`req_` + UUIDv7).
    pub fn generate(now: Timestamp) -> RequestId {
        RequestId(format!("req_{}", new_uuid_v7(now).simple()))
    }

    /// Wraps a caller-supplied request id (so a host's own request id flows through).
    pub fn from_caller(id: &str) -> crate::Result<RequestId> {
        let valid = !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_graphic());
        if valid {
            Ok(RequestId(id.to_owned()))
        } else {
            Err(crate::PlatformError::validation("request_id", "must be 1-128 printable ASCII characters"))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RequestId({})", self.0)
    }
}
