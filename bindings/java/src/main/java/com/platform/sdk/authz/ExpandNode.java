package com.platform.sdk.authz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One node of an expansion (one level of the userset tree, as OpenFGA's expand). */
public sealed interface ExpandNode {
    /**
     * Users related directly.
     *
     * @param users {@code user:anne}, {@code user:*}, {@code group:eng#member}…
     */
    record Users(List<String> users) implements ExpandNode {
        /** Copies the list (the record is immutable). */
        public Users {
            users = List.copyOf(users);
        }
    }

    /**
     * The users of another relation of the same object.
     *
     * @param userset {@code document:1#owner}.
     */
    record Computed(String userset) implements ExpandNode {}

    /**
     * The users of a relation on the objects a tupleset points at.
     *
     * @param tupleset {@code document:1#parent}.
     * @param computed The usersets it points at ({@code folder:specs#viewer}).
     */
    record TupleToUserset(String tupleset, List<String> computed) implements ExpandNode {
        /** Copies the list (the record is immutable). */
        public TupleToUserset {
            computed = List.copyOf(computed);
        }
    }

    /**
     * Users of any child.
     *
     * @param children The children.
     */
    record Union(List<ExpandNode> children) implements ExpandNode {
        /** Copies the list (the record is immutable). */
        public Union {
            children = List.copyOf(children);
        }
    }

    /**
     * Users of every child.
     *
     * @param children The children.
     */
    record Intersection(List<ExpandNode> children) implements ExpandNode {
        /** Copies the list (the record is immutable). */
        public Intersection {
            children = List.copyOf(children);
        }
    }

    /**
     * Users of {@code base} but not of {@code subtract}.
     *
     * @param base The base.
     * @param subtract The excluded users.
     */
    record Difference(ExpandNode base, ExpandNode subtract) implements ExpandNode {}

    /** A node from the engine's JSON. */
    static ExpandNode fromJson(JsonNode node) {
        JsonNode leaf = node.get("leaf");
        if (leaf != null) {
            if (leaf.has("users")) {
                return new Users(texts(leaf.get("users")));
            }
            if (leaf.has("computed")) {
                return new Computed(leaf.get("computed").asText());
            }
            JsonNode ttu = leaf.get("tupleToUserset");
            return new TupleToUserset(ttu.get("tupleset").asText(), texts(ttu.get("computed")));
        }
        if (node.has("union")) {
            return new Union(children(node.get("union")));
        }
        if (node.has("intersection")) {
            return new Intersection(children(node.get("intersection")));
        }
        JsonNode difference = node.get("difference");
        return new Difference(fromJson(difference.get("base")), fromJson(difference.get("subtract")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<ExpandNode> children(JsonNode array) {
        List<ExpandNode> out = new ArrayList<>();
        array.forEach(x -> out.add(fromJson(x)));
        return out;
    }
}
