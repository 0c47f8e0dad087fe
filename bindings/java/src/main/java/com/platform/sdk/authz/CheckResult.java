package com.platform.sdk.authz;

import java.util.List;
import java.util.Optional;

/**
 * A check's answer with the path that granted it.
 *
 * @param allowed Whether the relation holds.
 * @param explanation The granting path, innermost step first (empty when denied or not asked).
 */
public record CheckResult(boolean allowed, Optional<List<String>> explanation) {
    /** Copies the path (the record is immutable). */
    public CheckResult {
        explanation = explanation == null ? Optional.empty() : explanation.map(List::copyOf);
    }
}
