package com.platform.sdk.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.sdk.Json;
import com.platform.sdk.NativeAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * PII and secret redaction for one scope ({@code scope.redaction()}): text calls on the typed JNI hot
 * path (no JSON), JSON documents and the scope's policy through the engine's JSON calls. Invalid
 * policies throw {@code InvalidPatternException} / {@code ValidationException} naming the field;
 * input over the limits {@code InputTooLargeException} / {@code NestingTooDeepException}.
 * {@code …Async} variants return {@link CompletableFuture}s completed on daemon threads.
 */
public final class RedactionClient {
    private final NativeAccess engine;
    private final String scope;
    private final BiFunction<String, JsonNode, JsonNode> call;
    private final BiFunction<String, JsonNode, CompletableFuture<JsonNode>> callAsync;

    /** Created by {@code TenantScope}. */
    public RedactionClient(NativeAccess engine, String scope, BiFunction<String, JsonNode, JsonNode> call,
            BiFunction<String, JsonNode, CompletableFuture<JsonNode>> callAsync) {
        this.engine = engine;
        this.scope = scope;
        this.call = call;
        this.callAsync = callAsync;
    }

    /** The redacted text alone (the logging hot path); the same {@code String} when nothing was found. */
    public String redactText(String text) {
        return engine.withHandle(h -> RedactionBridge.redactText(h, scope, text));
    }

    /**
     * One log line as the line redactor writes it ({@code json}: the line is a JSON value, redacted by
     * field name and content); a line that cannot be redacted becomes a marker, never the original.
     */
    public String redactLine(String line, boolean json) {
        return engine.withHandle(h -> RedactionBridge.redactLine(h, scope, line, json));
    }

    /** The redacted text and the findings (offsets into the input). */
    public RedactedText redact(String text) {
        long[][] numbers = new long[1][];
        String[] out = engine.withHandle(h -> RedactionBridge.scan(h, scope, text, true, numbers));
        return new RedactedText(out[0] == null ? text : out[0], findings(out, numbers[0]));
    }

    /** The findings in {@code text}, which is not changed. */
    public List<Finding> analyze(String text) {
        long[][] numbers = new long[1][];
        String[] out = engine.withHandle(h -> RedactionBridge.scan(h, scope, text, false, numbers));
        return findings(out, numbers[0]);
    }

    /** {@link #redact} on a background thread. */
    public CompletableFuture<RedactedText> redactAsync(String text) {
        return CompletableFuture.supplyAsync(() -> redact(text), Json.asyncExecutor());
    }

    /** {@link #analyze} on a background thread. */
    public CompletableFuture<List<Finding>> analyzeAsync(String text) {
        return CompletableFuture.supplyAsync(() -> analyze(text), Json.asyncExecutor());
    }

    private static List<Finding> findings(String[] entities, long[] numbers) {
        List<Finding> out = new ArrayList<>(entities.length - 1);
        for (int i = 1; i < entities.length; i++) {
            int at = (i - 1) * RedactionBridge.FINDING_NUMBERS;
            out.add(new Finding(entities[i], (int) numbers[at], (int) numbers[at + 1], (int) numbers[at + 2],
                    (int) numbers[at + 3], Double.longBitsToDouble(numbers[at + 4])));
        }
        return List.copyOf(out);
    }

    // JSON documents

    /**
     * Redacts a JSON document: values under sensitive field names ({@code password}, {@code *token},
     * {@code authorization}… plus the policy's {@code sensitive_fields}) are replaced whole, every other
     * string is scanned.
     */
    public RedactedJson redactJson(JsonNode value) {
        return Json.toModel(call.apply("redaction.redact_json", valueArgs(value)), RedactedJson.class);
    }

    /** {@link #redactJson} on a background thread. */
    public CompletableFuture<RedactedJson> redactJsonAsync(JsonNode value) {
        return callAsync.apply("redaction.redact_json", valueArgs(value))
                .thenApply(json -> Json.toModel(json, RedactedJson.class));
    }

    private static ObjectNode valueArgs(JsonNode value) {
        ObjectNode args = Json.object();
        args.set("value", value);
        return args;
    }

    // Policy

    /** The scope's own policy; {@code RedactionPolicyNotFoundException} when it has none. */
    public RedactionPolicy getPolicy() {
        return policy(call.apply("redaction.get_policy", Json.object()));
    }

    /** {@link #getPolicy} on a background thread. */
    public CompletableFuture<RedactionPolicy> getPolicyAsync() {
        return callAsync.apply("redaction.get_policy", Json.object()).thenApply(RedactionClient::policy);
    }

    /** Creates or replaces the scope's policy; it applies to the next call. */
    public RedactionPolicy putPolicy(RedactionPolicy policy) {
        return policy(call.apply("redaction.put_policy", Json.fromModel(policy)));
    }

    /** {@link #putPolicy} on a background thread. */
    public CompletableFuture<RedactionPolicy> putPolicyAsync(RedactionPolicy policy) {
        return callAsync.apply("redaction.put_policy", Json.fromModel(policy)).thenApply(RedactionClient::policy);
    }

    /** Deletes the scope's policy; {@code RedactionPolicyNotFoundException} when it has none. */
    public void deletePolicy() {
        call.apply("redaction.delete_policy", Json.object());
    }

    /** {@link #deletePolicy} on a background thread. */
    public CompletableFuture<Void> deletePolicyAsync() {
        return callAsync.apply("redaction.delete_policy", Json.object()).thenApply(json -> null);
    }

    /** The merged policy in force: built-in defaults, then the platform's, then the scope's. */
    public RedactionPolicy effectivePolicy() {
        return policy(call.apply("redaction.effective_policy", Json.object()));
    }

    /** {@link #effectivePolicy} on a background thread. */
    public CompletableFuture<RedactionPolicy> effectivePolicyAsync() {
        return callAsync.apply("redaction.effective_policy", Json.object()).thenApply(RedactionClient::policy);
    }

    private static RedactionPolicy policy(JsonNode json) {
        return Json.toModel(json, RedactionPolicy.class);
    }
}
