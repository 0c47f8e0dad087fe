package com.platform.sdk.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.sdk.Json;
import java.time.Instant;

/** A stored, hash-chained audit record (immutable). */
public record AuditRecord(
        long seq,
        String id,
        Instant timestamp,
        String tenantId,
        String actorId,
        String action,
        String resourceType,
        String resourceId,
        AuditOutcome outcome,
        String requestId,
        JsonNode metadata,
        String prevHash,
        String hash) {

    static AuditRecord fromJson(JsonNode n) {
        return new AuditRecord(n.get("seq").asLong(), n.get("id").asText(), Json.instant(n, "timestamp"),
                n.get("tenant_id").asText(), n.get("actor_id").asText(), n.get("action").asText(),
                n.get("resource_type").asText(), n.get("resource_id").asText(),
                AuditOutcome.fromWire(n.get("outcome").asText()), n.get("request_id").asText(),
                n.get("metadata"), n.get("prev_hash").asText(), n.get("hash").asText());
    }
}
