//! Stage 1: tokens, on UAX #29 word bounds.
//!
//! Cost: linear in the text. It is cut at ASCII white space into pieces, each segmented
//! once (by a byte loop when it is ASCII, else by unicode-segmentation, whose word
//! bounds look a bounded way ahead), and each token is pushed once.

use crate::span::Span;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or periods ("Biden's", "U.S").
    Word,
    /// Digits, possibly with inner separators ("1,000", "3.5").
    Number,
    /// Anything else that is not white space: punctuation, symbols, emoji.
    Punct,
}

/// One token: a UAX #29 word-bound segment that is not white space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where it is in the text.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// Splits `text` into tokens, dropping white space.
///
/// Invariant: tokens are in text order, do not overlap, lie on char boundaries, and
/// together with the white space between them cover the text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    for (at, piece) in pieces(text) {
        if piece.is_ascii() {
            ascii_bounds(piece, |s, e| push(&mut out, at + s, &piece[s..e]));
        } else {
            for (i, s) in piece.split_word_bound_indices() {
                push(&mut out, at + i, s);
            }
        }
    }
    out
}

fn push(out: &mut Vec<Token>, at: usize, s: &str) {
    if s.chars().all(char::is_whitespace) {
        return;
    }
    let first = s.chars().next().unwrap_or(' ');
    let kind = if first.is_alphabetic() {
        TokenKind::Word
    } else if first.is_numeric() {
        TokenKind::Number
    } else {
        TokenKind::Punct
    };
    out.push(Token {
        span: Span::new(at, at + s.len()),
        kind,
    });
}

/// The text cut after each ASCII white-space byte that an ASCII byte other than
/// white space follows. No UAX #29 word rule reaches across such a cut (only more
/// white space, a combining mark or a joiner would join the white space, and the
/// last two are not ASCII), so each piece can be segmented on its own.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let cut = b[i].is_ascii_whitespace()
                && b.get(i + 1)
                    .is_none_or(|n| n.is_ascii() && !n.is_ascii_whitespace());
            i += 1;
            if cut {
                let piece = (start, &text[start..i]);
                start = i;
                return Some(piece);
            }
        }
        (start < b.len()).then(|| {
            let piece = (start, &text[start..]);
            start = b.len();
            piece
        })
    })
}

/// UAX #29 word bounds of an ASCII string, calling `emit(start, end)` for each
/// segment: letters, digits and '_' hold together, as do letters across ':', '.' or
/// '\'' and digits across ',', ';', '.' or '\'' when the same class follows; runs of
/// spaces and "\r\n" are one segment; anything else stands alone.
fn ascii_bounds(s: &str, mut emit: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = b[i];
        i += 1;
        if word(c) {
            loop {
                match b.get(i) {
                    Some(&n) if word(n) => i += 1,
                    Some(&m) => {
                        let (p, after) = (b[i - 1], b.get(i + 1).copied());
                        let letters = p.is_ascii_alphabetic()
                            && matches!(m, b':' | b'.' | b'\'')
                            && after.is_some_and(|a| a.is_ascii_alphabetic());
                        let digits = p.is_ascii_digit()
                            && matches!(m, b',' | b';' | b'.' | b'\'')
                            && after.is_some_and(|a| a.is_ascii_digit());
                        if letters || digits {
                            i += 2;
                        } else {
                            break;
                        }
                    }
                    None => break,
                }
            }
        } else if c == b' ' {
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
        } else if c == b'\r' && b.get(i) == Some(&b'\n') {
            i += 1;
        }
        emit(start, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.span.range()])
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            texts("Biden’s aides paid $1,000.50 — “twice”."),
            [
                "Biden’s",
                "aides",
                "paid",
                "$",
                "1,000.50",
                "—",
                "“",
                "twice",
                "”",
                "."
            ]
        );
    }

    #[test]
    fn abbreviations_keep_inner_periods() {
        assert_eq!(texts("the U.S. economy"), ["the", "U.S", ".", "economy"]);
    }

    #[test]
    fn emoji_and_flags_are_single_tokens() {
        assert_eq!(texts("ok 👍🏽 🇺🇦!"), ["ok", "👍🏽", "🇺🇦", "!"]);
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    fn check_against_uax29(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let expected: Vec<(usize, &str)> = text
            .split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .collect();
        let got: Vec<(usize, &str)> = tokenize(text)
            .iter()
            .map(|t| (t.span.start, &text[t.span.range()]))
            .collect();
        proptest::prop_assert_eq!(got, expected);
        Ok(())
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The ASCII path and the cuts between pieces agree with unicode-segmentation,
        /// next to the non-ASCII marks that join or split words.
        #[test]
        fn tokens_match_uax29(text in "([a-zA-Z0-9_.,;:'\" \t\r\n!?$%()-]|[’“é\u{301}\u{200d}🇺]){0,60}") {
            check_against_uax29(&text)?;
        }

        /// Words and numbers with the marks that may join them.
        #[test]
        fn words_and_numbers_match_uax29(text in "[a1_.,;:' ]{0,30}") {
            check_against_uax29(&text)?;
        }

        /// Every ASCII byte, control characters included.
        #[test]
        fn ascii_tokens_match_uax29(text in "[\\x00-\\x7f]{0,60}") {
            check_against_uax29(&text)?;
        }
    }
}
