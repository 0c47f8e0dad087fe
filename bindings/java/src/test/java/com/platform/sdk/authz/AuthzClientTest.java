package com.platform.sdk.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.sdk.Engine;
import com.platform.sdk.EngineOptions;
import com.platform.sdk.errors.AuthorizationException;
import com.platform.sdk.errors.AuthorizationModelNotFoundException;
import com.platform.sdk.errors.ConditionEvaluationException;
import com.platform.sdk.errors.InvalidAuthorizationModelException;
import com.platform.sdk.errors.InvalidTupleException;
import com.platform.sdk.errors.RoleNotFoundException;
import com.platform.sdk.errors.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AuthzClientTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static final String MODEL = """
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user, group#member]
            type folder
              relations
                define viewer: [user, group#member]
            type document
              relations
                define parent: [folder]
                define owner: [user]
                define editor: [user] or owner
                define viewer: [user, user:*, group#member, user with in_network] or editor or viewer from parent
            condition in_network(user_ip: ipaddress, cidr: string) {
              user_ip.in_cidr(cidr)
            }
            """;

    static Engine manual() {
        return Engine.create(EngineOptions.builder().manualClock(T0).build());
    }

    static AuthzClient client(Engine engine, String tenant) {
        AuthzClient authz = engine.tenant(tenant).authz();
        authz.writeModel(MODEL);
        return authz;
    }

    @Test
    void checksResolveDirectUsersetAndParentRelations() {
        try (Engine engine = manual()) {
            AuthzClient authz = client(engine, "acme");
            authz.writeTuples(List.of(TupleKey.of("user:anne", "member", "group:eng"),
                    TupleKey.of("group:eng#member", "viewer", "folder:specs"),
                    TupleKey.of("folder:specs", "parent", "document:design"),
                    TupleKey.of("user:bob", "owner", "document:design")));
            assertTrue(authz.check("user:anne", "viewer", "document:design"));
            assertTrue(authz.check(CheckRequest.of("user:bob", "editor", "document:design")));
            assertFalse(authz.check("user:anne", "editor", "document:design"));
            assertFalse(authz.can("user:carol", "viewer", "document:design"));
            ValidationException bad = assertThrows(ValidationException.class,
                    () -> authz.check("user:anne", "nope", "document:design"));
            assertTrue(bad.getMessage().contains("nope"));
            CheckResult why = authz.explain(CheckRequest.of("user:bob", "viewer", "document:design"));
            assertTrue(why.allowed());
            assertTrue(why.explanation().orElseThrow().stream().anyMatch(step -> step.contains("owner")));
        }
    }

    @Test
    void conditionsAndContextualTuples() {
        try (Engine engine = manual()) {
            AuthzClient authz = client(engine, "acme");
            TupleCondition network = new TupleCondition("in_network", Map.of("cidr", "10.0.0.0/8"));
            authz.writeTuples(List.of(TupleKey.of("user:anne", "viewer", "document:1").withCondition(network)));
            assertTrue(authz.check(CheckRequest.builder("user:anne", "viewer", "document:1")
                    .context("user_ip", "10.1.2.3").build()));
            assertFalse(authz.check(CheckRequest.builder("user:anne", "viewer", "document:1")
                    .context("user_ip", "192.168.0.1").build()));
            assertThrows(ConditionEvaluationException.class, () -> authz.check("user:anne", "viewer", "document:1"));
            TupleKey stored = authz.readTuples(TupleFilter.all().object("document:1"), 1, 10).data().get(0);
            assertEquals(network, stored.condition().orElseThrow());

            CheckRequest withExtra = CheckRequest.builder("user:zoe", "viewer", "document:2")
                    .contextualTuple(TupleKey.of("user:zoe", "member", "group:ops"))
                    .contextualTuple(TupleKey.of("group:ops#member", "viewer", "document:2")).build();
            assertTrue(authz.check(withExtra));
            assertFalse(authz.check("user:zoe", "viewer", "document:2"));
            InvalidTupleException invalid = assertThrows(InvalidTupleException.class, () -> authz.check(
                    CheckRequest.builder("user:zoe", "viewer", "document:2")
                            .contextualTuple(TupleKey.of("user:zoe", "nope", "document:2")).build()));
            assertEquals("relation", invalid.getField().orElseThrow());
        }
    }

    @Test
    void expiryWritesReadsAndRevisions() {
        try (Engine engine = manual()) {
            AuthzClient authz = client(engine, "acme");
            long first = authz.writeTuples(List.of(
                    TupleKey.of("user:anne", "viewer", "document:1").withExpiresAt(T0.plusSeconds(3600))));
            assertTrue(authz.check("user:anne", "viewer", "document:1"));
            assertEquals(T0.plusSeconds(3600), authz.readTuples(TupleFilter.all(), 1, 10).data().get(0).expiresAt().orElseThrow());
            engine.advanceClock(java.time.Duration.ofHours(2));
            assertFalse(authz.check("user:anne", "viewer", "document:1"));
            assertThrows(InvalidTupleException.class, () -> authz.write(
                    List.of(TupleKey.of("user:bob", "owner", "document:2"), TupleKey.of("user:bob", "owner", "nope")), List.of()));
            assertFalse(authz.check("user:bob", "owner", "document:2"));
            long second = authz.writeTuples(List.of(TupleKey.of("user:bob", "owner", "document:2")));
            assertTrue(second > first);
            assertTrue(authz.check(CheckRequest.builder("user:bob", "owner", "document:2").minRevision(second).build()));
            authz.deleteTuples(List.of(TupleKey.of("user:bob", "owner", "document:2")));
            assertFalse(authz.check("user:bob", "owner", "document:2"));
        }
    }

    @Test
    void modelsQueriesAndTypedErrors() {
        try (Engine engine = manual()) {
            AuthzClient authz = client(engine, "acme");
            InvalidAuthorizationModelException bad = assertThrows(InvalidAuthorizationModelException.class,
                    () -> authz.writeModel("model\n  schema 1.1\ntype user\n  relations\n    define owner [user]\n"));
            assertTrue(bad.getMessage().contains("line 5, column"));
            AuthorizationModel model = authz.readModel();
            assertTrue(model.typeNames().contains("document"));
            String second = authz.writeModel(model);
            assertEquals(List.of(model.id(), second), authz.listModels());
            assertThrows(AuthorizationModelNotFoundException.class, () -> authz.readModel("missing"));

            authz.writeTuples(List.of(TupleKey.of("user:anne", "owner", "document:1"),
                    TupleKey.of("user:bob", "editor", "document:1"), TupleKey.of("user:*", "viewer", "document:9")));
            List<BatchCheckItem> results = authz.batchCheck(List.of(CheckRequest.of("user:anne", "viewer", "document:1"),
                    CheckRequest.of("user:carol", "viewer", "document:1"), CheckRequest.of("user:anne", "unknown", "document:1")));
            assertEquals(List.of(true, false, false), results.stream().map(BatchCheckItem::allowed).toList());
            assertInstanceOf(ValidationException.class, results.get(2).error().orElseThrow());
            ExpandTree tree = authz.expand("document:1", "editor");
            assertEquals("document:1#editor", tree.name());
            assertEquals(new ExpandNode.Union(List.of(new ExpandNode.Users(List.of("user:bob")),
                    new ExpandNode.Computed("document:1#owner"))), tree.root());
            assertEquals(List.of("document:1", "document:9"),
                    authz.listObjects(ListObjectsRequest.of("user:anne", "viewer", "document"), 1, 10).data());
            assertEquals(List.of("user:*"), authz.listUsers(ListUsersRequest.of("document:9", "viewer", "user")));
        }
    }

    @Test
    void rbacRolesAndPermissions() {
        try (Engine engine = manual()) {
            AuthzClient authz = engine.tenant("acme").authz();
            authz.defineRole("support", List.of("notifications:read", "users:read"));
            authz.assignRole("alice", "support");
            assertEquals(List.of("notifications:read", "users:read"), authz.rolePermissions("support"));
            assertTrue(authz.hasPermission("alice", "notifications:read"));
            assertFalse(authz.hasPermission("alice", "users:delete"));
            authz.requirePermission("alice", "users:read");
            AuthorizationException denied = assertThrows(AuthorizationException.class,
                    () -> authz.requirePermission("alice", "users:delete"));
            assertEquals("permission", denied.getField().orElseThrow());
            assertThrows(RoleNotFoundException.class, () -> authz.assignRole("bob", "nope"));
            assertThrows(ValidationException.class, () -> authz.hasPermission("alice", "not a permission"));
            authz.revokeRole("alice", "support");
            assertFalse(authz.hasPermission("alice", "users:read"));
        }
    }

    @Test
    void asyncVariants() {
        try (Engine engine = manual()) {
            AuthzClient authz = client(engine, "acme");
            authz.writeAsync(List.of(TupleKey.of("user:anne", "owner", "document:1")), List.of()).join();
            assertTrue(authz.checkAsync(CheckRequest.of("user:anne", "viewer", "document:1")).join());
            authz.defineRole("ops", List.of("alerts:read"));
            authz.assignRole("anne", "ops");
            assertTrue(authz.hasPermissionAsync("anne", "alerts:read").join());
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> authz.requirePermissionAsync("anne", "alerts:write").join());
            assertInstanceOf(AuthorizationException.class, failed.getCause());
            assertEquals(List.of("document:1"),
                    authz.listObjectsAsync(ListObjectsRequest.of("user:anne", "owner", "document"), 1, 10).join().data());
        }
    }

    @Test
    void tenantsAreIsolated() {
        try (Engine engine = manual()) {
            AuthzClient acme = client(engine, "acme");
            AuthzClient globex = engine.tenant("globex").authz();
            acme.writeTuples(List.of(TupleKey.of("user:anne", "owner", "document:1")));
            acme.defineRole("admin", List.of("users:delete"));
            acme.assignRole("anne", "admin");
            assertThrows(AuthorizationModelNotFoundException.class, () -> globex.check("user:anne", "owner", "document:1"));
            globex.writeModel(MODEL);
            assertFalse(globex.check("user:anne", "owner", "document:1"));
            assertFalse(globex.hasPermission("anne", "users:delete"));
            assertThrows(RoleNotFoundException.class, () -> globex.rolePermissions("admin"));
            assertTrue(acme.check("user:anne", "owner", "document:1"));
            assertTrue(acme.hasPermission("anne", "users:delete"));
        }
    }
}
