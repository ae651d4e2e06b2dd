//! What the fuzz targets check: the invariants of an analysis, whatever the text, as the
//! integration tests check them.

#[path = "../../tests/it/invariants.rs"]
mod invariants;

pub use invariants::check;
