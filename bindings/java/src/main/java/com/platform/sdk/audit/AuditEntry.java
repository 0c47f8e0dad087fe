package com.platform.sdk.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** What a caller records (immutable); build with {@link #builder()}. */
public final class AuditEntry {
    private final String actorId;
    private final String action;
    private final String resourceType;
    private final String resourceId;
    private final AuditOutcome outcome;
    private final JsonNode metadata;
    private final String requestId;

    private AuditEntry(Builder b) {
        this.actorId = Objects.requireNonNull(b.actorId, "actorId");
        this.action = Objects.requireNonNull(b.action, "action");
        this.resourceType = Objects.requireNonNull(b.resourceType, "resourceType");
        this.resourceId = Objects.requireNonNull(b.resourceId, "resourceId");
        this.outcome = b.outcome;
        this.metadata = b.metadata;
        this.requestId = b.requestId;
    }

    /** A builder (actorId, action, resourceType and resourceId are required). */
    public static Builder builder() {
        return new Builder();
    }

    public String getActorId() { return actorId; }
    public String getAction() { return action; }
    public String getResourceType() { return resourceType; }
    public String getResourceId() { return resourceId; }
    public AuditOutcome getOutcome() { return outcome; }
    public Optional<JsonNode> getMetadata() { return Optional.ofNullable(metadata); }
    public Optional<String> getRequestId() { return Optional.ofNullable(requestId); }

    /** Builds an {@link AuditEntry}. */
    public static final class Builder {
        private String actorId;
        private String action;
        private String resourceType;
        private String resourceId;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private JsonNode metadata;
        private String requestId;

        private Builder() {}

        public Builder actorId(String actorId) { this.actorId = actorId; return this; }
        public Builder action(String action) { this.action = action; return this; }
        public Builder resourceType(String resourceType) { this.resourceType = resourceType; return this; }
        public Builder resourceId(String resourceId) { this.resourceId = resourceId; return this; }
        public Builder outcome(AuditOutcome outcome) { this.outcome = Objects.requireNonNull(outcome); return this; }
        /** Extra facts (redacted before storage). */
        public Builder metadata(JsonNode metadata) { this.metadata = metadata; return this; }
        /** Your own request id (else the engine makes one). */
        public Builder requestId(String requestId) { this.requestId = requestId; return this; }

        /** The entry; throws NullPointerException when a required field is missing. */
        public AuditEntry build() { return new AuditEntry(this); }
    }
}
