package com.platform.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Instant;
import java.util.Optional;

/** JSON helpers of the binding (the engine speaks snake_case JSON). */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Maps module models (records) to and from the engine's snake_case JSON. */
    private static final ObjectMapper MODELS = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {}

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not serializable: " + e.getMessage(), e);
        }
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine returned invalid JSON", e);
        }
    }

    private static final ExecutorService ASYNC = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "shared-platform-async");
        thread.setDaemon(true);
        return thread;
    });

    /** The daemon-thread executor of every {@code …Async} call (never keeps the JVM alive). */
    public static Executor asyncExecutor() {
        return ASYNC;
    }

    /** A model (record) from the engine's JSON. */
    public static <T> T toModel(JsonNode node, Class<T> type) {
        try {
            return MODELS.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("unexpected engine JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A list of models from a JSON array. */
    public static <T> List<T> toModels(JsonNode node, Class<T> type) {
        List<T> out = new ArrayList<>();
        node.forEach(element -> out.add(toModel(element, type)));
        return List.copyOf(out);
    }

    /** The engine's JSON of a model (absent optionals and nulls left out). */
    public static ObjectNode fromModel(Object model) {
        return MODELS.valueToTree(model);
    }

    /** A text field, absent when missing or null. */
    public static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** An RFC 3339 timestamp field. */
    public static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }
}
