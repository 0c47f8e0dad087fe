//! Rate limiting (spec 003 §4): policies, rules, plans, bypasses, adjustments, endpoint costs
//! and analytics (the management surface, serde-typed), and the typed hot path
//! ([`RateLimiter::consume`]) deciding with sliding-window, token-bucket or fixed-window
//! algorithms over an in-memory, redb or Redis state store.

pub mod algorithm;
mod memory;
mod redis_store;
mod state;

pub use memory::MemoryStateStore;
pub use redis_store::RedisStateStore;
pub use state::{FailureMode, KeyHasher, KvStateStore, StateKey, StateStore, key_string};
