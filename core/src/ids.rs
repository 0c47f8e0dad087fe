//! Identifiers: UUIDv7 for entities (time-ordered, from the engine clock) and a request id per
//! operation.

use std::fmt;
use std::sync::Mutex;

use uuid::Uuid;

use crate::clock::Timestamp;

/// Bits of the v7 counter that orders ids made within one millisecond.
const COUNTER_BITS: u8 = 12;

/// The last millisecond seen, the millisecond written into the last id (ahead of the one seen
/// after more than 4,096 ids in one millisecond), and the counter within it.
static LAST: Mutex<(i64, i64, u128)> = Mutex::new((i64::MIN, i64::MIN, 0));

/// A new UUIDv7 whose time part is `now` (so ids follow engine time, also under a manual clock).
/// Ids made within one millisecond are ordered by a 12-bit counter; the remaining bits are
/// random. When the counter is exhausted the time part borrows the next millisecond instead of
/// wrapping (RFC 9562 §6.2, method 1), so ids stay strictly increasing while the clock does
/// not go back. A clock that goes back (or another engine's manual clock) is followed as is.
pub fn new_uuid_v7(now: Timestamp) -> Uuid {
    let millis = now.as_millis().max(0);
    let (_, millis, counter) = {
        let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (seen, used, counter) = *last;
        *last = if millis < seen || millis > used {
            (millis, millis, 0)
        } else if counter + 1 < 1 << COUNTER_BITS {
            (millis, used, counter + 1)
        } else {
            (millis, used + 1, 0)
        };
        *last
    };
    let (secs, subsec_nanos) = ((millis / 1000) as u64, (millis % 1000) as u32 * 1_000_000);
    Uuid::new_v7(uuid::Timestamp::from_unix_time(secs, subsec_nanos, counter, COUNTER_BITS))
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
