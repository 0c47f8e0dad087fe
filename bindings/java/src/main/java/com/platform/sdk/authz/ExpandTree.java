package com.platform.sdk.authz;

/**
 * The userset tree of {@code object#relation} (one level, as OpenFGA's expand).
 *
 * @param name {@code object#relation}.
 * @param root The root node.
 */
public record ExpandTree(String name, ExpandNode root) {}
