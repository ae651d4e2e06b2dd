//! Line shapes and word case: whether a sentence is running text or a headline in
//! capitals or title case, which says how much its capitals tell the name finders.

use crate::tokens::{Token, TokenKind};
use crate::words::is_all_caps;

fn tok(text: &str, t: Token) -> &str {
    &text[t.span.range()]
}

/// The token without a trailing possessive ("Biden's" -> "Biden").
pub(crate) fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .or_else(|| s.strip_suffix("'S"))
        .unwrap_or(s)
}

pub(super) fn is_possessive(s: &str) -> bool {
    strip_possessive(s).len() != s.len()
}

/// Whether `s` opens with a capital letter.
pub(crate) fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// How a sentence is cased, which says how much its capitals tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineCase {
    /// Running text: a capital marks a name or a sentence's start.
    Plain = 0,
    /// A headline in capitals ("SOCCER - JAPAN GET LUCKY WIN").
    Caps = 1,
    /// A headline in title case ("Council Plan for Trams Is Costly but Popular"):
    /// every word capitalised but a few short function words.
    Title = 2,
}

/// Short words a title-case headline may leave in lower case ("Plan for Taxes").
pub(crate) const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off",
    "on", "onto", "or", "over", "per", "than", "the", "to", "up", "via", "vs", "with", "yet",
];

/// The [`LineCase`] of a sentence's tokens. A title-case line needs four capitalised
/// words or more, one of them a common word ("Goes", "Plan"): names
/// alone ("Vasiliy Zhlobsky, EPA-EFE") are running text. Any other word in lower case
/// makes it running text, so running text costs a word or two.
pub(crate) fn line_case(text: &str, tokens: &[Token]) -> LineCase {
    let (mut words, mut capitalised, mut caps) = (0, 0, true);
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = tok(text, *t);
        words += 1;
        if is_all_caps(w) {
            capitalised += 1;
            continue;
        }
        caps = false;
        match w.chars().next() {
            Some(c) if c.is_uppercase() => capitalised += 1,
            Some(c) if c.is_lowercase() && !TITLE_SMALL_WORDS.contains(&w) => {
                return LineCase::Plain
            }
            _ => {}
        }
    }
    if caps && words >= 2 {
        return LineCase::Caps;
    }
    let common = || {
        let common = &crate::lexicon::lexicon().common;
        tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| tok(text, *t))
            .any(|w| is_capitalised(w) && common.contains(w.to_lowercase().as_str()))
    };
    if capitalised >= 4 && common() {
        LineCase::Title
    } else {
        LineCase::Plain
    }
}

/// "JAPAN" -> "Japan", for looking up words of a capitals headline.
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_title_case(s, &mut out);
    out
}

/// Appends [`title_case`]`(s)` to `out`.
pub(crate) fn push_title_case(s: &str, out: &mut String) {
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}
