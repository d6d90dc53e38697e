//! The URLs of generated pages that the model reserves before placing
//! articles, so that no article can take them. (Listings, term pages and the
//! documents registry derive theirs from sections, taxonomies and records.)

/// The search page, under the site's root (`/tim-kiem/`).
pub const SEARCH: &str = "tim-kiem/";
