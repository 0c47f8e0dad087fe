package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to a rule (unset fields stay unchanged).
 *
 * @param name Name.
 * @param description Description.
 * @param policyId Policy.
 * @param target Target.
 * @param conditions Conditions.
 * @param priority Priority.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record UpdateRuleRequest(
        String name,
        String description,
        String policyId,
        RuleTarget target,
        List<RuleCondition> conditions,
        Long priority) {
    /** Validates required fields and copies collections (the record is immutable). */
    public UpdateRuleRequest {
        conditions = conditions == null ? null : List.copyOf(conditions);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link UpdateRuleRequest}. */
    public static final class Builder {
        private String name;
        private String description;
        private String policyId;
        private RuleTarget target;
        private List<RuleCondition> conditions = null;
        private Long priority;

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

        /** Priority. */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /** The immutable {@link UpdateRuleRequest}. */
        public UpdateRuleRequest build() {
            return new UpdateRuleRequest(name, description, policyId, target, conditions, priority);
        }
    }
}
