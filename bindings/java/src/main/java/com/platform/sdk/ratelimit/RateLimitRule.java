package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored rule binding a policy to a target.
 *
 * @param id Id.
 * @param name Name.
 * @param description Description.
 * @param policyId Policy.
 * @param target Target.
 * @param conditions Conditions.
 * @param isActive Whether active.
 * @param priority Priority.
 * @param createdAt Created.
 * @param updatedAt Updated.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RateLimitRule(
        String id,
        String name,
        Optional<String> description,
        String policyId,
        RuleTarget target,
        Optional<List<RuleCondition>> conditions,
        boolean isActive,
        long priority,
        Instant createdAt,
        Instant updatedAt) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RateLimitRule {
        description = description == null ? Optional.empty() : description;
        conditions = conditions == null ? null : conditions.map(List::copyOf);
    }
}
