//! The whole analysis on arbitrary bytes taken as UTF-8 (invalid sequences read as
//! U+FFFD), every invariant checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    newslens_fuzz::check(&newslens::analyze(&text));
});
