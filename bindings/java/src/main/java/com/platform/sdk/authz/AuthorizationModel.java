package com.platform.sdk.authz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A model version as OpenFGA's JSON ({@code toJson()} gives what {@code writeModel} accepts).
 *
 * @param id The version id.
 * @param schemaVersion {@code 1.1}.
 * @param typeDefinitions The types.
 * @param conditions The conditions by name (OpenFGA JSON).
 */
public record AuthorizationModel(
        String id, String schemaVersion, List<TypeDefinition> typeDefinitions, Map<String, JsonNode> conditions) {
    /** Copies collections (the record is immutable). */
    public AuthorizationModel {
        typeDefinitions = typeDefinitions == null ? List.of() : List.copyOf(typeDefinitions);
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    }

    /** The type names, in definition order. */
    public List<String> typeNames() {
        return typeDefinitions.stream().map(TypeDefinition::type).toList();
    }
}
