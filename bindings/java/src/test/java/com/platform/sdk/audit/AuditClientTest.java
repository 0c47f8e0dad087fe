package com.platform.sdk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.sdk.Engine;
import com.platform.sdk.EngineOptions;
import com.platform.sdk.Json;
import com.platform.sdk.Page;
import com.platform.sdk.errors.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditClientTest {
    static Engine manual() {
        return Engine.create(EngineOptions.builder().manualClock(Instant.parse("2026-01-01T00:00:00Z")).build());
    }

    static AuditEntry entry(int i) {
        return AuditEntry.builder().actorId("alice").action("doc.update").resourceType("doc").resourceId("d" + i)
                .metadata(Json.object().put("i", i)).build();
    }

    @Test
    void recordReturnsAnImmutableChainedRecord() {
        try (Engine engine = manual()) {
            AuditClient audit = engine.tenant("acme").audit();
            AuditRecord first = audit.record(entry(0));
            AuditRecord second = audit.record(entry(1));
            assertEquals(1, first.seq());
            assertEquals(first.hash(), second.prevHash());
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), first.timestamp());
            assertEquals(AuditOutcome.SUCCESS, first.outcome());
            assertEquals(0, first.metadata().get("i").asInt());
        }
    }

    @Test
    void listFiltersAndPaginates() {
        try (Engine engine = manual()) {
            AuditClient audit = engine.tenant("acme").audit();
            IntStream.range(0, 7).forEach(i -> audit.record(entry(i)));
            audit.record(AuditEntry.builder().actorId("bob").action("doc.delete").resourceType("doc").resourceId("d1")
                    .outcome(AuditOutcome.DENIED).requestId("host-req-1").build());
            Page<AuditRecord> page = audit.list(AuditQuery.builder().action("doc.update").page(2).pageSize(3).build());
            assertEquals(List.of(4L, 5L, 6L), page.data().stream().map(AuditRecord::seq).toList());
            assertEquals(7, page.pagination().totalItems());
            assertTrue(page.pagination().hasNext());
            Page<AuditRecord> denied = audit.list(AuditQuery.builder().outcome(AuditOutcome.DENIED).build());
            assertEquals("host-req-1", denied.data().get(0).requestId());
            assertThrows(UnsupportedOperationException.class, () -> page.data().add(null));
            assertThrows(ValidationException.class, () -> audit.list(AuditQuery.builder().page(0).build()));
            assertThrows(NullPointerException.class, () -> AuditEntry.builder().actorId("a").build());
        }
    }

    @Test
    void asyncVariantsComplete() {
        try (Engine engine = manual()) {
            AuditClient audit = engine.tenant("acme").audit();
            List<CompletableFuture<AuditRecord>> futures = IntStream.range(0, 20).mapToObj(i -> audit.recordAsync(entry(i))).toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            VerifyReport report = audit.verifyAsync().join();
            assertTrue(report.valid());
            assertEquals(20, report.recordsChecked());
            assertEquals(20, audit.listAsync(AuditQuery.builder().pageSize(100).build()).join().pagination().totalItems());
        }
    }

    @Test
    void tenantsAreIsolated() {
        try (Engine engine = manual()) {
            engine.tenant("acme").audit().record(entry(1));
            assertEquals(0, engine.tenant("globex").audit().list(AuditQuery.all()).pagination().totalItems());
            assertEquals(0, engine.platform().audit().list(AuditQuery.all()).pagination().totalItems());
        }
    }

    @Test
    void sqliteFileIsDurable() throws Exception {
        Path dir = Files.createTempDirectory("sp-java");
        EngineOptions options = EngineOptions.builder().database(dir.resolve("platform.db").toString()).build();
        try (Engine engine = Engine.create(options)) {
            engine.tenant("acme").audit().record(entry(1));
        }
        try (Engine engine = Engine.create(options)) {
            assertEquals(1, engine.tenant("acme").audit().list(AuditQuery.all()).pagination().totalItems());
        }
    }
}
