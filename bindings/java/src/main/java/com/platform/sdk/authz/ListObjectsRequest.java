package com.platform.sdk.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code listObjects(user, relation, type)}: complete and sorted, one page at a time.
 *
 * @param user The user.
 * @param relation The relation.
 * @param type The object type.
 * @param context Condition parameters.
 * @param contextualTuples Tuples that hold for this query only.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ListObjectsRequest(
        String user,
        String relation,
        String type,
        Map<String, Object> context,
        List<TupleKey> contextualTuples) {
    /** Validates required fields and copies collections (the record is immutable). */
    public ListObjectsRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(type, "type");
        context = context == null ? Map.of() : Map.copyOf(context);
        contextualTuples = contextualTuples == null ? List.of() : List.copyOf(contextualTuples);
    }

    /** A plain query. */
    public static ListObjectsRequest of(String user, String relation, String type) {
        return new ListObjectsRequest(user, relation, type, Map.of(), List.of());
    }

    /** A builder. */
    public static Builder builder(String user, String relation, String type) {
        return new Builder(user, relation, type);
    }

    /** Builds a {@link ListObjectsRequest}. */
    public static final class Builder {
        private final String user;
        private final String relation;
        private final String type;
        private final Map<String, Object> context = new LinkedHashMap<>();
        private final List<TupleKey> contextualTuples = new ArrayList<>();

        private Builder(String user, String relation, String type) {
            this.user = user;
            this.relation = relation;
            this.type = type;
        }

        /** One condition parameter. */
        public Builder context(String name, Object value) {
            this.context.put(name, value);
            return this;
        }

        /** A tuple that holds for this query only. */
        public Builder contextualTuple(TupleKey tuple) {
            this.contextualTuples.add(tuple);
            return this;
        }

        /** The immutable {@link ListObjectsRequest}. */
        public ListObjectsRequest build() {
            return new ListObjectsRequest(user, relation, type, context, contextualTuples);
        }
    }
}
