package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where counters live when several processes share limits.
 *
 * @param type Store type.
 * @param connectionUrl redis://host:port/db.
 * @param keyPrefix Key prefix (default "rl:").
 * @param syncIntervalMs Sync interval (default 100).
 * @param failureMode Behaviour when unreachable (default ERROR).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record DistributedStoreConfig(
        DistributedStoreType type,
        String connectionUrl,
        Optional<String> keyPrefix,
        OptionalLong syncIntervalMs,
        Optional<FailureMode> failureMode) {
    /** Validates required fields and copies collections (the record is immutable). */
    public DistributedStoreConfig {
        keyPrefix = keyPrefix == null ? Optional.empty() : keyPrefix;
        syncIntervalMs = syncIntervalMs == null ? OptionalLong.empty() : syncIntervalMs;
        failureMode = failureMode == null ? Optional.empty() : failureMode;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DistributedStoreConfig}. */
    public static final class Builder {
        private DistributedStoreType type;
        private String connectionUrl;
        private String keyPrefix = "rl:";
        private Long syncIntervalMs = 100L;
        private FailureMode failureMode = FailureMode.ERROR;

        private Builder() {}

        /** Store type. */
        public Builder type(DistributedStoreType type) {
            this.type = type;
            return this;
        }

        /** redis://host:port/db. */
        public Builder connectionUrl(String connectionUrl) {
            this.connectionUrl = connectionUrl;
            return this;
        }

        /** Key prefix (default "rl:"). */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** Sync interval (default 100). */
        public Builder syncIntervalMs(long syncIntervalMs) {
            this.syncIntervalMs = syncIntervalMs;
            return this;
        }

        /** Behaviour when unreachable (default ERROR). */
        public Builder failureMode(FailureMode failureMode) {
            this.failureMode = failureMode;
            return this;
        }

        /** The immutable {@link DistributedStoreConfig}. */
        public DistributedStoreConfig build() {
            return new DistributedStoreConfig(type, connectionUrl, Optional.ofNullable(keyPrefix), syncIntervalMs == null ? OptionalLong.empty() : OptionalLong.of(syncIntervalMs), Optional.ofNullable(failureMode));
        }
    }
}
