//! Shared by the fuzz targets and by `tests/fuzz_regressions.rs` (which
//! includes `checks.rs` by path), so a saved input is checked exactly as the
//! fuzzer checked it.
#[path = "checks.rs"]
pub mod checks;
