//! Shared code of the fuzz targets: the invariant checks live in
//! `tests/hostile_invariants.rs` of the main crate, so `cargo test` and
//! `cargo fuzz` check exactly the same properties.

#[path = "../../tests/hostile_invariants.rs"]
pub mod invariants;
