//! Word segmentation: joining syllables into words (`phát triển`).
//!
//! SKELETON: to be written (issue 7).
//!
//! ```
//! let _ = viet_text::word::MODULE_READY;
//! ```

/// Placeholder until the segmenter lands.
pub const MODULE_READY: bool = false;
