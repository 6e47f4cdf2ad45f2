#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| citelint_fuzz::checks::quantity(data));
