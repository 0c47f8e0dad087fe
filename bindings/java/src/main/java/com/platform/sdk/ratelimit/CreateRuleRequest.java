package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A new rule.
 *
 * @param name Name.
 * @param description Description.
 * @param policyId Policy.
 * @param target Target.
 * @param conditions Conditions.
 * @param isActive Active (default true).
 * @param priority Priority.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CreateRuleRequest(
        String name,
        String description,
        String policyId,
        RuleTarget target,
        List<RuleCondition> conditions,
        Boolean isActive,
        long priority) {
    /** Validates required fields and copies collections (the record is immutable). */
    public CreateRuleRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(target, "target");
        conditions = conditions == null ? null : List.copyOf(conditions);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateRuleRequest}. */
    public static final class Builder {
        private String name;
        private String description;
        private String policyId;
        private RuleTarget target;
        private List<RuleCondition> conditions = null;
        private Boolean isActive;
        private long priority;

        private Builder() {}

        /** Name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Description. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Policy. */
        public Builder policyId(String policyId) {
            this.policyId = policyId;
            return this;
        }

        /** Target. */
        public Builder target(RuleTarget target) {
            this.target = target;
            return this;
        }

        /** Conditions. */
        public Builder conditions(List<RuleCondition> conditions) {
            this.conditions = new ArrayList<>(conditions);
            return this;
        }

        /** Adds one to conditions. */
        public Builder condition(RuleCondition condition) {
            if (this.conditions == null) {
                this.conditions = new ArrayList<>();
            }
            this.conditions.add(condition);
            return this;
        }

        /** Active (default true). */
        public Builder isActive(boolean isActive) {
            this.isActive = isActive;
            return this;
        }

        /** Priority. */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /** The immutable {@link CreateRuleRequest}. */
        public CreateRuleRequest build() {
            return new CreateRuleRequest(name, description, policyId, target, conditions, isActive, priority);
        }
    }
}
