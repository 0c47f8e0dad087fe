//! Page-based pagination, the shape every admin listing uses (spec 003 §5).

use serde::{Deserialize, Serialize};

use crate::error::{PlatformError, Result};

/// Largest accepted page size.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// Which page to return (1-based) and how large pages are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    /// 1-based page number.
    pub page: u32,
    /// Items per page, 1..=1000.
    pub page_size: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { page: 1, page_size: 50 }
    }
}

impl PageRequest {
    /// A validated page request.
    pub fn new(page: u32, page_size: u32) -> Result<PageRequest> {
        let request = PageRequest { page, page_size };
        request.validate()?;
        Ok(request)
    }

    /// Checks the bounds (page ≥ 1, 1 ≤ page_size ≤ 1000).
    pub fn validate(&self) -> Result<()> {
        if self.page == 0 {
            return Err(PlatformError::validation("page", "must be at least 1"));
        }
        if self.page_size == 0 || self.page_size > MAX_PAGE_SIZE {
            return Err(PlatformError::validation("page_size", format!("must be between 1 and {MAX_PAGE_SIZE}")));
        }
        Ok(())
    }

    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.page_size)
    }
}

/// Where a page sits in the whole listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
    /// Items in the whole listing.
    pub total_items: u64,
    /// Pages in the whole listing.
    pub total_pages: u64,
    /// Whether a later page exists.
    pub has_next: bool,
    /// Whether an earlier page exists.
    pub has_previous: bool,
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Where the page sits.
    pub pagination: Pagination,
}

impl<T> Page<T> {
    /// Builds a page from its items, the request and the total count.
    pub fn new(data: Vec<T>, request: PageRequest, total_items: u64) -> Page<T> {
        let total_pages = total_items.div_ceil(u64::from(request.page_size));
        let pagination = Pagination {
            page: request.page,
            page_size: request.page_size,
            total_items,
            total_pages,
            has_next: u64::from(request.page) < total_pages,
            has_previous: request.page > 1,
        };
        Page { data, pagination }
    }

    /// Slices an in-memory, already filtered and ordered list.
    pub fn from_vec(all: Vec<T>, request: PageRequest) -> Page<T> {
        let total = all.len() as u64;
        let data = all.into_iter().skip(request.offset() as usize).take(request.page_size as usize).collect();
        Page::new(data, request, total)
    }

    /// Converts the items, keeping the pagination.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { data: self.data.into_iter().map(f).collect(), pagination: self.pagination }
    }
}
