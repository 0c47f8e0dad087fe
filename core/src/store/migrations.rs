//! Versioned schema migrations (rusqlite_migration, tracked with SQLite's `user_version`).
//! Append new migrations at the end; never edit a released one.

use rusqlite_migration::{M, Migrations};

/// The ordered migrations of the SQLite schema. `tenant_id` (the scope key) leads every primary
/// key and index.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            "CREATE TABLE records (
                tenant_id   TEXT    NOT NULL,
                collection  TEXT    NOT NULL,
                id          TEXT    NOT NULL,
                body        TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                created_at  INTEGER NOT NULL,
                updated_at  INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, collection, id)
            ) WITHOUT ROWID;",
        ),
        M::up(
            "CREATE TABLE audit_log (
                tenant_id     TEXT    NOT NULL,
                seq           INTEGER NOT NULL,
                id            TEXT    NOT NULL,
                ts            INTEGER NOT NULL,
                actor_id      TEXT    NOT NULL,
                action        TEXT    NOT NULL,
                resource_type TEXT    NOT NULL,
                resource_id   TEXT    NOT NULL,
                outcome       TEXT    NOT NULL,
                request_id    TEXT    NOT NULL,
                metadata      TEXT    NOT NULL,
                prev_hash     TEXT    NOT NULL,
                hash          TEXT    NOT NULL,
                PRIMARY KEY (tenant_id, seq)
            ) WITHOUT ROWID;
            CREATE INDEX audit_log_by_action ON audit_log (tenant_id, action, seq);
            CREATE INDEX audit_log_by_actor ON audit_log (tenant_id, actor_id, seq);
            CREATE TABLE audit_head (
                tenant_id TEXT    NOT NULL PRIMARY KEY,
                last_seq  INTEGER NOT NULL,
                last_hash TEXT    NOT NULL
            ) WITHOUT ROWID;",
        ),
    ])
}
