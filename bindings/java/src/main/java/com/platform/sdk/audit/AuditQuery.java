package com.platform.sdk.audit;

import java.time.Instant;
import java.util.Optional;

/** Filters of an audit listing (combined with AND) and the page; immutable, built with {@link #builder()}. */
public final class AuditQuery {
    private final String actorId;
    private final String action;
    private final String resourceType;
    private final String resourceId;
    private final AuditOutcome outcome;
    private final Instant since;
    private final Instant until;
    private final int page;
    private final int pageSize;

    private AuditQuery(Builder b) {
        this.actorId = b.actorId;
        this.action = b.action;
        this.resourceType = b.resourceType;
        this.resourceId = b.resourceId;
        this.outcome = b.outcome;
        this.since = b.since;
        this.until = b.until;
        this.page = b.page;
        this.pageSize = b.pageSize;
    }

    /** A builder with no filter, page 1 of 50. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every record, first page. */
    public static AuditQuery all() {
        return builder().build();
    }

    public Optional<String> getActorId() { return Optional.ofNullable(actorId); }
    public Optional<String> getAction() { return Optional.ofNullable(action); }
    public Optional<String> getResourceType() { return Optional.ofNullable(resourceType); }
    public Optional<String> getResourceId() { return Optional.ofNullable(resourceId); }
    public Optional<AuditOutcome> getOutcome() { return Optional.ofNullable(outcome); }
    public Optional<Instant> getSince() { return Optional.ofNullable(since); }
    public Optional<Instant> getUntil() { return Optional.ofNullable(until); }
    public int getPage() { return page; }
    public int getPageSize() { return pageSize; }

    /** Builds an {@link AuditQuery}. */
    public static final class Builder {
        private String actorId;
        private String action;
        private String resourceType;
        private String resourceId;
        private AuditOutcome outcome;
        private Instant since;
        private Instant until;
        private int page = 1;
        private int pageSize = 50;

        private Builder() {}

        public Builder actorId(String actorId) { this.actorId = actorId; return this; }
        public Builder action(String action) { this.action = action; return this; }
        public Builder resourceType(String resourceType) { this.resourceType = resourceType; return this; }
        public Builder resourceId(String resourceId) { this.resourceId = resourceId; return this; }
        public Builder outcome(AuditOutcome outcome) { this.outcome = outcome; return this; }
        public Builder since(Instant since) { this.since = since; return this; }
        public Builder until(Instant until) { this.until = until; return this; }
        public Builder page(int page) { this.page = page; return this; }
        public Builder pageSize(int pageSize) { this.pageSize = pageSize; return this; }

        public AuditQuery build() { return new AuditQuery(this); }
    }
}
