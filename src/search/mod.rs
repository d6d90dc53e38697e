//! (placeholder: filled in by the search work)
