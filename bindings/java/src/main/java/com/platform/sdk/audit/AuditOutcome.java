package com.platform.sdk.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    DENIED;

    String wire() {
        return name().toLowerCase();
    }

    static AuditOutcome fromWire(String text) {
        return valueOf(text.toUpperCase());
    }
}
