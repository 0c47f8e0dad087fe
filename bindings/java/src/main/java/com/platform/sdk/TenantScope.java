package com.platform.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.sdk.audit.AuditClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One tenant (or the platform); every module client hangs off it. */
public final class TenantScope {
    private final Engine engine;
    private final String scope;
    private final AuditClient audit;

    TenantScope(Engine engine, String scope) {
        this.engine = engine;
        this.scope = scope;
        this.audit = new AuditClient(this::call, this::callAsync);
    }

    /** The tenant id, or empty for the platform scope. */
    public Optional<String> tenantId() {
        return Engine.PLATFORM_SCOPE.equals(scope) ? Optional.empty() : Optional.of(scope);
    }

    /** The audit log of this scope. */
    public AuditClient audit() {
        return audit;
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    private JsonNode call(String method, JsonNode args) {
        return engine.call(scope, method, args);
    }

    private CompletableFuture<JsonNode> callAsync(String method, JsonNode args) {
        return engine.callAsync(scope, method, args);
    }
}
