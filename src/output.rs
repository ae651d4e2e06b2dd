//! The result as users get it: plain, JSON-shaped data with offsets in the unit the
//! caller chose and every span's text beside it.
//!
//! Cost: linear in the result: one pass over each layer, the texts borrowed from the
//! document, each offset converted by binary search in a table of the text's non-ASCII
//! chars (empty for ASCII text).

use crate::{Document, EntityKind, QuoteKind, Span};
use serde::Serialize;

/// How output offsets count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Offsets {
    /// UTF-8 bytes, as Rust slices strings.
    #[default]
    Utf8,
    /// UTF-16 code units, as JavaScript's `String.prototype.slice` counts.
    Utf16,
    /// Unicode code points, as Python's `str` indexing counts.
    Chars,
}

impl std::str::FromStr for Offsets {
    type Err = String;

    /// A unit by the name the CLI and the Python package give it: "utf8", "utf16" or
    /// "chars".
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "utf8" => Ok(Offsets::Utf8),
            "utf16" => Ok(Offsets::Utf16),
            "chars" => Ok(Offsets::Chars),
            other => Err(format!(
                "offsets must be \"chars\", \"utf16\" or \"utf8\", not {other:?}"
            )),
        }
    }
}

/// The analysis of one text, ready to serialise. Its texts are borrowed from the
/// [`Document`] it was made from: a text of a million mentions costs no million
/// strings.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Output<'a> {
    /// Every entity mention, in text order.
    pub entities: Vec<EntityOut<'a>>,
    /// One group per real-world entity.
    pub groups: Vec<GroupOut<'a>>,
    /// Every quotation, in text order.
    pub quotes: Vec<QuoteOut<'a>>,
    /// Every sentence, in text order.
    pub sentences: Vec<SpanOut<'a>>,
    /// The people and organisations ranked, and who said what.
    pub summary: SummaryOut<'a>,
}

/// A span with its text.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SpanOut<'a> {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The text it covers (omitted for sentences, whose text is the input's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

/// An entity mention.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EntityOut<'a> {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The mention's text.
    pub text: &'a str,
    /// What it is.
    pub kind: EntityKind,
    /// Its group, for names.
    pub group: Option<usize>,
    /// The probability that it is right (span and kind), to two decimals, for names
    /// the model found; `None` (null) for names of rules alone, numbers and dates.
    pub confidence: Option<f32>,
}

/// A group of mentions of one entity.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GroupOut<'a> {
    /// Its fullest name.
    pub name: &'a str,
    /// What it is.
    pub kind: EntityKind,
    /// Indices into `entities`.
    pub mentions: &'a [usize],
    /// Role phrases that refer to it ("the president").
    pub references: Vec<SpanOut<'a>>,
}

/// A quotation.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct QuoteOut<'a> {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The quoted text.
    pub text: &'a str,
    /// What kind of quotation.
    pub kind: QuoteKind,
    /// The cue, if any.
    pub cue: Option<SpanOut<'a>>,
    /// The speaker, if the text names one.
    pub speaker: Option<SpeakerOut<'a>>,
    /// The probability, to two decimals, that these are someone's words as found and
    /// said by `speaker` (calibrated on PolNeAR dev: docs/quotes.md).
    pub confidence: f32,
    /// Its pieces, in order: the quote itself, or each piece in quotation marks when its
    /// cue interrupts it ("“We won,” she said, “and we will win again.”"), when
    /// `start..end` runs over the cue too.
    pub parts: Vec<SpanOut<'a>>,
    /// The speaker's own words inside a mixed quote, each with its quotation marks
    /// (“dead on arrival” in "said the plan was “dead on arrival” unless ..."), in order;
    /// empty for the other kinds.
    pub quoted: Vec<SpanOut<'a>>,
}

/// The speaker of a quotation.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SpeakerOut<'a> {
    /// Start offset of the mention.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The mention's text ("he").
    pub text: &'a str,
    /// The name of the entity it refers to ("Joe Biden"), else the mention's text.
    pub name: &'a str,
    /// The group it refers to.
    pub group: Option<usize>,
}

/// The article at a glance (see [`crate::Summary`]).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SummaryOut<'a> {
    /// The people and organisations, most mentioned first, then by name.
    pub people: Vec<PersonOut<'a>>,
    /// Who said what: one entry per speaker, most quoted first, then by name.
    pub speakers: Vec<SaidOut<'a>>,
    /// The quotes with no speaker (indices into `quotes`), in text order.
    pub unattributed: &'a [usize],
}

/// A person or organisation, with how often the text names it and quotes it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PersonOut<'a> {
    /// Its fullest name.
    pub name: &'a str,
    /// Person or organisation.
    pub kind: EntityKind,
    /// Its index in `groups`.
    pub group: usize,
    /// Its mentions and the role phrases that refer to it ("the president").
    pub mentions: usize,
    /// How many quotes it is the speaker of.
    pub quotes: usize,
}

/// One speaker's quotes.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SaidOut<'a> {
    /// The speaker's name, as each of their quotes' `speaker.name` gives it.
    pub name: &'a str,
    /// Their group, if any.
    pub group: Option<usize>,
    /// Their quotes (indices into `quotes`), in text order.
    pub quotes: &'a [usize],
}

/// Converts UTF-8 byte offsets of one text into another unit, as [`Output`] does. For
/// ASCII text the table is empty and every offset maps to itself.
///
/// ```
/// use newslens::{output::Converter, Offsets};
/// let text = "é 🇺🇦 Kyiv";
/// let at = text.find("Kyiv").unwrap();
/// assert_eq!(Converter::new(text, Offsets::Utf16).convert(at), 7);
/// assert_eq!(Converter::new(text, Offsets::Chars).convert(at), 5);
/// ```
#[derive(Clone, Debug)]
pub struct Converter {
    /// `(byte, unit)` at each non-ASCII char's end, in order.
    table: Vec<(usize, usize)>,
}

impl Converter {
    /// A converter of offsets into `text` to `unit`.
    pub fn new(text: &str, unit: Offsets) -> Self {
        let mut table = Vec::new();
        if unit != Offsets::Utf8 && !text.is_ascii() {
            let mut units = 0;
            for (i, c) in text.char_indices() {
                units += match unit {
                    Offsets::Utf16 => c.len_utf16(),
                    _ => 1,
                };
                if !c.is_ascii() {
                    table.push((i + c.len_utf8(), units));
                }
            }
        }
        Converter { table }
    }

    /// The offset of `byte`, a char boundary of the text, in the converter's unit.
    pub fn convert(&self, byte: usize) -> usize {
        let i = self.table.partition_point(|(b, _)| *b <= byte);
        match i.checked_sub(1) {
            None => byte,
            // After the last non-ASCII char, the rest is ASCII: one unit per byte.
            Some(k) => self.table[k].1 + (byte - self.table[k].0),
        }
    }
}

impl<'a> Output<'a> {
    /// The document's result, with offsets counted in `unit`.
    pub fn new(doc: &'a Document, unit: Offsets) -> Self {
        let c = Convert::new(doc, unit);
        Output {
            entities: doc.entities.iter().map(|e| c.entity(e)).collect(),
            groups: doc.groups.iter().map(|g| c.group(g)).collect(),
            quotes: doc.quotes.iter().map(|q| c.quote(q)).collect(),
            sentences: doc.sentences.iter().map(|s| c.sentence(s)).collect(),
            summary: c.summary(),
        }
    }
}

/// The same data as [`Output`], each item converted as it is written: serialised, it
/// gives what the `Output` of the same document gives, without holding the converted
/// copy of the whole (for a text of 400,000 short quotes, some 110 MB).
///
/// ```
/// use newslens::{analyze, output::Written, Offsets, Output};
/// let doc = analyze("“We won,” said Ana Ruiz.");
/// assert_eq!(
///     serde_json::to_string(&Written::new(&doc, Offsets::Utf16)).unwrap(),
///     serde_json::to_string(&Output::new(&doc, Offsets::Utf16)).unwrap(),
/// );
/// ```
pub struct Written<'a>(Convert<'a>, Option<&'a serde_json::Value>);

impl<'a> Written<'a> {
    /// The document's result, to be written with offsets counted in `unit`.
    pub fn new(doc: &'a Document, unit: Offsets) -> Self {
        Written(Convert::new(doc, unit), None)
    }

    /// The same, with an `"id"` before the other fields (a batch line's answer).
    #[must_use]
    pub fn with_id(self, id: &'a serde_json::Value) -> Self {
        Written(self.0, Some(id))
    }
}

impl Serialize for Written<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (c, doc) = (&self.0, self.0.doc);
        // The id, then the fields of `Output`, in its order.
        let mut out = s.serialize_struct("Output", 5 + usize::from(self.1.is_some()))?;
        if let Some(id) = self.1 {
            out.serialize_field("id", id)?;
        }
        out.serialize_field(
            "entities",
            &Each(|| doc.entities.iter().map(|e| c.entity(e))),
        )?;
        out.serialize_field("groups", &Each(|| doc.groups.iter().map(|g| c.group(g))))?;
        out.serialize_field("quotes", &Each(|| doc.quotes.iter().map(|q| c.quote(q))))?;
        out.serialize_field(
            "sentences",
            &Each(|| doc.sentences.iter().map(|s| c.sentence(s))),
        )?;
        out.serialize_field("summary", &c.summary())?;
        out.end()
    }
}

/// A sequence serialised from the items its function yields.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// One document's items converted one at a time, for [`Output`] and [`Written`].
struct Convert<'a> {
    doc: &'a Document,
    conv: Converter,
}

impl<'a> Convert<'a> {
    fn new(doc: &'a Document, unit: Offsets) -> Self {
        Convert {
            doc,
            conv: Converter::new(&doc.text, unit),
        }
    }

    fn span(&self, s: Span) -> SpanOut<'a> {
        SpanOut {
            start: self.conv.convert(s.start),
            end: self.conv.convert(s.end),
            text: Some(self.doc.str(s)),
        }
    }

    fn entity(&self, e: &crate::Entity) -> EntityOut<'a> {
        EntityOut {
            start: self.conv.convert(e.span.start),
            end: self.conv.convert(e.span.end),
            text: self.doc.str(e.span),
            kind: e.kind,
            group: e.group,
            confidence: e.confidence.map(|p| (p * 100.0).round() / 100.0),
        }
    }

    fn group(&self, g: &'a crate::Group) -> GroupOut<'a> {
        GroupOut {
            name: &g.name,
            kind: g.kind,
            mentions: &g.mentions,
            references: g.references.iter().map(|s| self.span(*s)).collect(),
        }
    }

    fn quote(&self, q: &crate::Quote) -> QuoteOut<'a> {
        let doc = self.doc;
        QuoteOut {
            start: self.conv.convert(q.span.start),
            end: self.conv.convert(q.span.end),
            text: doc.str(q.span),
            kind: q.kind,
            cue: q.cue.map(|s| self.span(s)),
            speaker: q.speaker.as_ref().map(|s| SpeakerOut {
                start: self.conv.convert(s.span.start),
                end: self.conv.convert(s.span.end),
                text: doc.str(s.span),
                name: doc.speaker_name(s),
                group: s.group,
            }),
            confidence: (q.confidence * 100.0).round() / 100.0,
            parts: q.pieces().iter().map(|p| self.span(*p)).collect(),
            quoted: q.quoted.iter().map(|p| self.span(*p)).collect(),
        }
    }

    fn summary(&self) -> SummaryOut<'a> {
        let doc = self.doc;
        let s = &doc.summary;
        SummaryOut {
            people: s
                .people
                .iter()
                .map(|p| PersonOut {
                    name: &doc.groups[p.group].name,
                    kind: doc.groups[p.group].kind,
                    group: p.group,
                    mentions: p.mentions,
                    quotes: p.quotes,
                })
                .collect(),
            speakers: s
                .speakers
                .iter()
                .map(|said| SaidOut {
                    name: doc.quotes[said.quotes[0]]
                        .speaker
                        .as_ref()
                        .map_or("", |sp| doc.speaker_name(sp)),
                    group: said.group,
                    quotes: &said.quotes,
                })
                .collect(),
            unattributed: &s.unattributed,
        }
    }

    fn sentence(&self, s: &crate::Sentence) -> SpanOut<'a> {
        SpanOut {
            text: None,
            ..self.span(s.span)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_in_each_unit() {
        // é is 2 bytes, 1 UTF-16 unit, 1 char; 🇺🇦 is 8 bytes, 4 units, 2 chars.
        let text = "é 🇺🇦 Kyiv";
        let start = text.find("Kyiv").unwrap();
        for (unit, want) in [
            (Offsets::Utf8, 12),
            (Offsets::Utf16, 7),
            (Offsets::Chars, 5),
        ] {
            let conv = Converter::new(text, unit);
            assert_eq!(conv.convert(start), want, "{unit:?}");
            assert_eq!(conv.convert(text.len()), want + 4, "{unit:?}");
        }
    }
}
