//! The quote stage's reading of one document: [`Ctx`] holds its stages and answers
//! what the rules ask of a token, a sentence or a span (is this a cue, who is the
//! speaker after it, which name does "he" mean).

// The stage's own helpers, as the methods were written beside them.
#[allow(clippy::wildcard_imports)]
use super::*;

/// One document's stages as the quote stage reads them, and what it looks up once for
/// all its quotes.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) sentences: &'a [Sentence],
    /// What each paragraph is (headline, byline, dateline, label).
    pub(super) paragraphs: &'a [Paragraph],
    pub(super) entities: &'a [Entity],
    pub(crate) groups: &'a [Group],
    /// Per token: [`CUE`] for a cue word, [`ACCORDING_TO`] for the "according" of
    /// "according to", else 0; looked up once, as the rules ask of many tokens, and
    /// of the same ones again for each quote of a sentence.
    pub(super) cues: Vec<u8>,
    /// The role phrases the grouping stage linked, each with its group, in the groups'
    /// order, and an index of their spans.
    pub(super) references: (Vec<(Span, usize)>, SpanIndex),
}

/// A cue word ([`Ctx::is_cue`]).
pub(super) const CUE: u8 = 1;
/// "according" before "to" ([`Ctx::according_to`]).
pub(super) const ACCORDING_TO: u8 = 2;

/// Person groups by the lower-cased last word of their names ([`Ctx::surnames`]).
pub(super) type Surnames = crate::lexicon::HashMap<String, usize>;

/// A cue and a speaker, either of which may be missing.
pub(super) type Attribution = (Option<Span>, Option<Speaker>);

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        paragraphs: &'a [Paragraph],
        entities: &'a [Entity],
        groups: &'a [Group],
    ) -> Self {
        let tok = |i: usize| tokens.get(i).map(|t| &text[t.span.range()]);
        let cues = (0..tokens.len())
            .map(|i| {
                if matches!(tok(i), Some("according" | "According")) && tok(i + 1) == Some("to") {
                    ACCORDING_TO
                } else if tokens[i].kind == TokenKind::Word
                    && tok(i).is_some_and(|w| lexicon().cues.contains(w))
                {
                    CUE
                } else {
                    0
                }
            })
            .collect();
        let linked: Vec<(Span, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.references.iter().map(move |&s| (s, g)))
            .collect();
        let index = SpanIndex::new(linked.iter().map(|(s, _)| *s));
        let references = (linked, index);
        Ctx {
            text,
            tokens,
            sentences,
            paragraphs,
            entities,
            groups,
            cues,
            references,
        }
    }

    /// The group a role phrase at `span` refers to, as the grouping stage linked it
    /// (the first such group).
    pub(super) fn referred_by(&self, span: Span) -> Option<usize> {
        let (linked, index) = &self.references;
        index
            .overlapping(span)
            .filter(|&k| linked[k].0 == span)
            .min()
            .map(|k| linked[k].1)
    }

    pub(super) fn tok(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span.range()]
    }

    /// A speaker mention at `span`, resolved to `group`.
    pub(super) fn speaker(&self, span: Span, group: Option<usize>) -> Speaker {
        Speaker {
            span,
            entity: self.entity_at(span.start).map(|(i, _)| i),
            group,
            named: None,
        }
    }

    /// The entity that starts at `byte`, if any (entities are sorted by start).
    pub(super) fn entity_at(&self, byte: usize) -> Option<(usize, &Entity)> {
        let i = self.entities.partition_point(|e| e.span.start < byte);
        self.entities
            .get(i)
            .filter(|e| e.span.start == byte)
            .map(|e| (i, e))
    }

    /// The entity that ends at `byte`, if any (entities are sorted by start and do not
    /// overlap, so by end too).
    pub(super) fn entity_ending_at(&self, byte: usize) -> Option<(usize, &Entity)> {
        let i = self.entities.partition_point(|e| e.span.end < byte);
        self.entities
            .get(i)
            .filter(|e| e.span.end == byte)
            .map(|e| (i, e))
    }

    /// The entities inside `span`.
    pub(super) fn entities_in(&self, span: Span) -> &[Entity] {
        let a = self.entities.partition_point(|e| e.span.start < span.start);
        let b = self.entities.partition_point(|e| e.span.start < span.end);
        &self.entities[a..b.max(a)]
    }

    /// The sentences a span starts and ends in, when both are known.
    pub(super) fn sentences_of(&self, span: Span) -> Option<std::ops::RangeInclusive<usize>> {
        Some(self.sentence_at(span.start)?..=self.sentence_at(span.end - 1)?)
    }

    pub(super) fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// The first token that starts at or after `byte`.
    pub(super) fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < byte)
    }

    /// [`Ctx::token_at`] for a byte near token `near`, searched from there.
    pub(super) fn token_at_near(&self, byte: usize, near: usize) -> usize {
        partition_point_near(self.tokens, near, |t| t.span.start < byte)
    }

    /// [`Ctx::sentence_at`] for a byte near sentence `near`, searched from there.
    pub(super) fn sentence_at_near(&self, byte: usize, near: usize) -> Option<usize> {
        let i = partition_point_near(self.sentences, near, |s| s.span.end <= byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// `span` without the punctuation tokens at its ends but full stops (a learned
    /// source may hold them: "The board's lawyer, Marta Quist,"); as it is when nothing
    /// else is left.
    pub(super) fn without_end_punct(&self, span: Span) -> Span {
        // A full stop may end an abbreviation ("Veltron Inc."): it stays.
        let punct = |i: usize| self.tokens[i].kind == TokenKind::Punct && self.tok(i) != ".";
        let (mut a, mut b) = (self.token_at(span.start), self.token_at(span.end));
        let (mut start, mut end) = (span.start, span.end);
        while a < b && punct(a) && self.tokens[a].span.start == start {
            a += 1;
            if a < b {
                start = self.tokens[a].span.start;
            }
        }
        while b > a && punct(b - 1) && self.tokens[b - 1].span.end == end {
            b -= 1;
            if b > a {
                end = self.tokens[b - 1].span.end;
            }
        }
        if a == b {
            span
        } else {
            Span::new(start, end)
        }
    }

    pub(super) fn quote_kind(&self, span: Span, s0: usize, first: usize) -> QuoteKind {
        let inner = self.text[span.range()].trim_start_matches(|c: char| !c.is_alphanumeric());
        let capital = inner.chars().next().is_some_and(char::is_uppercase);
        let sentence = &self.sentences[s0];
        let mut j = first;
        let mut before: Vec<&str> = Vec::new();
        while j > sentence.tokens.start && before.len() < 2 {
            j -= 1;
            before.push(self.tok(j));
        }
        let at_start = before.is_empty();
        let after_punct = matches!(before.first(), Some(&("," | ":")));
        let after_that = before.first() == Some(&"that");
        let after_cue = before.first().is_some_and(|w| lexicon().cues.contains(w))
            || (after_that && before.get(1).is_some_and(|w| lexicon().cues.contains(w)));
        if capital && (at_start || after_punct || after_cue) {
            QuoteKind::Direct
        } else if after_cue {
            QuoteKind::Mixed
        } else {
            QuoteKind::Partial
        }
    }
}
