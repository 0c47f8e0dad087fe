package com.platform.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.sdk.errors.Errors;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Shared Platform Core engine, embedded in this JVM. Thread-safe. Close it (try-with-resources)
 * to release the native engine; calls after {@link #close()} throw {@code EngineClosedException}.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create()) {
 *     TenantScope acme = engine.tenant("acme");
 *     acme.audit().record(AuditEntry.builder().actorId("alice").action("doc.read")
 *         .resourceType("doc").resourceId("d1").build());
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    /** The scope key of the platform. */
    public static final String PLATFORM_SCOPE = "*";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long handle;

    private Engine(long handle) {
        this.handle = handle;
    }

    /** An engine with the zero-config default (SQLite and hot state in memory). */
    public static Engine create() {
        return create(EngineOptions.defaults());
    }

    /** An engine with these options; a bad option throws {@code InvalidConfigException}. */
    public static Engine create(EngineOptions options) {
        return new Engine(NativeBridge.engineNew(options.toJson()));
    }

    /**
     * An engine from a JSON document of snake_case options as a config file holds them
     * ({@code database}, {@code redb_path}, {@code manual_clock}…); unknown keys are refused.
     */
    public static Engine fromOptionsJson(String optionsJson) {
        return new Engine(NativeBridge.engineNew(optionsJson));
    }

    /** The scope of one tenant; a bad id throws {@code InvalidTenantException} (a ValidationException). */
    public TenantScope tenant(String tenantId) {
        if (tenantId == null) {
            throw new IllegalArgumentException("tenantId must not be null");
        }
        withHandle(h -> {
            NativeBridge.checkTenant(h, tenantId);
            return null;
        });
        return new TenantScope(this, tenantId);
    }

    /** The explicit platform-wide scope. */
    public TenantScope platform() {
        return new TenantScope(this, PLATFORM_SCOPE);
    }

    /** Low-level management call: snake_case JSON arguments in, JSON out. */
    public JsonNode call(String scope, String method, JsonNode args) {
        String argsJson = Json.write(args == null ? Json.object() : args);
        return Json.read(withHandle(h -> NativeBridge.call(h, scope, method, argsJson)));
    }

    /** {@link #call} on a background thread. */
    public CompletableFuture<JsonNode> callAsync(String scope, String method, JsonNode args) {
        return CompletableFuture.supplyAsync(() -> call(scope, method, args), Json.asyncExecutor());
    }

    /** Moves a manual clock forward; returns the new time. */
    public Instant advanceClock(Duration step) {
        ObjectNode args = Json.object().put("ms", step.toMillis());
        return Json.instant(call(PLATFORM_SCOPE, "clock.advance", args), "now");
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return handle == 0 || NativeBridge.isClosed(handle);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stops the engine and releases it. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            long h = handle;
            handle = 0;
            NativeBridge.free(h);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private interface HandleCall<T> {
        T apply(long handle);
    }

    /** Runs {@code body} with the live handle, under the lock that keeps {@link #close()} out. */
    NativeAccess nativeAccess() {
        return new NativeAccess() {
            @Override
            public <T> T withHandle(java.util.function.LongFunction<T> body) {
                return Engine.this.withHandle(body::apply);
            }
        };
    }

    private <T> T withHandle(HandleCall<T> body) {
        lock.readLock().lock();
        try {
            if (handle == 0) {
                throw Errors.create(1102, "the engine is closed", null, null, -1);
            }
            return body.apply(handle);
        } finally {
            lock.readLock().unlock();
        }
    }
}
