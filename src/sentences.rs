//! Stage 2: sentences and paragraphs.
//!
//! Split-then-merge: every line break ends a paragraph (so a byline or photo caption
//! never swallows the paragraph after it); inside a paragraph, UAX #29 sentence bounds
//! split, and one merge pass rejoins a split made after an abbreviation ("Sept.",
//! "U.S.", "Mr.") or an initial ("George W. Bush"). A sentence of more than
//! [`MAX_TOKENS`] tokens (a table, a list, a wall of text with no full stop) is cut into
//! pieces of at most that many, so that every later stage reads units of bounded size.
//!
//! Cost: linear in the text. Each line is read once by the UAX #29 splitter (or once by
//! a check that it holds one sentence); a merge looks back over the piece before only
//! as far as its last word; tokens are assigned to sentences in one walk.

use crate::lexicon::lexicon;
use crate::span::Span;
use crate::tokens::Token;
use serde::Serialize;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// One sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Where it is in the text, without surrounding white space.
    pub span: Span,
    /// The tokens it holds, as indices into the document's tokens.
    pub tokens: Range<usize>,
    /// Which paragraph (line) it belongs to, counting from 0.
    pub paragraph: usize,
}

/// The most tokens a sentence holds. No sentence of PolNeAR, CoNLL-2003 dev or GUM dev
/// holds as many (one holds more than 192).
pub const MAX_TOKENS: usize = 256;

/// Splits `text` into sentences, each holding at least one token and at most
/// [`MAX_TOKENS`].
///
/// Invariant: sentences are in text order, do not overlap, never cross a line break,
/// and every token belongs to exactly one sentence; a sentence runs from its first
/// token's start to its last token's end.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut spans: Vec<(Span, usize)> = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut pieces: Vec<Span> = Vec::new();
        let bounds: Box<dyn Iterator<Item = (usize, &str)>> = if is_one_sentence(line) {
            Box::new(std::iter::once((0, line)))
        } else {
            Box::new(line.split_sentence_bound_indices())
        };
        for (i, s) in bounds {
            let lead = s.len() - s.trim_start().len();
            let body = s.trim();
            if body.is_empty() {
                continue;
            }
            let span = Span::new(line_start + i + lead, line_start + i + lead + body.len());
            match pieces.last_mut() {
                // After an abbreviation, or before a lower-case word ("“You won?” she
                // asked."), the sentence goes on.
                Some(prev) if ends_with_abbreviation(&text[prev.range()]) || starts_lower(body) => {
                    prev.end = span.end;
                }
                _ => pieces.push(span),
            }
        }
        if !pieces.is_empty() {
            spans.extend(pieces.into_iter().map(|s| (s, paragraph)));
            paragraph += 1;
        }
        line_start += line.len();
    }
    let mut out = Vec::with_capacity(spans.len());
    let mut t = 0;
    for (span, paragraph) in spans {
        let first = t;
        while t < tokens.len() && tokens[t].span.start < span.end {
            t += 1;
        }
        if t - first > MAX_TOKENS {
            cut_long(text, tokens, first..t, paragraph, &mut out);
        } else if t > first {
            // From its first token to its last: the trimmed piece, but where a sentence
            // bound falls inside a word ("م.Nحبا"), whose token the sentence before holds.
            out.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[t - 1].span.end),
                tokens: first..t,
                paragraph,
            });
        }
    }
    out
}

/// Where an over-long sentence is best cut: after the end of a clause.
const CLAUSE_ENDS: [&str; 8] = [",", ";", ":", "—", "–", "-", ")", "]"];

/// Cuts the tokens `range` of an over-long sentence into sentences of at most
/// [`MAX_TOKENS`], each ending after the last comma, semicolon, colon, dash or closing
/// bracket of its second half where there is one.
fn cut_long(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let mut a = range.start;
    while a < range.end {
        let limit = (a + MAX_TOKENS).min(range.end);
        let b = if limit == range.end {
            limit
        } else {
            (a + MAX_TOKENS / 2..limit)
                .rev()
                .find(|&k| CLAUSE_ENDS.contains(&&text[tokens[k].span.range()]))
                .map_or(limit, |k| k + 1)
        };
        out.push(Sentence {
            span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
            tokens: a..b,
            paragraph,
        });
        a = b;
    }
}

/// Whether UAX #29 would find no sentence bound inside `line` before its end: no
/// terminator ('.', '!', '?') except in a final run of terminators and closing
/// quotes or brackets, then spaces, then the line break; no carriage return before
/// that. Only ASCII and a few common punctuation marks are trusted; anything else
/// goes the full way.
fn is_one_sentence(line: &str) -> bool {
    const SAFE: &[char] = &['‘', '’', '“', '”', '—', '–'];
    let body = line.strip_suffix('\n').unwrap_or(line);
    let body = body.strip_suffix('\r').unwrap_or(body);
    if body.contains('\r')
        || !(body.is_ascii() || body.chars().all(|c| c.is_ascii() || SAFE.contains(&c)))
    {
        return false;
    }
    let Some(at) = body.bytes().position(|b| matches!(b, b'.' | b'!' | b'?')) else {
        return true;
    };
    let tail = body[at..].trim_end_matches([' ', '\t']);
    tail.chars()
        .all(|c| matches!(c, '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '’' | '”'))
}

fn starts_lower(piece: &str) -> bool {
    piece
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// Whether a sentence piece ends in "Abbr." or a single capital initial ("W."), after
/// which UAX #29 broke but English does not.
fn ends_with_abbreviation(piece: &str) -> bool {
    let Some(body) = piece.strip_suffix('.') else {
        return false;
    };
    let word_start = body
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + body[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &body[word_start..];
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    initial || initials(word) || lexicon().abbreviations.contains(word)
}

/// Whether `word` (its final period cut) is a name's initials, "G.K" of "G.K. Chesterton":
/// capitals each followed by a period. Not "D.C", which ends many a sentence
/// ("Washington, D.C.").
fn initials(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(k, c)| {
            if k % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                *c == b'.'
            }
        })
        && word != "D.C"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, &tokenize(text))
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials on Sept. 12. They talked."),
            ["Mr. Smith met U.S. officials on Sept. 12.", "They talked."]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            sentences("George W. Bush spoke. Then he left."),
            ["George W. Bush spoke.", "Then he left."]
        );
        assert_eq!(
            sentences("Rep. A.B. Okafor spoke. Author T.J. Lane left Washington, D.C. He flew."),
            [
                "Rep. A.B. Okafor spoke.",
                "Author T.J. Lane left Washington, D.C.",
                "He flew."
            ]
        );
    }

    #[test]
    fn a_caption_line_does_not_swallow_the_next_paragraph() {
        let text =
            "Rescue workers in Lviv. Photo by Ann Lee, AP\nThe mayor said on Monday it was over.";
        assert_eq!(
            sentences(text),
            [
                "Rescue workers in Lviv.",
                "Photo by Ann Lee, AP",
                "The mayor said on Monday it was over."
            ]
        );
        let s = split_sentences(text, &tokenize(text));
        assert_eq!(s[1].paragraph, 0);
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            sentences("“It is over,” she said. “We won.” He nodded."),
            ["“It is over,” she said.", "“We won.”", "He nodded."]
        );
        assert_eq!(
            sentences("“Are you winning?” she asked. “Yes!” he said."),
            ["“Are you winning?” she asked.", "“Yes!” he said."]
        );
    }

    #[test]
    fn a_sentence_bound_inside_a_word_is_no_overlap() {
        // UAX #29 ends a sentence after "." before "N", inside the word "م.Nحبا" (its
        // word rules keep letters across a full stop). Found by fuzzing, after a
        // sentence cut at MAX_TOKENS: the next sentence began inside the cut one.
        let long = "he said ".repeat(140);
        for text in [
            "Salam م.Nحبا “بالعالم” said Ana.".to_owned(),
            format!("{long}م.Nحبا “بالعالم” said Ana."),
        ] {
            let tokens = tokenize(&text);
            let s = split_sentences(&text, &tokens);
            assert!(s.len() >= 2, "{text}");
            let mut end = 0;
            for sentence in &s {
                let first = tokens[sentence.tokens.start].span;
                let last = tokens[sentence.tokens.end - 1].span;
                assert_eq!(sentence.span, Span::new(first.start, last.end));
                assert!(sentence.span.start >= end, "overlap at {:?}", sentence.span);
                end = sentence.span.end;
            }
        }
    }

    #[test]
    fn a_sentence_without_end_is_cut_after_a_clause() {
        // 1,200 words, a comma after every seventh, no full stop: one line, one paragraph.
        let text: String = (0..1200)
            .map(|k| if k % 7 == 6 { "word, " } else { "word " })
            .collect();
        let tokens = tokenize(&text);
        let s = split_sentences(&text, &tokens);
        assert!(s.len() > 1);
        let mut next = 0;
        for (k, sentence) in s.iter().enumerate() {
            assert_eq!(sentence.tokens.start, next, "no token left out");
            assert!(sentence.tokens.len() <= MAX_TOKENS);
            assert_eq!(sentence.paragraph, 0);
            let piece = &text[sentence.span.range()];
            assert!(piece.starts_with("word") && piece == piece.trim());
            if k + 1 < s.len() {
                assert!(piece.ends_with(','), "cut after a clause: {piece:?}");
            }
            next = sentence.tokens.end;
        }
        assert_eq!(next, tokens.len());
        // Without a clause end, at the limit.
        let text = "word ".repeat(600);
        let s = split_sentences(&text, &tokenize(&text));
        let lens: Vec<usize> = s.iter().map(|s| s.tokens.len()).collect();
        assert_eq!(lens, [MAX_TOKENS, MAX_TOKENS, 600 - 2 * MAX_TOKENS]);
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    proptest::proptest! {
        /// The shortcut agrees with UAX #29 on every line it takes.
        #[test]
        fn a_line_taken_as_one_sentence_is_one_to_uax29(
            line in "[A-Za-z .!?\"'’”“—()\\[\\]\r\t,;:]{0,30}[ .!?\"'’”)\\]\r\t]{0,6}\n?"
        ) {
            // unicode-segmentation 1.13.3 overflows on "" in debug builds; the
            // splitter never passes it an empty line.
            proptest::prop_assume!(!line.is_empty());
            if is_one_sentence(&line) {
                let pieces = line
                    .split_sentence_bounds()
                    .filter(|s| !s.trim().is_empty())
                    .count();
                proptest::prop_assert!(pieces <= 1, "{line:?} has {pieces} pieces");
            }
        }
    }
}
