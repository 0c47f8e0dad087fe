package com.platform.sdk.redaction.logback;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.platform.sdk.errors.PlatformException;
import com.platform.sdk.redaction.RedactionClient;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Logback converter writing the formatted message redacted ({@code %msg} with the SLF4J {@code {}}
 * arguments filled in, then redacted by a scope's {@link RedactionClient}). Register it in the
 * pattern layout:
 *
 * <pre>{@code
 * RedactingMessageConverter.install(engine.tenant("acme").redaction());
 * // logback.xml: <conversionRule conversionWord="redactedMsg"
 * //                converterClass="com.platform.sdk.redaction.logback.RedactingMessageConverter"/>
 * //              <pattern>%d %level %logger - %redactedMsg%n</pattern>
 * }</pre>
 *
 * Logback creates converters by class name, so the client comes from {@link #install}, unless the
 * converter was constructed with one. A message the engine refuses (over the policy's input limit) is
 * written as {@link #UNREDACTABLE}, never as the original.
 */
public class RedactingMessageConverter extends MessageConverter {
    /** What replaces a message that could not be redacted. */
    public static final String UNREDACTABLE = "[REDACTED: the log message could not be redacted]";

    private static final AtomicReference<RedactionClient> INSTALLED = new AtomicReference<>();

    private final RedactionClient client;

    /** A converter using the client given to {@link #install} (how Logback creates it). */
    public RedactingMessageConverter() {
        this.client = null;
    }

    /** A converter using {@code client} (programmatic configuration). */
    public RedactingMessageConverter(RedactionClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Sets the client of converters created by Logback (e.g. the platform's or a tenant's). */
    public static void install(RedactionClient client) {
        INSTALLED.set(Objects.requireNonNull(client, "client"));
    }

    /** Removes the installed client (converters then write {@link #UNREDACTABLE}). */
    public static void uninstall() {
        INSTALLED.set(null);
    }

    @Override
    public String convert(ILoggingEvent event) {
        String message = super.convert(event);
        RedactionClient redaction = client != null ? client : INSTALLED.get();
        if (message == null || redaction == null) {
            return message == null ? null : UNREDACTABLE;
        }
        try {
            return redaction.redactText(message);
        } catch (PlatformException e) {
            return UNREDACTABLE;
        }
    }
}
