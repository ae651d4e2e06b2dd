//! What the `newslens` command prints, for the Rust binary and the npm package's
//! `npx newslens` alike (through the wasm), so that the two print the same bytes: one
//! text's JSON or report to read, and one batch line's answer.
//!
//! Cost: linear in the text or line; nothing is held between calls.

use crate::jsonl::{self, Item};
use crate::{analyze_with, Document, Offsets, Options, Output, QuoteKind, Written};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;

/// How one text's result is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// JSON on one line.
    #[default]
    Json,
    /// JSON, indented.
    Pretty,
    /// The report to read ([`report`]).
    Text,
}

impl std::str::FromStr for Format {
    type Err = String;

    /// A format by name: "json", "pretty" or "text".
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "json" => Ok(Format::Json),
            "pretty" => Ok(Format::Pretty),
            "text" => Ok(Format::Text),
            other => Err(format!(
                "format must be \"json\", \"pretty\" or \"text\", not {other:?}"
            )),
        }
    }
}

/// The text of input `name`'s `bytes`, or the one-line error that says where they are
/// not UTF-8.
///
/// # Errors
/// `"{name}: invalid UTF-8 at byte N"`.
pub fn text_of<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, String> {
    std::str::from_utf8(bytes)
        .map_err(|e| format!("{name}: invalid UTF-8 at byte {}", e.valid_up_to()))
}

/// Writes the analysis `doc` to `out` in `format`, offsets in `unit`.
///
/// # Errors
/// Those of `out`.
pub fn write_result(
    out: &mut impl Write,
    doc: &Document,
    unit: Offsets,
    format: Format,
) -> serde_json::Result<()> {
    match format {
        Format::Text => out
            .write_all(report(&Output::new(doc, unit)).as_bytes())
            .map_err(serde_json::Error::io),
        _ => jsonl::write_json(out, &Written::new(doc, unit), format == Format::Pretty),
    }
}

/// One batch line's answer: the output line, and what to say on standard error when
/// the line was bad.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The line to write, its line end included.
    pub line: Vec<u8>,
    /// `"{name}: line N: ..."` for a bad line.
    pub complaint: Option<String>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a serde_json::Value,
    error: &'a str,
}

/// The answer to input line `n` of `name`, `buf` (its line end may be there or not):
/// its analysis with its "id"; `{"id", "error"}` for a bad line, with the complaint
/// for standard error; `{"id": null, "error": "blank line"}` for a blank one; so that
/// output line N answers input line N.
///
/// # Errors
/// Serialisation's, which a result never meets (it is fallible only in type).
pub fn answer(
    name: &str,
    n: usize,
    buf: &[u8],
    options: &Options,
    unit: Offsets,
) -> serde_json::Result<Answer> {
    let null = serde_json::Value::Null;
    let mut line = Vec::new();
    let mut complaint = None;
    match jsonl::read_line(buf) {
        Item::Text { id, text } => {
            let doc = analyze_with(&text, options);
            let output = Written::new(&doc, unit).with_id(&id);
            jsonl::write_json(&mut line, &output, false)
        }
        Item::Bad { id, error } => {
            complaint = Some(format!("{name}: line {n}: {error}"));
            let id = id.as_ref().unwrap_or(&null);
            jsonl::write_json(&mut line, &ErrorLine { id, error: &error }, false)
        }
        _ => {
            let error = "blank line";
            jsonl::write_json(&mut line, &ErrorLine { id: &null, error }, false)
        }
    }?;
    Ok(Answer { line, complaint })
}

/// The analysis as a reader takes it in, from its summary: the people and
/// organisations, most mentioned first (role phrases that refer to them counted),
/// then who said what, each speaker with their quotes in text order, most quoted
/// first, unattributed last; as the page lists them.
pub fn report(o: &Output) -> String {
    let mut s = String::new();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        s,
        "{} and {}.",
        count(o.entities.len(), "entity", "entities"),
        count(o.quotes.len(), "quote", "quotes")
    );
    let summary = &o.summary;
    if !summary.people.is_empty() {
        let _ = writeln!(s, "\nPeople and organisations:");
    }
    for p in &summary.people {
        let quotes = if p.quotes > 0 {
            format!(", {}", count(p.quotes, "quote", "quotes"))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  {} ({}): {}{quotes}",
            p.name,
            p.kind.as_str(),
            count(p.mentions, "mention", "mentions")
        );
    }
    if !o.quotes.is_empty() {
        let _ = writeln!(s, "\nWho said what:");
    }
    let unattributed =
        (!summary.unattributed.is_empty()).then_some(("Unattributed", summary.unattributed));
    let speakers = summary.speakers.iter().map(|sp| (sp.name, sp.quotes));
    for (name, quotes) in speakers.chain(unattributed) {
        let _ = writeln!(s, "  {name}");
        for &k in quotes {
            let q = &o.quotes[k];
            let kind = match q.kind {
                QuoteKind::Indirect => "indirect, reported",
                k => k.as_str(),
            };
            let cue = q
                .cue
                .as_ref()
                .and_then(|c| c.text)
                .map_or(String::new(), |c| {
                    format!(
                        ", cue: {}",
                        if c == ":" { "a label and a colon" } else { c }
                    )
                });
            // The speaker's mention where it is not their name ("he", "the mayor").
            let mention = q
                .speaker
                .as_ref()
                .filter(|sp| sp.text != sp.name)
                .map_or(String::new(), |sp| format!(", as \"{}\"", sp.text));
            let words: Vec<&str> = q.parts.iter().filter_map(|p| p.text).collect();
            let words = words
                .join(" … ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let sure = (q.confidence * 100.0).round();
            let _ = writeln!(s, "    - [{kind}{cue}{mention}, {sure}% sure] {words}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(buf: &str) -> (String, Option<String>) {
        let a = answer(
            "in.jsonl",
            3,
            buf.as_bytes(),
            &Options::default(),
            Offsets::Chars,
        )
        .expect("answered");
        (String::from_utf8(a.line).expect("UTF-8"), a.complaint)
    }

    #[test]
    fn a_line_is_answered_with_its_id_or_its_error() {
        let (out, complaint) = line("{\"id\": 1.0, \"text\": \"“Go,” Ann Lee said.\"}\n");
        assert!(out.starts_with("{\"id\":1.0,\"entities\":[") && out.ends_with("}\n"));
        assert!(
            out.contains("\"name\":\"Ann Lee\"") && complaint.is_none(),
            "{out}"
        );
        let (out, complaint) = line("{\"id\": \"x\"}");
        assert_eq!(out, "{\"id\":\"x\",\"error\":\"no \\\"text\\\" field\"}\n");
        assert_eq!(
            complaint.as_deref(),
            Some("in.jsonl: line 3: no \"text\" field")
        );
        assert_eq!(
            line(" \r\n"),
            ("{\"id\":null,\"error\":\"blank line\"}\n".into(), None)
        );
    }

    #[test]
    fn a_result_is_written_as_json_pretty_json_or_a_report() {
        let doc = analyze_with("“We stay,” Ann Lee said.", &Options::default());
        let write = |format| {
            let mut out = Vec::new();
            write_result(&mut out, &doc, Offsets::Utf8, format).expect("written");
            String::from_utf8(out).expect("UTF-8")
        };
        assert_eq!(write(Format::Json).lines().count(), 1);
        assert!(write(Format::Pretty).starts_with("{\n  \"entities\": ["));
        let report = write(Format::Text);
        assert!(report.starts_with("1 entity and 1 quote.\n"), "{report}");
        assert!(
            report.contains("  Ann Lee\n    - [direct, cue: said, 87% sure] “We stay,”\n"),
            "{report}"
        );
        assert_eq!("pretty".parse(), Ok(Format::Pretty));
        assert!("yaml".parse::<Format>().is_err());
    }

    #[test]
    fn text_that_is_no_utf8_is_named_with_its_byte() {
        assert_eq!(text_of("a.txt", b"ok"), Ok("ok"));
        assert_eq!(
            text_of("a.txt", b"caf\xe9"),
            Err("a.txt: invalid UTF-8 at byte 3".into())
        );
    }
}
