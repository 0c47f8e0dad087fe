package com.platform.sdk.authz;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code check(user, relation, object)} with optional condition context, contextual tuples, an
 * explanation, and the model and freshness to use.
 *
 * @param user The user ({@code user:anne}, {@code group:eng#member}).
 * @param relation The relation.
 * @param object The object ({@code document:1}).
 * @param context Condition parameters.
 * @param contextualTuples Tuples that hold for this check only.
 * @param explain Whether to return the granting path.
 * @param authorizationModelId The model version (the latest when empty).
 * @param minRevision Answer only once the store is at least at this revision.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CheckRequest(
        String user,
        String relation,
        String object,
        Map<String, Object> context,
        List<TupleKey> contextualTuples,
        boolean explain,
        Optional<String> authorizationModelId,
        Optional<Long> minRevision) {
    /** Validates required fields and copies collections (the record is immutable). */
    public CheckRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(object, "object");
        context = context == null ? Map.of() : Map.copyOf(context);
        contextualTuples = contextualTuples == null ? List.of() : List.copyOf(contextualTuples);
        authorizationModelId = authorizationModelId == null ? Optional.empty() : authorizationModelId;
        minRevision = minRevision == null ? Optional.empty() : minRevision;
    }

    /** A plain check (the native fast path). */
    public static CheckRequest of(String user, String relation, String object) {
        return new CheckRequest(user, relation, object, Map.of(), List.of(), false, Optional.empty(), Optional.empty());
    }

    /** True when the check needs nothing but the three strings. */
    @JsonIgnore
    boolean isPlain() {
        return context.isEmpty() && contextualTuples.isEmpty() && !explain && authorizationModelId.isEmpty()
                && minRevision.isEmpty();
    }

    /** A builder. */
    public static Builder builder(String user, String relation, String object) {
        return new Builder(user, relation, object);
    }

    /** Builds a {@link CheckRequest}. */
    public static final class Builder {
        private final String user;
        private final String relation;
        private final String object;
        private final Map<String, Object> context = new LinkedHashMap<>();
        private final List<TupleKey> contextualTuples = new ArrayList<>();
        private boolean explain;
        private String authorizationModelId;
        private Long minRevision;

        private Builder(String user, String relation, String object) {
            this.user = user;
            this.relation = relation;
            this.object = object;
        }

        /** One condition parameter (strings, numbers, booleans, lists, maps; timestamps as RFC 3339 text or Instant). */
        public Builder context(String name, Object value) {
            this.context.put(name, value);
            return this;
        }

        /** Condition parameters. */
        public Builder context(Map<String, ?> context) {
            this.context.putAll(context);
            return this;
        }

        /** A tuple that holds for this check only. */
        public Builder contextualTuple(TupleKey tuple) {
            this.contextualTuples.add(tuple);
            return this;
        }

        /** Return the granting path. */
        public Builder explain(boolean explain) {
            this.explain = explain;
            return this;
        }

        /** The model version. */
        public Builder authorizationModelId(String authorizationModelId) {
            this.authorizationModelId = authorizationModelId;
            return this;
        }

        /** Answer only once the store is at least at this revision (from a write). */
        public Builder minRevision(long minRevision) {
            this.minRevision = minRevision;
            return this;
        }

        /** The immutable {@link CheckRequest}. */
        public CheckRequest build() {
            return new CheckRequest(user, relation, object, context, contextualTuples, explain,
                    Optional.ofNullable(authorizationModelId), Optional.ofNullable(minRevision));
        }
    }
}
