//! The engine event bus: every module publishes its spec events (`ratelimit.limit_exceeded`,
//! `notification.delivered`…) here; notifications, webhooks and host-language callbacks
//! subscribe with a type pattern.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clock::Timestamp;

/// One published event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Entity id (UUIDv7).
    pub id: String,
    /// The spec's event type, e.g. `ratelimit.limit_exceeded`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The tenant, or `*` for platform-scope events.
    pub tenant_id: String,
    /// When it happened (engine clock).
    pub timestamp: Timestamp,
    /// The event payload.
    pub data: Value,
}

/// Identifies a subscription, to cancel it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SubscriptionId(u64);

type Handler = Arc<dyn Fn(&Event) + Send + Sync>;

struct Subscription {
    id: SubscriptionId,
    pattern: String,
    handler: Handler,
}

/// Delivers events to subscribers, synchronously, in subscription order. A handler that panics
/// is isolated: the panic is logged and the other handlers still run. Publishing with no
/// subscriber costs one atomic load.
#[derive(Default)]
pub struct EventBus {
    subscriptions: RwLock<Vec<Subscription>>,
    count: AtomicUsize,
    next_id: AtomicU64,
}

impl std::fmt::Debug for EventBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventBus").field("subscribers", &self.count.load(Ordering::Relaxed)).finish()
    }
}

/// Whether an event type matches a pattern: `*` matches everything, `ratelimit.*` every type
/// starting with `ratelimit.`, anything else only itself.
pub fn pattern_matches(pattern: &str, event_type: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => event_type.starts_with(prefix),
        None => pattern == event_type,
    }
}

impl EventBus {
    /// An empty bus.
    pub fn new() -> EventBus {
        EventBus::default()
    }

    /// Calls `handler` for every event whose type matches `pattern`.
    pub fn subscribe(&self, pattern: &str, handler: impl Fn(&Event) + Send + Sync + 'static) -> SubscriptionId {
        let id = SubscriptionId(self.next_id.fetch_add(1, Ordering::Relaxed));
        let mut subs = self.subscriptions.write().unwrap_or_else(|p| p.into_inner());
        subs.push(Subscription { id, pattern: pattern.to_owned(), handler: Arc::new(handler) });
        self.count.store(subs.len(), Ordering::Release);
        id
    }

    /// Cancels a subscription; returns whether it existed.
    pub fn unsubscribe(&self, id: SubscriptionId) -> bool {
        let mut subs = self.subscriptions.write().unwrap_or_else(|p| p.into_inner());
        let before = subs.len();
        subs.retain(|s| s.id != id);
        self.count.store(subs.len(), Ordering::Release);
        subs.len() != before
    }

    /// Whether anyone listens (lets a hot path skip building an event).
    pub fn has_subscribers(&self) -> bool {
        self.count.load(Ordering::Acquire) > 0
    }

    /// Delivers an event to every matching subscriber.
    pub fn publish(&self, event: &Event) {
        if !self.has_subscribers() {
            return;
        }
        let handlers: Vec<Handler> = {
            let subs = self.subscriptions.read().unwrap_or_else(|p| p.into_inner());
            subs.iter().filter(|s| pattern_matches(&s.pattern, &event.event_type)).map(|s| s.handler.clone()).collect()
        };
        for handler in handlers {
            if catch_unwind(AssertUnwindSafe(|| handler(event))).is_err() {
                tracing::error!(event_type = %event.event_type, tenant_id = %event.tenant_id, "event handler panicked");
            }
        }
    }
}
