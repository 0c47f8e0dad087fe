package com.platform.sdk.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * Filters of {@code readTuples} (all optional, combined with AND).
 *
 * @param user The user as written.
 * @param relation The relation.
 * @param object {@code type:id}, or {@code type:} for every object of a type.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TupleFilter(Optional<String> user, Optional<String> relation, Optional<String> object) {
    /** Normalizes nulls to empty. */
    public TupleFilter {
        user = user == null ? Optional.empty() : user;
        relation = relation == null ? Optional.empty() : relation;
        object = object == null ? Optional.empty() : object;
    }

    /** Every tuple. */
    public static TupleFilter all() {
        return new TupleFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Tuples of this user. */
    public TupleFilter user(String user) {
        return new TupleFilter(Optional.of(user), relation, object);
    }

    /** Tuples of this relation. */
    public TupleFilter relation(String relation) {
        return new TupleFilter(user, Optional.of(relation), object);
    }

    /** Tuples on this object ({@code type:} = every object of the type). */
    public TupleFilter object(String object) {
        return new TupleFilter(user, relation, Optional.of(object));
    }
}
