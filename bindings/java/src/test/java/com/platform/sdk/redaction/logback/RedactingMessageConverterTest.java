package com.platform.sdk.redaction.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.platform.sdk.Engine;
import com.platform.sdk.redaction.CustomPattern;
import com.platform.sdk.redaction.RedactionClient;
import com.platform.sdk.redaction.RedactionPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RedactingMessageConverterTest {
    /** A real Logback logger writing "%level %redactedMsg%n" into a buffer. */
    static Logger logger(Supplier<RedactingMessageConverter> converter, ByteArrayOutputStream out) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("redactedMsg", converter::get);
        layout.setPattern("%level %redactedMsg%n");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger("test");
        logger.addAppender(appender);
        return logger;
    }

    @Test
    void redactsFormattedSlf4jMessagesWithTheTenantPolicy() {
        try (Engine engine = Engine.create()) {
            RedactionClient acme = engine.tenant("acme").redaction();
            acme.putPolicy(RedactionPolicy.builder().customPatterns(List.of(CustomPattern.of("ORDER", "ORD-\\d+"))).build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            org.slf4j.Logger log = logger(() -> new RedactingMessageConverter(acme), out);
            log.info("card {} charged for {} ({})", "4111 1111 1111 1111", "jane@example.com", "ORD-991");
            log.warn("all clear");
            assertEquals("INFO card [REDACTED] charged for [REDACTED] ([REDACTED])\nWARN all clear\n",
                    out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void installedClientServesConvertersLogbackCreates() {
        try (Engine engine = Engine.create()) {
            RedactionClient globex = engine.tenant("globex").redaction();
            RedactingMessageConverter.install(globex);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                org.slf4j.Logger log = logger(RedactingMessageConverter::new, out);
                log.error("token ghp_{} leaked from {}", "a".repeat(36), "10.0.0.1");
                log.info("order ORD-991 is not a secret in this tenant");
                assertEquals("ERROR token [REDACTED] leaked from [REDACTED]\n"
                        + "INFO order ORD-991 is not a secret in this tenant\n", out.toString(StandardCharsets.UTF_8));
            } finally {
                RedactingMessageConverter.uninstall();
            }
        }
    }

    @Test
    void neverWritesWhatCannotBeRedacted() {
        try (Engine engine = Engine.create()) {
            RedactionClient acme = engine.tenant("acme").redaction();
            acme.putPolicy(RedactionPolicy.builder().maxInputBytes(16).build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            logger(() -> new RedactingMessageConverter(acme), out).info("a long message for {}", "jane@example.com");
            logger(RedactingMessageConverter::new, out).info("no client installed: jane@example.com");
            String written = out.toString(StandardCharsets.UTF_8);
            assertEquals("INFO " + RedactingMessageConverter.UNREDACTABLE + "\nINFO "
                    + RedactingMessageConverter.UNREDACTABLE + "\n", written);
            assertFalse(written.contains("jane@"));
        }
    }
}
