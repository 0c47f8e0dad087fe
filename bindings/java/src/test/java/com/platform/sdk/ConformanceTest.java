package com.platform.sdk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.sdk.errors.PlatformException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs the language-neutral vectors of tests/conformance/ through the Java binding. */
class ConformanceTest {
    static final Path VECTORS = Path.of("..", "..", "tests", "conformance");

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(VECTORS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode suite = Json.MAPPER.readTree(file.toFile());
                for (JsonNode vector : suite.get("cases")) {
                    String name = suite.get("module").asText() + ": " + vector.get("name").asText();
                    tests.add(DynamicTest.dynamicTest(name, () -> run(vector)));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no vectors found");
        return tests.stream();
    }

    /** Whether {@code actual} contains {@code expected} (the README's matching rule). */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (actual == null) {
            return false;
        }
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!actual.isObject() || !contains(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!contains(actual.get(i), expected.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.asDouble() == actual.asDouble();
        }
        return expected.equals(actual);
    }

    static JsonNode substitute(JsonNode value, Map<String, JsonNode> saved) {
        if (value.isTextual() && value.asText().startsWith("${") && value.asText().endsWith("}")) {
            String name = value.asText().substring(2, value.asText().length() - 1);
            assertNotNull(saved.get(name), "nothing saved as " + name);
            return saved.get(name);
        }
        if (value.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            value.forEach(v -> out.add(substitute(v, saved)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = Json.object();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), saved)));
            return out;
        }
        return value;
    }

    static JsonNode errorView(PlatformException e) {
        ObjectNode view = Json.object().put("code", e.getCode()).put("name", e.getErrorName()).put("status", e.getStatus());
        e.getField().ifPresentOrElse(f -> view.put("field", f), () -> view.putNull("field"));
        return view;
    }

    static void run(JsonNode vector) {
        String options = Json.write(vector.has("engine") ? vector.get("engine") : Json.object());
        if (vector.has("engine_error")) {
            PlatformException e = assertThrows(PlatformException.class, () -> Engine.fromOptionsJson(options).close());
            assertTrue(contains(errorView(e), vector.get("engine_error")), errorView(e) + " vs " + vector.get("engine_error"));
            return;
        }
        try (Engine engine = Engine.fromOptionsJson(options)) {
            Map<String, JsonNode> saved = new HashMap<>();
            for (JsonNode step : vector.get("steps")) {
                runStep(engine, step, saved);
            }
        }
    }

    static void runStep(Engine engine, JsonNode step, Map<String, JsonNode> saved) {
        String method = step.get("call").asText();
        String scope = step.has("scope") ? step.get("scope").asText() : "*";
        JsonNode args = substitute(step.has("args") ? step.get("args") : Json.object(), saved);
        JsonNode result;
        try {
            result = engine.call(scope, method, args);
        } catch (PlatformException e) {
            if (!step.has("expect_error")) {
                fail(method + ": unexpected " + e + " (field " + e.getField() + ")");
            }
            assertTrue(contains(errorView(e), step.get("expect_error")), method + ": " + errorView(e) + " vs " + step.get("expect_error"));
            return;
        }
        assertFalse(step.has("expect_error"), method + ": expected error " + step.get("expect_error") + ", got " + result);
        if (step.has("expect")) {
            JsonNode expected = substitute(step.get("expect"), saved);
            assertTrue(contains(result, expected), method + ": expected " + expected + ", got " + result);
        }
        if (step.has("save")) {
            step.get("save").fields().forEachRemaining(e -> saved.put(e.getKey(), result.at(e.getValue().asText())));
        }
    }
}
