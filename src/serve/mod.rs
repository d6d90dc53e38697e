//! (placeholder: filled in by the serve work)
