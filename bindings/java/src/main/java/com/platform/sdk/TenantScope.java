package com.platform.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.sdk.audit.AuditClient;
import com.platform.sdk.authz.AuthzClient;
import com.platform.sdk.ratelimit.RateLimitClient;
import com.platform.sdk.redaction.RedactionClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One tenant (or the platform); every module client hangs off it. */
public final class TenantScope {
    private final Engine engine;
    private final String scope;
    private final AuditClient audit;
    private final RateLimitClient ratelimit;
    private final AuthzClient authz;
    private final RedactionClient redaction;

    TenantScope(Engine engine, String scope) {
        this.engine = engine;
        this.scope = scope;
        this.audit = new AuditClient(this::call, this::callAsync);
        this.ratelimit = new RateLimitClient(engine.nativeAccess(), scope, this::call, this::callAsync);
        this.authz = new AuthzClient(engine.nativeAccess(), scope, this::call);
        this.redaction = new RedactionClient(engine.nativeAccess(), scope, this::call, this::callAsync);
    }

    /** The tenant id, or empty for the platform scope. */
    public Optional<String> tenantId() {
        return Engine.PLATFORM_SCOPE.equals(scope) ? Optional.empty() : Optional.of(scope);
    }

    /** The audit log of this scope. */
    public AuditClient audit() {
        return audit;
    }

    /** Rate limiting in this scope: per-request decisions and the policy/rule management API. */
    public RateLimitClient ratelimit() {
        return ratelimit;
    }

    /** Authorization in this scope: checks, models, tuples, queries and RBAC roles. */
    public AuthzClient authz() {
        return authz;
    }

    /** PII and secret redaction in this scope: text, JSON, log lines and the scope's policy. */
    public RedactionClient redaction() {
        return redaction;
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
