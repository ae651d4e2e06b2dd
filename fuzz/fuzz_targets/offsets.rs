//! The offset conversion on arbitrary bytes taken as UTF-8: at every char boundary, the
//! offset in UTF-16 units and in chars is the count of those units before it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens::{output::Converter, Offsets};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (utf8, utf16, chars) = (
        Converter::new(&text, Offsets::Utf8),
        Converter::new(&text, Offsets::Utf16),
        Converter::new(&text, Offsets::Chars),
    );
    let (mut units, mut count) = (0, 0);
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        assert_eq!(utf8.convert(at), at);
        assert_eq!(utf16.convert(at), units, "UTF-16 offset of byte {at}");
        assert_eq!(chars.convert(at), count, "char offset of byte {at}");
        units += c.len_utf16();
        count += 1;
    }
});
