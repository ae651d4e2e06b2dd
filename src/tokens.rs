//! Stage 1: tokens, on UAX #29 word bounds.

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
    text.split_word_bound_indices()
        .filter(|(_, s)| !s.chars().all(char::is_whitespace))
        .map(|(i, s)| {
            let first = s.chars().next().unwrap_or(' ');
            let kind = if first.is_alphabetic() {
                TokenKind::Word
            } else if first.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Punct
            };
            Token {
                span: Span::new(i, i + s.len()),
                kind,
            }
        })
        .collect()
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
}
