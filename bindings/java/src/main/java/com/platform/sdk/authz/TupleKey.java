package com.platform.sdk.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A relationship tuple: {@code user} has {@code relation} on {@code object}.
 *
 * @param user {@code type:id}, {@code type:*} (everyone of the type) or {@code type:id#relation} (a userset).
 * @param relation The relation.
 * @param object {@code type:id}.
 * @param condition Optional condition.
 * @param expiresAt Optional expiry: past it the tuple grants nothing.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TupleKey(
        String user,
        String relation,
        String object,
        Optional<TupleCondition> condition,
        Optional<Instant> expiresAt) {
    /** Validates required fields (the record is immutable). */
    public TupleKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(object, "object");
        condition = condition == null ? Optional.empty() : condition;
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    /** A tuple without condition or expiry. */
    public static TupleKey of(String user, String relation, String object) {
        return new TupleKey(user, relation, object, Optional.empty(), Optional.empty());
    }

    /** This tuple with a condition. */
    public TupleKey withCondition(TupleCondition condition) {
        return new TupleKey(user, relation, object, Optional.of(condition), expiresAt);
    }

    /** This tuple with an expiry. */
    public TupleKey withExpiresAt(Instant expiresAt) {
        return new TupleKey(user, relation, object, condition, Optional.of(expiresAt));
    }
}
