package com.platform.sdk.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.sdk.Json;
import com.platform.sdk.Page;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Appends to, lists and verifies one scope's hash-chained audit log ({@code scope.audit()}). */
public final class AuditClient {
    private final BiFunction<String, JsonNode, JsonNode> call;
    private final BiFunction<String, JsonNode, CompletableFuture<JsonNode>> callAsync;

    /** Created by {@code TenantScope}. */
    public AuditClient(BiFunction<String, JsonNode, JsonNode> call,
            BiFunction<String, JsonNode, CompletableFuture<JsonNode>> callAsync) {
        this.call = call;
        this.callAsync = callAsync;
    }

    /** Appends a record (metadata is redacted before storage) and returns it. */
    public AuditRecord record(AuditEntry entry) {
        return AuditRecord.fromJson(call.apply("audit.record", recordArgs(entry)));
    }

    /** {@link #record} on a background thread. */
    public CompletableFuture<AuditRecord> recordAsync(AuditEntry entry) {
        return callAsync.apply("audit.record", recordArgs(entry)).thenApply(AuditRecord::fromJson);
    }

    /** Lists records matching every filter of the query, in sequence order. */
    public Page<AuditRecord> list(AuditQuery query) {
        return Page.fromJson(call.apply("audit.list", listArgs(query)), AuditRecord::fromJson);
    }

    /** {@link #list} on a background thread. */
    public CompletableFuture<Page<AuditRecord>> listAsync(AuditQuery query) {
        return callAsync.apply("audit.list", listArgs(query)).thenApply(n -> Page.fromJson(n, AuditRecord::fromJson));
    }

    /** Recomputes the hash chain; reports the first broken sequence number. */
    public VerifyReport verify() {
        return VerifyReport.fromJson(call.apply("audit.verify", Json.object()));
    }

    /** {@link #verify} on a background thread. */
    public CompletableFuture<VerifyReport> verifyAsync() {
        return callAsync.apply("audit.verify", Json.object()).thenApply(VerifyReport::fromJson);
    }

    private static ObjectNode recordArgs(AuditEntry entry) {
        ObjectNode args = Json.object()
                .put("actor_id", entry.getActorId())
                .put("action", entry.getAction())
                .put("resource_type", entry.getResourceType())
                .put("resource_id", entry.getResourceId())
                .put("outcome", entry.getOutcome().wire());
        entry.getMetadata().ifPresent(m -> args.set("metadata", m));
        entry.getRequestId().ifPresent(id -> args.put("request_id", id));
        return args;
    }

    private static ObjectNode listArgs(AuditQuery query) {
        ObjectNode args = Json.object();
        query.getActorId().ifPresent(v -> args.put("actor_id", v));
        query.getAction().ifPresent(v -> args.put("action", v));
        query.getResourceType().ifPresent(v -> args.put("resource_type", v));
        query.getResourceId().ifPresent(v -> args.put("resource_id", v));
        query.getOutcome().ifPresent(v -> args.put("outcome", v.wire()));
        query.getSince().ifPresent(v -> args.put("since", v.toString()));
        query.getUntil().ifPresent(v -> args.put("until", v.toString()));
        args.putObject("page").put("page", query.getPage()).put("page_size", query.getPageSize());
        return args;
    }
}
