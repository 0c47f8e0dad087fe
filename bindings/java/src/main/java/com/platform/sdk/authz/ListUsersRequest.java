package com.platform.sdk.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code listUsers(object, relation, userFilters)}.
 *
 * @param object The object.
 * @param relation The relation.
 * @param userFilters User types to return: {@code user}, or usersets such as {@code group#member}.
 * @param context Condition parameters.
 * @param contextualTuples Tuples that hold for this query only.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ListUsersRequest(
        String object,
        String relation,
        List<String> userFilters,
        Map<String, Object> context,
        List<TupleKey> contextualTuples) {
    /** Validates required fields and copies collections (the record is immutable). */
    public ListUsersRequest {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(relation, "relation");
        userFilters = List.copyOf(Objects.requireNonNull(userFilters, "userFilters"));
        context = context == null ? Map.of() : Map.copyOf(context);
        contextualTuples = contextualTuples == null ? List.of() : List.copyOf(contextualTuples);
    }

    /** A plain query. */
    public static ListUsersRequest of(String object, String relation, String... userFilters) {
        return new ListUsersRequest(object, relation, List.of(userFilters), Map.of(), List.of());
    }

    /** A builder. */
    public static Builder builder(String object, String relation) {
        return new Builder(object, relation);
    }

    /** Builds a {@link ListUsersRequest}. */
    public static final class Builder {
        private final String object;
        private final String relation;
        private final List<String> userFilters = new ArrayList<>();
        private final Map<String, Object> context = new LinkedHashMap<>();
        private final List<TupleKey> contextualTuples = new ArrayList<>();

        private Builder(String object, String relation) {
            this.object = object;
            this.relation = relation;
        }

        /** A user type to return ({@code user}, {@code group#member}). */
        public Builder userFilter(String filter) {
            this.userFilters.add(filter);
            return this;
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

        /** The immutable {@link ListUsersRequest}. */
        public ListUsersRequest build() {
            return new ListUsersRequest(object, relation, userFilters, context, contextualTuples);
        }
    }
}
