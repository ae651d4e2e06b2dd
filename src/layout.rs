//! Stage 3: the layout. Each paragraph of the article (a line: every line break ends
//! one, as [`crate::split_sentences`] counts them) labelled once with what it is: the
//! headline, a byline, a dateline, a paragraph opened by a label and a colon (a
//! transcript's turn, a headline's "Poll:"). The name finder and the quote stage read
//! these labels; neither looks for them itself.
//!
//! Cost: one pass over the text's lines and one over the sentences. A label is looked
//! for in a paragraph's first 46 bytes, a dateline up to the first lower-case letter or
//! dash; the labels' last words are counted in a hash map.

use crate::lexicon::{find_lower, label_colon, lexicon, lines_of, names_no_one, HashMap};
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tokens::Token;
use crate::words::is_all_caps;
use std::ops::Range;

/// The dashes that end a dateline ("WASHINGTON — ...") or set a quote's signature apart
/// ("“...” — Ana Ruiz"); a hyphen counts when a space follows it.
pub(crate) const SIGNATURE_DASHES: [&str; 4] = ["―", "—", "–", "--"];

/// A label is looked for in this many bytes of a paragraph: a label of six short words
/// and its colon.
const LABEL_BYTES: usize = 46;

/// One paragraph and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The line, without the white space around it.
    pub span: Span,
    /// Its sentences, as indices into the document's.
    pub sentences: Range<usize>,
    /// Whether it is the first: a news text's headline.
    pub headline: bool,
    /// Whether it is a byline: one sentence of at most 8 tokens that opens with "By"
    /// ("By Niamh Kelleher").
    pub byline: bool,
    /// A dateline's place: the words in capitals that open it before a dash
    /// ("WASHINGTON — A Senate committee ..."). It tells where, not who.
    pub dateline: Option<Span>,
    /// The label and colon that open it ("OKOYE: ...", "Poll: ..."), if any.
    pub label: Option<Label>,
}

/// A label that opens a paragraph, and its colon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// The label: the words before the colon ("OKOYE", "Transport Chair Ruth Okoye").
    pub span: Span,
    /// Where the text after the colon and the white space after it starts.
    pub said: usize,
    /// Whether quotation marks open the paragraph before the label (`"HOST: ...`: a
    /// quoted transcript's turn, which the quote stage reads inside its quote).
    pub after_mark: bool,
    /// Whether it is a transcript speaker's turn: a label of one to three words in
    /// capitals ("WALLACE: Why now?", "JAKE TAPPER: Take a listen.") with words after
    /// it, whose last word, no common word, ends another such label too ("TAPPER: And
    /// you?"). A table's field names ("ISSUER: ...", "DUE: ...") come once each, and
    /// labels with a word of `not_speaker_labels.txt` ("CORRECTION:") are none.
    pub turn: bool,
}

/// The paragraphs of `text`, split into `sentences` of `tokens`: one for each line that
/// holds more than white space, in text order (a sentence's `paragraph` is its index).
pub fn find_layout(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    for line in lines_of(text) {
        let par = line.trim();
        if par.is_empty() {
            continue;
        }
        let start = par.as_ptr() as usize - text.as_ptr() as usize;
        let span = Span::new(start, start + par.len());
        out.push(Paragraph {
            span,
            sentences: 0..0,
            headline: out.is_empty(),
            byline: false,
            dateline: dateline(par).map(|n| Span::new(start, start + n)),
            label: label(text, line),
        });
    }
    // Each paragraph's sentences (in order, each in the paragraph it names).
    let mut k = 0;
    for (i, p) in out.iter_mut().enumerate() {
        let first = k;
        while k < sentences.len() && sentences[k].paragraph == i {
            k += 1;
        }
        p.sentences = first..k;
        p.byline = k - first == 1 && {
            let s = &sentences[first];
            s.tokens.len() <= 8 && matches!(&text[tokens[s.tokens.start].span.range()], "By" | "BY")
        };
    }
    mark_turns(text, &mut out);
    out
}

/// The length of the dateline that opens `par`: the text before its first dash (white
/// space before it aside), when it is in capitals.
fn dateline(par: &str) -> Option<usize> {
    for (i, c) in par.char_indices() {
        if c.is_lowercase() {
            return None;
        }
        let rest = &par[i..];
        if SIGNATURE_DASHES.iter().any(|d| rest.starts_with(d)) || rest.starts_with("- ") {
            let place = par[..i].trim_end_matches([' ', '\t']);
            return (is_all_caps(place)).then_some(place.len());
        }
    }
    None
}

/// The label that opens `line` (a line of `text`), maybe after quotation marks.
fn label(text: &str, line: &str) -> Option<Label> {
    let opened = line.trim_start();
    let par = opened.trim_start_matches(['"', '“']);
    let (colon, said) = label_colon(par, LABEL_BYTES)?;
    let start = par.as_ptr() as usize - text.as_ptr() as usize;
    Some(Label {
        span: Span::new(start, start + colon),
        said: start + said,
        after_mark: par.len() < opened.len(),
        turn: false,
    })
}

/// Marks the labels that are transcript turns ([`Label::turn`]).
fn mark_turns(text: &str, paragraphs: &mut [Paragraph]) {
    let lex = lexicon();
    // Each label that may be a turn, with its last word.
    let mut labels: Vec<(usize, &str)> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let Some(l) = &p.label else { continue };
        let label = &text[l.span.range()];
        let rest = &text[l.said.min(p.span.end)..p.span.end];
        let Some(last) = label.rsplit(' ').next() else {
            continue;
        };
        let caps = last.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && label
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
        let turn = label.split(' ').count() <= 3 && caps && !rest.trim().is_empty();
        if turn && !names_no_one(label) && find_lower(&lex.common, last).is_none() {
            labels.push((i, last));
        }
    }
    if labels.len() < 2 {
        return;
    }
    let mut uses: HashMap<&str, usize> = HashMap::default();
    for (_, last) in &labels {
        *uses.entry(last).or_default() += 1;
    }
    for (i, last) in labels {
        if uses[last] >= 2 {
            if let Some(l) = &mut paragraphs[i].label {
                l.turn = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{split_sentences, tokenize};

    fn layout(text: &str) -> Vec<Paragraph> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        find_layout(text, &tokens, &sentences)
    }

    #[test]
    fn labels_each_paragraph_once() {
        let text = "Harbour Reopens After Storm\n\nBy Niamh Kelleher\n\nELWIN — The port \
                    reopened on Monday. Crews worked all night.\n\nTAPPER: Why now?\n\
                    \"OKOYE: Because the channel is clear.\nJAKE TAPPER: And the cost?\n";
        let ps = layout(text);
        let at = |p: &Paragraph| &text[p.span.range()];
        assert_eq!(ps.len(), 6);
        assert!(ps[0].headline && !ps[1].headline);
        assert_eq!(at(&ps[1]), "By Niamh Kelleher");
        assert!(ps[1].byline && !ps[0].byline && !ps[2].byline);
        assert_eq!(ps[2].dateline.map(|s| &text[s.range()]), Some("ELWIN"));
        assert_eq!(ps[2].sentences.len(), 2);
        assert!(ps
            .iter()
            .enumerate()
            .all(|(i, p)| i == 2 || p.dateline.is_none()));
        let label = |p: &Paragraph| {
            p.label
                .map(|l| (&text[l.span.range()], l.after_mark, l.turn))
        };
        assert_eq!(label(&ps[3]), Some(("TAPPER", false, true)));
        assert_eq!(
            label(&ps[4]),
            Some(("OKOYE", true, false)),
            "OKOYE speaks once"
        );
        assert_eq!(label(&ps[5]), Some(("JAKE TAPPER", false, true)));
        assert_eq!(&text[ps[3].label.unwrap().said..ps[3].span.end], "Why now?");
    }

    #[test]
    fn a_field_name_or_a_lower_case_line_is_no_turn_or_dateline() {
        let ps = layout("ISSUER: Harbour Bank\nDUE: 2031\nCORRECTION: An earlier version.\n");
        assert!(ps.iter().all(|p| p.label.is_some_and(|l| !l.turn)));
        let ps = layout("The port — long closed — reopened.\nWASHINGTON (Reuters) — Votes.");
        assert!(ps.iter().all(|p| p.dateline.is_none()));
        assert!(layout("").is_empty());
    }
}
