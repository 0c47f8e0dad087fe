'use strict';

/** Converts the engine's page JSON, mapping each item. */
function pageFromJson(raw, item) {
  const p = raw.pagination;
  return Object.freeze({
    data: Object.freeze(raw.data.map(item)),
    pagination: Object.freeze({
      page: p.page,
      pageSize: p.page_size,
      totalItems: p.total_items,
      totalPages: p.total_pages,
      hasNext: p.has_next,
      hasPrevious: p.has_previous,
    }),
  });
}

module.exports = { pageFromJson };
