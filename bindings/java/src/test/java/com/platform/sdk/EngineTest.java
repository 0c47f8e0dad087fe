package com.platform.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.sdk.errors.EngineClosedException;
import com.platform.sdk.errors.InvalidConfigException;
import com.platform.sdk.errors.InvalidTenantException;
import com.platform.sdk.errors.NotFoundException;
import com.platform.sdk.errors.PlatformException;
import com.platform.sdk.errors.PolicyNotFoundException;
import com.platform.sdk.errors.ServerException;
import com.platform.sdk.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineTest {
    static Engine manual() {
        return Engine.create(EngineOptions.builder().manualClock(Instant.parse("2026-01-01T00:00:00Z")).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme corp", "acmé", "*", "a/b"})
    void invalidTenantsThrowValidationExceptions(String bad) {
        try (Engine engine = manual()) {
            InvalidTenantException e = assertThrows(InvalidTenantException.class, () -> engine.tenant(bad));
            assertTrue(e instanceof ValidationException);
            assertEquals(1100, e.getCode());
            assertEquals(400, e.getStatus());
            assertEquals("Validation", e.getKind());
            assertEquals("InvalidTenant", e.getErrorName());
            assertEquals(Optional.of("tenant_id"), e.getField());
        }
    }

    @Test
    void nullTenantIsIllegal() {
        try (Engine engine = manual()) {
            assertThrows(IllegalArgumentException.class, () -> engine.tenant(null));
        }
    }

    @Test
    void scopes() {
        try (Engine engine = manual()) {
            assertEquals(Optional.of("acme"), engine.tenant("acme").tenantId());
            assertEquals(Optional.empty(), engine.platform().tenantId());
        }
    }

    @Test
    void exceptionHierarchyMirrorsTheSpec() {
        assertTrue(NotFoundException.class.isAssignableFrom(PolicyNotFoundException.class));
        assertTrue(PlatformException.class.isAssignableFrom(NotFoundException.class));
        assertTrue(RuntimeException.class.isAssignableFrom(PlatformException.class));
        assertTrue(ServerException.class.isAssignableFrom(EngineClosedException.class));
        PlatformException e = com.platform.sdk.errors.Errors.create(2001, "slow down", null, null, 1500);
        assertEquals("RateLimitExceededException", e.getClass().getSimpleName());
        assertEquals(429, e.getStatus());
        assertEquals(Optional.of(Duration.ofMillis(1500)), e.getRetryAfter());
    }

    @Test
    void badOptionsNameTheSetting() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Engine.create(EngineOptions.builder().workerThreads(0).build()));
        assertEquals(Optional.of("worker_threads"), e.getField());
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        Engine engine = manual();
        TenantScope scope = engine.tenant("acme");
        assertFalse(engine.isClosed());
        engine.close();
        engine.close();
        assertTrue(engine.isClosed());
        EngineClosedException e = assertThrows(EngineClosedException.class, () -> scope.audit().verify());
        assertEquals(503, e.getStatus());
        assertThrows(EngineClosedException.class, () -> engine.tenant("acme"));
    }

    @Test
    void manualClockMovesOnlyWhenTold() {
        try (Engine engine = manual()) {
            assertEquals(Instant.parse("2026-01-01T00:01:30Z"), engine.advanceClock(Duration.ofSeconds(90)));
        }
    }

    @Test
    void unknownMethodIsAValidationError() {
        try (Engine engine = manual()) {
            ValidationException e = assertThrows(ValidationException.class, () -> engine.call("acme", "no.such.method", null));
            assertEquals(Optional.of("method"), e.getField());
        }
    }
}
