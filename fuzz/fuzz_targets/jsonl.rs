//! The JSONL reader on arbitrary bytes: each line read as a text, a blank or a bad line
//! without a panic; each text analysed and written back as one line of JSON that
//! parses, holds no raw line or paragraph separator, and carries the line's id.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens::jsonl::{read_line, write_json, Item};
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    for line in data.split_inclusive(|b| *b == b'\n') {
        match read_line(line) {
            Item::Text { id, text } => {
                let doc = newslens::analyze(&text);
                newslens_fuzz::check(&doc);
                let out = newslens::Output::new(&doc, newslens::Offsets::Chars);
                let mut written = Vec::new();
                let answer = json!({"id": id, "result": out});
                write_json(&mut written, &answer, false).expect("written to memory");
                let s = std::str::from_utf8(&written).expect("JSON is UTF-8");
                assert!(s.ends_with('\n') && s.matches('\n').count() == 1, "one line");
                assert!(!s.contains(['\u{2028}', '\u{2029}']), "separators escaped");
                let back: Value = serde_json::from_str(s).expect("parses");
                assert_eq!(back, answer);
            }
            Item::Bad { error, .. } => assert!(!error.contains('\n'), "a one-line error"),
            _ => {}
        }
    }
});
