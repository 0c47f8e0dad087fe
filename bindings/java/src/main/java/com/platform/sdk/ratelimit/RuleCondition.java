package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An extra condition on the request ({@code header} names the header for HEADER).
 *
 * @param field Field.
 * @param operator Operator.
 * @param value Operand (a string or a list of strings).
 * @param header Header name.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RuleCondition(
        ConditionField field,
        ConditionOperator operator,
        Object value,
        String header) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RuleCondition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RuleCondition}. */
    public static final class Builder {
        private ConditionField field;
        private ConditionOperator operator;
        private Object value;
        private String header;

        private Builder() {}

        /** Field. */
        public Builder field(ConditionField field) {
            this.field = field;
            return this;
        }

        /** Operator. */
        public Builder operator(ConditionOperator operator) {
            this.operator = operator;
            return this;
        }

        /** Operand (a string or a list of strings). */
        public Builder value(Object value) {
            this.value = value;
            return this;
        }

        /** Header name. */
        public Builder header(String header) {
            this.header = header;
            return this;
        }

        /** The immutable {@link RuleCondition}. */
        public RuleCondition build() {
            return new RuleCondition(field, operator, value, header);
        }
    }
}
