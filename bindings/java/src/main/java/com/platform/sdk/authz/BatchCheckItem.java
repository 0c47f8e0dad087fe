package com.platform.sdk.authz;

import com.platform.sdk.errors.PlatformException;
import java.util.List;
import java.util.Optional;

/**
 * One answer of a batch check: the result, or the error that one check raised (the other checks
 * still answer).
 *
 * @param allowed Whether the relation holds (false on error).
 * @param explanation The granting path when asked for.
 * @param error The check's error.
 */
public record BatchCheckItem(boolean allowed, Optional<List<String>> explanation, Optional<PlatformException> error) {
    /** Copies the path (the record is immutable). */
    public BatchCheckItem {
        explanation = explanation == null ? Optional.empty() : explanation.map(List::copyOf);
        error = error == null ? Optional.empty() : error;
    }
}
