//! Fuzzes `analyze` and the offset conversions of `export`: any text, lossily decoded from the
//! fuzzer's bytes, must analyse without a panic and keep every invariant of ARCHITECTURE.md.
//! The checks are tests/common/invariants.rs, shared with tests/regression.rs, so a finding
//! replays there with exactly the same assertions.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    invariants::check(&text);
});
