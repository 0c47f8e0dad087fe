package com.platform.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** One page of a listing (immutable). */
public record Page<T>(List<T> data, Pagination pagination) {
    /** Where a page sits in the whole listing. */
    public record Pagination(int page, int pageSize, long totalItems, long totalPages, boolean hasNext, boolean hasPrevious) {}

    /** Builds a page from the engine's JSON. */
    public static <T> Page<T> fromJson(JsonNode node, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        node.get("data").forEach(element -> items.add(item.apply(element)));
        JsonNode p = node.get("pagination");
        Pagination pagination = new Pagination(p.get("page").asInt(), p.get("page_size").asInt(),
                p.get("total_items").asLong(), p.get("total_pages").asLong(),
                p.get("has_next").asBoolean(), p.get("has_previous").asBoolean());
        return new Page<>(Collections.unmodifiableList(items), pagination);
    }
}
