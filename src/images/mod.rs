//! (placeholder: filled in by the images work)
