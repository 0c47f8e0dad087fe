package com.platform.sdk.authz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One type of a model in OpenFGA's JSON form.
 *
 * @param type The type name.
 * @param relations Each relation's rewrite (OpenFGA JSON), by relation name.
 * @param metadata Direct type restrictions and other metadata (OpenFGA JSON).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
public record TypeDefinition(String type, Map<String, JsonNode> relations, Optional<JsonNode> metadata) {
    /** Copies the relations (the record is immutable). */
    public TypeDefinition {
        relations = relations == null ? Map.of() : Map.copyOf(relations);
        metadata = metadata == null ? Optional.empty() : metadata;
    }
}
