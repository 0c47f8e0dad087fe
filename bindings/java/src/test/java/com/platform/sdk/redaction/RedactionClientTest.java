package com.platform.sdk.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.sdk.Engine;
import com.platform.sdk.errors.InputTooLargeException;
import com.platform.sdk.errors.InvalidPatternException;
import com.platform.sdk.errors.NestingTooDeepException;
import com.platform.sdk.errors.RedactionPolicyNotFoundException;
import com.platform.sdk.errors.ValidationException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RedactionClientTest {
    static final String CARD = "4111 1111 1111 1111";

    @Test
    void redactTextIsTheHotPathAndKeepsCleanStrings() {
        try (Engine engine = Engine.create()) {
            RedactionClient redaction = engine.tenant("acme").redaction();
            assertEquals("card [REDACTED] for [REDACTED]", redaction.redactText("card " + CARD + " for jane@example.com"));
            String clean = "nothing to see here";
            assertSame(clean, redaction.redactText(clean));
            assertEquals("{\"password\":\"[REDACTED]\"}\n", redaction.redactLine("{\"password\": \"x\"}\n", true));
        }
    }

    @Test
    void redactAndAnalyzeReturnTypedFindings() throws Exception {
        try (Engine engine = Engine.create()) {
            RedactionClient redaction = engine.tenant("acme").redaction();
            String text = "émail: jane@example.com";
            RedactedText out = redaction.redact(text);
            assertEquals("émail: [REDACTED]", out.text());
            assertEquals(List.of(new Finding("EMAIL_ADDRESS", 8, 24, 7, 23, 1.0)), out.findings());
            assertEquals(out, redaction.redactAsync(text).get());
            List<Finding> found = redaction.analyze("token ghp_" + "a".repeat(36) + " from 192.168.1.20");
            assertEquals(List.of("GITHUB_TOKEN", "IP_ADDRESS"), found.stream().map(Finding::entity).toList());
            assertEquals(List.of(), redaction.analyzeAsync("version 1.2.3.4.5, order 4111111111111112").get());
            assertEquals("clean", redaction.redact("clean").text());
        }
    }

    @Test
    void policiesRoundTripWithOperators() throws Exception {
        try (Engine engine = Engine.create()) {
            RedactionClient redaction = engine.tenant("acme").redaction();
            assertThrows(RedactionPolicyNotFoundException.class, redaction::getPolicy);
            RedactionPolicy policy = RedactionPolicy.builder()
                    .operator("CREDIT_CARD", Operator.mask(4))
                    .operator("EMAIL_ADDRESS", Operator.partial(1, 0))
                    .operator("IP_ADDRESS", Operator.drop())
                    .operator("US_SSN", Operator.replaceWithEntityName())
                    .allowList(List.of("ops@example.com"))
                    .minScore(0.6)
                    .build();
            RedactionPolicy stored = redaction.putPolicy(policy);
            assertEquals(policy, stored);
            assertEquals(stored, redaction.getPolicy());
            assertEquals("**** **** **** 1111 j***@example.com ops@example.com  ssn <US_SSN>",
                    redaction.redactText(CARD + " jane@example.com ops@example.com 10.0.0.1 ssn 536-22-0987"));
            assertEquals(Optional.of(0.6), redaction.effectivePolicyAsync().get().minScore());
            redaction.deletePolicyAsync().get();
            assertThrows(RedactionPolicyNotFoundException.class, redaction::deletePolicy);
            assertEquals("[REDACTED]", redaction.redactText(CARD));
        }
    }

    @Test
    void customPatternsAndPseudonymsStayInTheirTenant() {
        try (Engine engine = Engine.create()) {
            RedactionClient acme = engine.tenant("acme").redaction();
            RedactionClient globex = engine.tenant("globex").redaction();
            acme.putPolicy(RedactionPolicy.builder().defaultOperator(Operator.hash())
                    .customPatterns(List.of(CustomPattern.of("EMPLOYEE_ID", "EMP-\\d{6}"))).build());
            globex.putPolicy(RedactionPolicy.builder().defaultOperator(Operator.hash()).build());
            assertEquals("EMPLOYEE_ID", acme.analyze("badge EMP-123456").get(0).entity());
            assertEquals(List.of(), globex.analyze("badge EMP-123456"));
            String pseudonym = acme.redactText("jane@example.com");
            assertTrue(pseudonym.matches("<EMAIL_ADDRESS_[0-9a-f]{16}>"), pseudonym);
            assertEquals(pseudonym, acme.redactText("jane@example.com"));
            assertNotEquals(pseudonym, globex.redactText("jane@example.com"));
        }
    }

    @Test
    void invalidPoliciesAndInputsThrowTypedExceptions() {
        try (Engine engine = Engine.create()) {
            RedactionClient redaction = engine.tenant("acme").redaction();
            RedactionPolicy bad = RedactionPolicy.builder()
                    .customPatterns(List.of(CustomPattern.of("OK", "a"), CustomPattern.of("BAD", "("))).build();
            InvalidPatternException e = assertThrows(InvalidPatternException.class, () -> redaction.putPolicy(bad));
            assertEquals(Optional.of("custom_patterns[1].pattern"), e.getField());
            assertInstanceOf(ValidationException.class, e);
            CompletionException async = assertThrows(CompletionException.class, () -> redaction.putPolicyAsync(
                    RedactionPolicy.builder().customPatterns(List.of(CustomPattern.of("LOOK", "(?=a)"))).build()).join());
            assertInstanceOf(InvalidPatternException.class, async.getCause());
            ValidationException score = assertThrows(ValidationException.class,
                    () -> redaction.putPolicy(RedactionPolicy.builder().minScore(2).build()));
            assertEquals(Optional.of("min_score"), score.getField());
            redaction.putPolicy(RedactionPolicy.builder().maxInputBytes(16).maxDepth(2).build());
            InputTooLargeException large = assertThrows(InputTooLargeException.class, () -> redaction.redactText("x".repeat(17)));
            assertEquals(Optional.of("text"), large.getField());
            assertThrows(InputTooLargeException.class, () -> redaction.analyze("x".repeat(17)));
            ObjectMapper mapper = new ObjectMapper();
            assertThrows(NestingTooDeepException.class,
                    () -> redaction.redactJson(mapper.readTree("{\"a\":{\"b\":{\"c\":1}}}")));
        }
    }

    @Test
    void redactJsonByFieldAndContent() throws Exception {
        try (Engine engine = Engine.create()) {
            RedactionClient redaction = engine.tenant("acme").redaction();
            ObjectMapper mapper = new ObjectMapper();
            RedactedJson out = redaction.redactJson(mapper.readTree(
                    "{\"user\":{\"password\":\"hunter2\",\"note\":\"mail jane@example.com\"},\"ids\":[1,\"10.0.0.1\"]}"));
            assertEquals(mapper.readTree(
                    "{\"user\":{\"password\":\"[REDACTED]\",\"note\":\"mail [REDACTED]\"},\"ids\":[1,\"[REDACTED]\"]}"),
                    out.value());
            java.util.Map<String, Finding> byPath = new java.util.TreeMap<>();
            out.findings().forEach(f -> byPath.put(f.path(), f.finding()));
            assertEquals(List.of("/ids/1", "/user/note", "/user/password"), List.copyOf(byPath.keySet()));
            assertEquals("SENSITIVE_FIELD", byPath.get("/user/password").entity());
            assertEquals(5, byPath.get("/user/note").charStart());
            assertEquals(out, redaction.redactJsonAsync(mapper.readTree(
                    "{\"user\":{\"password\":\"hunter2\",\"note\":\"mail jane@example.com\"},\"ids\":[1,\"10.0.0.1\"]}"))
                    .get());
        }
    }
}
