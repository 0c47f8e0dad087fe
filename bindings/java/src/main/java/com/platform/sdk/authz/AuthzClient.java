package com.platform.sdk.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.sdk.Json;
import com.platform.sdk.NativeAccess;
import com.platform.sdk.Page;
import com.platform.sdk.errors.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Authorization for one scope ({@code scope.authz()}): OpenFGA-style models and relationship
 * tuples, checks on the typed native path (no JSON), and tenant RBAC for permission strings such
 * as {@code notifications:read}. {@code …Async} variants return {@link CompletableFuture}s
 * completed on daemon threads.
 */
public final class AuthzClient {
    private final NativeAccess engine;
    private final String scope;
    private final BiFunction<String, JsonNode, JsonNode> call;

    /** Created by {@code TenantScope}. */
    public AuthzClient(NativeAccess engine, String scope, BiFunction<String, JsonNode, JsonNode> call) {
        this.engine = engine;
        this.scope = scope;
        this.call = call;
    }

    private JsonNode run(String method, JsonNode args) {
        return call.apply("authz." + method, args);
    }

    private static <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, Json.asyncExecutor());
    }

    // Checks

    /** Does {@code user} have {@code relation} on {@code object}? ({@code user:anne}, {@code viewer}, {@code document:1}) */
    public boolean check(String user, String relation, String object) {
        return engine.withHandle(h -> AuthzBridge.check(h, scope, user, relation, object));
    }

    /** A check with context, contextual tuples or a model version (plain requests take the native path). */
    public boolean check(CheckRequest request) {
        if (request.isPlain()) {
            return check(request.user(), request.relation(), request.object());
        }
        return run("check", Json.fromModel(request)).get("allowed").asBoolean();
    }

    /** {@code can(principal, action, resource)} (spec 000 naming): a plain {@link #check(String, String, String)}. */
    public boolean can(String principal, String action, String resource) {
        return check(principal, action, resource);
    }

    /** {@link #check(CheckRequest)} on a background thread. */
    public CompletableFuture<Boolean> checkAsync(CheckRequest request) {
        return async(() -> check(request));
    }

    /** The check with the path that granted it. */
    public CheckResult explain(CheckRequest request) {
        ObjectNode args = Json.fromModel(request).put("explain", true);
        return checkResult(run("check", args));
    }

    private static CheckResult checkResult(JsonNode node) {
        return new CheckResult(node.get("allowed").asBoolean(), strings(node.get("explanation")));
    }

    private static Optional<List<String>> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        node.forEach(x -> out.add(x.asText()));
        return Optional.of(out);
    }

    /** Several checks against one snapshot; one item per check, in order. */
    public List<BatchCheckItem> batchCheck(List<CheckRequest> checks) {
        ObjectNode args = Json.object();
        ArrayNode array = args.putArray("checks");
        checks.forEach(c -> array.add(Json.fromModel(c)));
        List<BatchCheckItem> out = new ArrayList<>();
        run("batch_check", args).get("results").forEach(item -> out.add(batchItem(item)));
        return List.copyOf(out);
    }

    /** {@link #batchCheck} on a background thread. */
    public CompletableFuture<List<BatchCheckItem>> batchCheckAsync(List<CheckRequest> checks) {
        return async(() -> batchCheck(checks));
    }

    private static BatchCheckItem batchItem(JsonNode item) {
        JsonNode error = item.get("error");
        if (error == null) {
            CheckResult result = checkResult(item);
            return new BatchCheckItem(result.allowed(), result.explanation(), Optional.empty());
        }
        String field = Json.optionalText(error, "field").orElse(null);
        return new BatchCheckItem(false, Optional.empty(),
                Optional.of(Errors.create(error.get("code").asInt(), error.get("message").asText(), null, field, -1)));
    }

    // RBAC

    /** Does the user hold the permission ({@code resource:action}, e.g. {@code notifications:read}) through a role? */
    public boolean hasPermission(String userId, String permission) {
        return engine.withHandle(h -> AuthzBridge.hasPermission(h, scope, userId, permission));
    }

    /** Like {@link #hasPermission}, but a missing permission throws {@code AuthorizationException}. */
    public void requirePermission(String userId, String permission) {
        engine.withHandle(h -> {
            AuthzBridge.requirePermission(h, scope, userId, permission);
            return null;
        });
    }

    /** {@link #hasPermission} on a background thread. */
    public CompletableFuture<Boolean> hasPermissionAsync(String userId, String permission) {
        return async(() -> hasPermission(userId, permission));
    }

    /** {@link #requirePermission} on a background thread (completes exceptionally when missing). */
    public CompletableFuture<Void> requirePermissionAsync(String userId, String permission) {
        return async(() -> {
            requirePermission(userId, permission);
            return null;
        });
    }

    /** Creates or replaces a role with exactly these {@code resource:action} permissions; returns the revision. */
    public long defineRole(String role, Collection<String> permissions) {
        ObjectNode args = Json.object().put("role", role);
        permissions.forEach(args.putArray("permissions")::add);
        return run("define_role", args).get("revision").asLong();
    }

    /** A role's permissions, sorted; {@code RoleNotFoundException} when it does not exist. */
    public List<String> rolePermissions(String role) {
        return strings(run("role_permissions", Json.object().put("role", role)).get("permissions")).orElse(List.of());
    }

    /** Gives a role to a user ({@code RoleNotFoundException} for an undefined role). */
    public long assignRole(String userId, String role) {
        return run("assign_role", Json.object().put("user_id", userId).put("role", role)).get("revision").asLong();
    }

    /** Takes a role away from a user. */
    public long revokeRole(String userId, String role) {
        return run("revoke_role", Json.object().put("user_id", userId).put("role", role)).get("revision").asLong();
    }

    // Models

    /** Writes a model in the DSL; returns its id. {@code InvalidAuthorizationModelException} names line and column. */
    public String writeModel(String dsl) {
        return run("write_model", Json.object().put("dsl", dsl)).get("authorization_model_id").asText();
    }

    /** Writes a model in OpenFGA's JSON form (or one read back); returns its id. */
    public String writeModel(AuthorizationModel model) {
        ObjectNode json = Json.fromModel(model);
        json.remove("id");
        return writeModelJson(json);
    }

    /** Writes a model given as OpenFGA's JSON; returns its id. */
    public String writeModelJson(JsonNode model) {
        ObjectNode args = Json.object();
        args.set("model", model);
        return run("write_model", args).get("authorization_model_id").asText();
    }

    /** The latest model; {@code AuthorizationModelNotFoundException} when none was written. */
    public AuthorizationModel readModel() {
        return Json.toModel(run("read_model", Json.object()), AuthorizationModel.class);
    }

    /** A model version. */
    public AuthorizationModel readModel(String modelId) {
        return Json.toModel(run("read_model", Json.object().put("id", modelId)), AuthorizationModel.class);
    }

    /** Model ids in write order (the last is the latest). */
    public List<String> listModels() {
        return strings(run("list_models", Json.object()).get("ids")).orElse(List.of());
    }

    // Tuples

    /** Writes and deletes tuples in one transaction (all or nothing); returns the new revision. */
    public long write(List<TupleKey> writes, List<TupleKey> deletes) {
        ObjectNode args = Json.object();
        ArrayNode w = args.putArray("writes");
        writes.forEach(t -> w.add(Json.fromModel(t)));
        ArrayNode d = args.putArray("deletes");
        deletes.forEach(t -> d.add(Json.fromModel(t)));
        return run("write_tuples", args).get("revision").asLong();
    }

    /** {@link #write} on a background thread. */
    public CompletableFuture<Long> writeAsync(List<TupleKey> writes, List<TupleKey> deletes) {
        return async(() -> write(writes, deletes));
    }

    /** Writes tuples; returns the new revision. */
    public long writeTuples(List<TupleKey> tuples) {
        return write(tuples, List.of());
    }

    /** Deletes tuples (each must exist); returns the new revision. */
    public long deleteTuples(List<TupleKey> tuples) {
        return write(List.of(), tuples);
    }

    /** Stored tuples matching the filter, one page at a time in key order. */
    public Page<TupleKey> readTuples(TupleFilter filter, int page, int pageSize) {
        ObjectNode args = Json.fromModel(filter);
        args.putObject("page").put("page", page).put("page_size", pageSize);
        return Page.fromJson(run("read_tuples", args), n -> Json.toModel(n, TupleKey.class));
    }

    // Queries

    /** The userset tree of {@code object#relation}. */
    public ExpandTree expand(String object, String relation) {
        JsonNode tree = run("expand", Json.object().put("object", object).put("relation", relation)).get("tree");
        return new ExpandTree(tree.get("name").asText(), ExpandNode.fromJson(tree.get("tree")));
    }

    /** Objects of the type the user has the relation on: complete, sorted, one page at a time. */
    public Page<String> listObjects(ListObjectsRequest request, int page, int pageSize) {
        ObjectNode args = Json.fromModel(request);
        args.putObject("page").put("page", page).put("page_size", pageSize);
        return Page.fromJson(run("list_objects", args), JsonNode::asText);
    }

    /** {@link #listObjects} on a background thread. */
    public CompletableFuture<Page<String>> listObjectsAsync(ListObjectsRequest request, int page, int pageSize) {
        return async(() -> listObjects(request, page, pageSize));
    }

    /** Users of the filtered types with the relation on the object, sorted ({@code user:*} when everyone has it). */
    public List<String> listUsers(ListUsersRequest request) {
        return strings(run("list_users", Json.fromModel(request)).get("users")).orElse(List.of());
    }

    /** {@link #listUsers} on a background thread. */
    public CompletableFuture<List<String>> listUsersAsync(ListUsersRequest request) {
        return async(() -> listUsers(request));
    }
}
