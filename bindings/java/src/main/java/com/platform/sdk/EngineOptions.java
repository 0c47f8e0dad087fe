package com.platform.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/** Engine options (immutable); build with {@link #builder()}. Every option is optional. */
public final class EngineOptions {
    private final String database;
    private final String redbPath;
    private final Integer kvShards;
    private final Integer kvMaxKeys;
    private final String redisUrl;
    private final Integer workerThreads;
    private final Instant manualClock;

    private EngineOptions(Builder b) {
        this.database = b.database;
        this.redbPath = b.redbPath;
        this.kvShards = b.kvShards;
        this.kvMaxKeys = b.kvMaxKeys;
        this.redisUrl = b.redisUrl;
        this.workerThreads = b.workerThreads;
        this.manualClock = b.manualClock;
    }

    /** A builder starting from the zero-config default (SQLite and hot state in memory). */
    public static Builder builder() {
        return new Builder();
    }

    /** The zero-config default. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /** The SQLite database (":memory:" or a file path). */
    public Optional<String> getDatabase() {
        return Optional.ofNullable(database);
    }

    /** The start of the manual clock, when one is used. */
    public Optional<Instant> getManualClock() {
        return Optional.ofNullable(manualClock);
    }

    String toJson() {
        ObjectNode node = Json.object();
        if (database != null) node.put("database", database);
        if (redbPath != null) node.put("redb_path", redbPath);
        if (kvShards != null) node.put("kv_shards", kvShards);
        if (kvMaxKeys != null) node.put("kv_max_keys", kvMaxKeys);
        if (redisUrl != null) node.put("redis_url", redisUrl);
        if (workerThreads != null) node.put("worker_threads", workerThreads);
        if (manualClock != null) node.put("manual_clock", manualClock.toString());
        return Json.write(node);
    }

    /** Builds {@link EngineOptions}. */
    public static final class Builder {
        private String database;
        private String redbPath;
        private Integer kvShards;
        private Integer kvMaxKeys;
        private String redisUrl;
        private Integer workerThreads;
        private Instant manualClock;

        private Builder() {}

        /** Keeps records in this SQLite file (or ":memory:"). */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** Keeps hot state in this redb file (survives restarts). */
        public Builder redbPath(String redbPath) {
            this.redbPath = redbPath;
            return this;
        }

        /** Shards of the in-memory hot state. */
        public Builder kvShards(int kvShards) {
            this.kvShards = kvShards;
            return this;
        }

        /** Key cap of the in-memory hot state. */
        public Builder kvMaxKeys(int kvMaxKeys) {
            this.kvMaxKeys = kvMaxKeys;
            return this;
        }

        /** Shares state through Redis. */
        public Builder redisUrl(String redisUrl) {
            this.redisUrl = redisUrl;
            return this;
        }

        /** Background worker threads (1-64). */
        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        /** Uses a manual clock starting at this instant (tests). */
        public Builder manualClock(Instant start) {
            this.manualClock = start;
            return this;
        }

        /** The options. */
        public EngineOptions build() {
            return new EngineOptions(this);
        }
    }
}
