package com.platform.sdk.authz;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The userset tree of {@code object#relation} (one level, as OpenFGA's expand).
 *
 * @param name {@code object#relation}.
 * @param root The root node: {@code {"leaf": {"users" | "computed" | "tupleToUserset"}}},
 *     {@code {"union": [...]}}, {@code {"intersection": [...]}} or {@code {"difference": {"base", "subtract"}}}.
 */
public record ExpandTree(String name, JsonNode root) {}
