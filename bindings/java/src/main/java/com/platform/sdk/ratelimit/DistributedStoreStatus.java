package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Health of the counter store.
 *
 * @param type Store type.
 * @param connected Connected.
 * @param latencyMs Round trip.
 * @param keysCount Keys.
 * @param memoryUsageBytes Memory used.
 * @param lastSyncAt Last sync.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record DistributedStoreStatus(
        String type,
        boolean connected,
        double latencyMs,
        long keysCount,
        OptionalLong memoryUsageBytes,
        Instant lastSyncAt) {
    /** Validates required fields and copies collections (the record is immutable). */
    public DistributedStoreStatus {
        memoryUsageBytes = memoryUsageBytes == null ? OptionalLong.empty() : memoryUsageBytes;
    }
}
