//! JSONL batches at the edge, for the command line (and any other reader of batches):
//! one input line to an id and a text, or to a clear error; one result to one line of
//! JSON that no reader splits in two.
//!
//! Cost: linear in the line; nothing is held between lines.

use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

/// What one input line holds.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Item {
    /// `{"id": ..., "text": "..."}` (the id `null` when absent).
    Text {
        /// The line's id.
        id: Value,
        /// The text to analyse.
        text: String,
    },
    /// A line of white space only.
    Blank,
    /// A line that is no such object, with its id where it could be read.
    Bad {
        /// The line's id, if it could be read.
        id: Option<Value>,
        /// What is wrong, in one line.
        error: String,
    },
}

/// Reads one line of a batch, without its line end ("\n", "\r\n"); a byte order mark
/// that opens it is skipped.
pub fn read_line(line: &[u8]) -> Item {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Item::Blank;
    }
    match parse_line(line) {
        Ok((id, text)) => Item::Text { id, text },
        Err((id, error)) => Item::Bad { id, error },
    }
}

type LineError = (Option<Value>, String);

fn parse_line(line: &[u8]) -> Result<(Value, String), LineError> {
    let s = std::str::from_utf8(line)
        .map_err(|e| (None, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let mut v: Value = match serde_json::from_str(s) {
        Ok(v) => v,
        Err(e) => {
            // JSON may escape half of a surrogate pair ("\ud800"), which is no
            // character: where that is all that is wrong, say so, with the id.
            let surrogate = lone_surrogates(s).and_then(|(col, unit, repaired)| {
                let v = serde_json::from_str::<Value>(&repaired).ok()?;
                Some((col, unit, v.get("id").cloned()))
            });
            let Some((col, unit, id)) = surrogate else {
                return Err((None, format!("invalid JSON: {e}")));
            };
            return Err((
                id,
                format!(
                    "invalid JSON: \\u{unit:04x} at column {col} is half of a UTF-16 \
                     surrogate pair, not a character (text must be Unicode)"
                ),
            ));
        }
    };
    let id = v.get("id").cloned().unwrap_or_default();
    match v.get_mut("text").map(Value::take) {
        Some(Value::String(text)) => Ok((id, text)),
        Some(_) => Err((Some(id), "\"text\" is not a string".into())),
        None => Err((Some(id), "no \"text\" field".into())),
    }
}

/// The first `\\uXXXX` escape of `line` that is half of a surrogate pair without
/// its other half, as (column, counting from 1, and code unit), with the line
/// where every such escape is `\\ufffd`; `None` where there is none.
fn lone_surrogates(line: &str) -> Option<(usize, u16, String)> {
    let b = line.as_bytes();
    let unit_at = |i: usize| -> Option<u16> {
        let hex = line.get(i + 2..i + 6)?;
        (b[i + 1] == b'u').then(|| u16::from_str_radix(hex, 16).ok())?
    };
    let mut first = None;
    let mut repaired = String::with_capacity(line.len());
    let (mut i, mut copied) = (0, 0);
    while i + 1 < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(u) = unit_at(i) else {
            i += 2; // another escape, "\\\\" among them
            continue;
        };
        let paired = match u {
            0xd800..=0xdbff => unit_at(i + 6).is_some_and(|l| (0xdc00..=0xdfff).contains(&l)),
            0xdc00..=0xdfff => false,
            _ => {
                i += 6;
                continue;
            }
        };
        if paired {
            i += 12;
            continue;
        }
        first.get_or_insert((line[..i].chars().count() + 1, u));
        repaired.push_str(&line[copied..i]);
        repaired.push_str("\\ufffd");
        i += 6;
        copied = i;
    }
    repaired.push_str(&line[copied..]);
    first.map(|(col, u)| (col, u, repaired))
}

/// Writes `value` as one line of JSON (indented with `pretty`), U+2028 and U+2029
/// escaped, then a line end.
///
/// # Errors
/// Those of `out`, and of `value`'s serialisation.
pub fn write_json(
    out: &mut impl Write,
    value: &impl Serialize,
    pretty: bool,
) -> serde_json::Result<()> {
    // One formatter type for both layouts: each type would be another copy of the
    // serialisation code of every value written (in the wasm too).
    let f = LineSafe(pretty.then(serde_json::ser::PrettyFormatter::new));
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut *out, f))?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// A JSON formatter that writes U+2028 and U+2029 (line and paragraph separators,
/// which JSON allows raw in strings) as escapes: readers that split text into lines
/// at them (Python's `str.splitlines`, JavaScript before ES2019) would cut a result
/// in two. Indented with a pretty formatter, compact without.
struct LineSafe<'a>(Option<serde_json::ser::PrettyFormatter<'a>>);

/// Calls formatter method `$m` of the layout in use.
macro_rules! layout {
    ($self:ident.$m:ident($($arg:expr),*)) => {
        match &mut $self.0 {
            Some(pretty) => pretty.$m($($arg),*),
            None => serde_json::ser::CompactFormatter.$m($($arg),*),
        }
    };
}

impl serde_json::ser::Formatter for LineSafe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut from = 0;
        for (at, sep) in fragment.match_indices(['\u{2028}', '\u{2029}']) {
            w.write_all(&fragment.as_bytes()[from..at])?;
            w.write_all(if sep == "\u{2028}" {
                b"\\u2028"
            } else {
                b"\\u2029"
            })?;
            from = at + sep.len();
        }
        w.write_all(&fragment.as_bytes()[from..])
    }

    // The layout is the pretty formatter's, or the compact one's.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.begin_array(w))
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.end_array(w))
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        layout!(self.begin_array_value(w, first))
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.end_array_value(w))
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.begin_object(w))
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.end_object(w))
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        layout!(self.begin_object_key(w, first))
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.end_object_key(w))
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.begin_object_value(w))
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        layout!(self.end_object_value(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bad(line: &str) -> (Option<Value>, String) {
        match read_line(line.as_bytes()) {
            Item::Bad { id, error } => (id, error),
            other => panic!("{line:?} read as {other:?}"),
        }
    }

    #[test]
    fn lines_are_read_as_text_blank_or_bad() {
        let text = |id: Value, t: &str| Item::Text { id, text: t.into() };
        assert_eq!(
            read_line(b"{\"id\": 3, \"text\": \"Kyiv\"}\r\n"),
            text(json!(3), "Kyiv")
        );
        assert_eq!(
            read_line("\u{feff}{\"text\": \"x\"}".as_bytes()),
            text(Value::Null, "x")
        );
        for blank in ["", "\n", " \t\r\n", "\u{feff}"] {
            assert_eq!(read_line(blank.as_bytes()), Item::Blank, "{blank:?}");
        }
        assert_eq!(
            bad("{\"id\": 1}"),
            (Some(json!(1)), "no \"text\" field".into())
        );
        assert_eq!(
            bad("{\"id\": 1, \"text\": 5}"),
            (Some(json!(1)), "\"text\" is not a string".into())
        );
        assert!(bad("not json").1.starts_with("invalid JSON: "));
        assert_eq!(
            read_line(b"{\"text\": \"caf\xe9\"}"),
            Item::Bad {
                id: None,
                error: "invalid UTF-8 at byte 13".into()
            }
        );
    }

    #[test]
    fn half_a_surrogate_pair_is_named_with_its_column_and_the_id() {
        let (id, e) = bad(r#"{"id": "a", "text": "x \ud800 y"}"#);
        assert_eq!(id, Some(json!("a")));
        assert_eq!(
            e,
            "invalid JSON: \\ud800 at column 24 is half of a UTF-16 surrogate pair, not a \
             character (text must be Unicode)"
        );
        let (_, e) = bad(r#"{"text": "\udc00\ud83c\udf0d"}"#);
        assert!(e.contains("\\udc00 at column 11"), "{e}");
        // A pair is a character; an escaped backslash before "ud800" is no escape.
        assert!(matches!(
            read_line(br#"{"text": "\ud83c\udf0d \\ud800"}"#),
            Item::Text { text, .. } if text == "🌍 \\ud800"
        ));
        // Where more is wrong, the parser's own message.
        assert!(!bad(r#"{"text": "\ud800", oops}"#).1.contains("half of"));
    }

    #[test]
    fn an_id_is_written_back_as_it_was_read() {
        // Found by fuzzing: an id of many digits came back as another float.
        for id in [
            "4.4444444444444454e+85",
            "12345678901234567890123",
            "1.0",
            "-0",
            "7",
        ] {
            let line = format!("{{\"id\": {id}, \"text\": \"Kyiv\"}}");
            let Item::Text { id: read, .. } = read_line(line.as_bytes()) else {
                panic!("{line} is a text");
            };
            let mut out = Vec::new();
            write_json(&mut out, &json!({ "id": read }), false).expect("written");
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                format!("{{\"id\":{id}}}\n")
            );
        }
    }

    #[test]
    fn written_lines_escape_line_and_paragraph_separators() {
        let value = json!({"text": "a\u{2028}b\u{2029}c", "n": [1, 2]});
        for pretty in [false, true] {
            let mut out = Vec::new();
            write_json(&mut out, &value, pretty).expect("written");
            let s = String::from_utf8(out).expect("UTF-8");
            assert!(s.contains(r"a\u2028b\u2029c") && s.ends_with('\n'), "{s}");
            assert_eq!(s.lines().count() == 1, !pretty);
            assert_eq!(serde_json::from_str::<Value>(&s).expect("JSON"), value);
        }
    }
}
