package com.platform.sdk.redaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scope's redaction policy; every field is optional. Layered: built-in defaults, then the
 * platform's policy, then the tenant's (scalars and operators override, lists are appended).
 *
 * @param entities The built-in entities to detect (empty: all of them).
 * @param minScore Findings scoring below this are ignored (default 0.5).
 * @param defaultOperator The operator of entities without their own (default: replace with {@code [REDACTED]}).
 * @param operators Operators by entity name.
 * @param allowList Values never redacted (case-insensitive).
 * @param customPatterns Custom detectors.
 * @param sensitiveFields Extra JSON field names (case-insensitive globs) redacted whole.
 * @param maxInputBytes Largest accepted input in bytes (default and maximum 32 MiB).
 * @param maxDepth Deepest accepted JSON nesting (default 128, maximum 10,000).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RedactionPolicy(
        Optional<List<String>> entities,
        Optional<Double> minScore,
        Optional<Operator> defaultOperator,
        Map<String, Operator> operators,
        List<String> allowList,
        List<CustomPattern> customPatterns,
        List<String> sensitiveFields,
        Optional<Integer> maxInputBytes,
        Optional<Integer> maxDepth) {
    /** Null means absent or empty; collections are copied (the record is immutable). */
    public RedactionPolicy {
        entities = entities == null ? Optional.empty() : entities.map(List::copyOf);
        minScore = minScore == null ? Optional.empty() : minScore;
        defaultOperator = defaultOperator == null ? Optional.empty() : defaultOperator;
        operators = operators == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(operators));
        allowList = allowList == null ? List.of() : List.copyOf(allowList);
        customPatterns = customPatterns == null ? List.of() : List.copyOf(customPatterns);
        sensitiveFields = sensitiveFields == null ? List.of() : List.copyOf(sensitiveFields);
        maxInputBytes = maxInputBytes == null ? Optional.empty() : maxInputBytes;
        maxDepth = maxDepth == null ? Optional.empty() : maxDepth;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RedactionPolicy}. */
    public static final class Builder {
        private List<String> entities;
        private Double minScore;
        private Operator defaultOperator;
        private final Map<String, Operator> operators = new LinkedHashMap<>();
        private List<String> allowList = List.of();
        private List<CustomPattern> customPatterns = List.of();
        private List<String> sensitiveFields = List.of();
        private Integer maxInputBytes;
        private Integer maxDepth;

        private Builder() {}

        /** The built-in entities to detect (default: all). */
        public Builder entities(List<String> entities) {
            this.entities = entities;
            return this;
        }

        /** Findings scoring below this are ignored. */
        public Builder minScore(double minScore) {
            this.minScore = minScore;
            return this;
        }

        /** The operator of entities without their own. */
        public Builder defaultOperator(Operator defaultOperator) {
            this.defaultOperator = defaultOperator;
            return this;
        }

        /** The operator of one entity. */
        public Builder operator(String entity, Operator operator) {
            this.operators.put(entity, operator);
            return this;
        }

        /** Values never redacted. */
        public Builder allowList(List<String> allowList) {
            this.allowList = allowList;
            return this;
        }

        /** Custom detectors. */
        public Builder customPatterns(List<CustomPattern> customPatterns) {
            this.customPatterns = customPatterns;
            return this;
        }

        /** Extra sensitive JSON field names (globs). */
        public Builder sensitiveFields(List<String> sensitiveFields) {
            this.sensitiveFields = sensitiveFields;
            return this;
        }

        /** Largest accepted input in bytes. */
        public Builder maxInputBytes(int maxInputBytes) {
            this.maxInputBytes = maxInputBytes;
            return this;
        }

        /** Deepest accepted JSON nesting. */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        /** The immutable {@link RedactionPolicy}. */
        public RedactionPolicy build() {
            return new RedactionPolicy(Optional.ofNullable(entities), Optional.ofNullable(minScore),
                    Optional.ofNullable(defaultOperator), operators, allowList, customPatterns, sensitiveFields,
                    Optional.ofNullable(maxInputBytes), Optional.ofNullable(maxDepth));
        }
    }
}
