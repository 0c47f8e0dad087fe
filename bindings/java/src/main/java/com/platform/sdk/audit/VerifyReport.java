package com.platform.sdk.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.sdk.Json;
import java.util.Optional;

/** The result of verifying an audit chain (immutable). */
public record VerifyReport(boolean valid, long recordsChecked, Optional<Long> firstBrokenSeq, Optional<String> reason) {
    static VerifyReport fromJson(JsonNode n) {
        JsonNode broken = n.get("first_broken_seq");
        Optional<Long> seq = broken == null || broken.isNull() ? Optional.empty() : Optional.of(broken.asLong());
        return new VerifyReport(n.get("valid").asBoolean(), n.get("records_checked").asLong(), seq, Json.optionalText(n, "reason"));
    }
}
