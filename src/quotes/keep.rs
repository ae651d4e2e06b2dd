//! Which reported clauses are kept: a linear model learned from PolNeAR train scores
//! each indirect or mixed quote the pipeline found, with the speaker it was given, and
//! those it scores below a threshold are dropped. The tagger decides token by token;
//! this model sees the whole finding at once: how far the content stands from its cue
//! and what opens it ("told reporters" then content that starts with "as" or "from"),
//! the cue's words, whether and who speaks, what it overlaps.
//!
//! It is trained as a ranking of two candidates with the speaker ranker's perceptron
//! (`train::quotes::train`): "keep" (the quote's features) against "drop" (one
//! feature of its own), right when the quote matches a gold attribution with its
//! speaker, as the scorer counts it.
//!
//! Cost: linear in the text. Each quote reads its cue and speaker, the quotes it
//! overlaps (by span index), the words next to it within 128 bytes, and three byte
//! searches of its sentence (which holds at most [`crate::sentences::MAX_TOKENS`]
//! tokens, so at most that many quotes search it).

use super::{Ctx, Quote, QuoteKind};
use crate::span::{Span, SpanIndex};
use crate::tagger::{mix, FeatureHasher, Weights};
use crate::words::{push_lowercase, word_hash};

/// Hash bits of the model's feature table.
pub const BITS: u32 = 14;

/// How far above "drop" a quote must score to be kept, for the sum of four epoch
/// orders: below zero, as a model trained on what the pipeline finds in its own
/// training articles (where the tagger does better than on new text) trusts "drop"
/// more than it should. The value is the middle of a flat stretch of PolNeAR dev
/// scores, not its peak (how they moved with it: docs/quotes.md).
const THRESHOLD: f32 = -20.0;

fn model() -> Option<&'static Weights> {
    static MODEL: std::sync::OnceLock<Option<Weights>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| super::speakers::compiled(include_bytes!("../../models/keep.bin"), BITS))
        .as_ref()
}

/// Whether the model judges `q`: reported clauses in one piece, not the words in
/// quotation marks the rules found.
pub(crate) fn judged(q: &Quote) -> bool {
    matches!(q.kind, QuoteKind::Indirect | QuoteKind::Mixed) && q.parts.is_empty()
}

/// Drops the reported clauses the compiled model scores below the threshold, and
/// notes how far above it those kept scored.
pub(super) fn filter(ctx: &Ctx<'_>, quotes: Vec<Quote>) -> Vec<Quote> {
    let Some(w) = model() else { return quotes };
    let drop = w.score(&[drop_feature()]);
    let index = SpanIndex::new(quotes.iter().map(|q| q.span));
    let above: Vec<Option<f32>> = (0..quotes.len())
        .map(|k| {
            (judged(&quotes[k]) && !ctx.labelled(&quotes[k]))
                .then(|| w.score(&features(ctx, &quotes, &index, k)) - drop - THRESHOLD)
        })
        .collect();
    quotes
        .into_iter()
        .zip(above)
        .filter_map(|(mut q, above)| {
            q.sureness.keep = above;
            above.is_none_or(|a| a >= 0.0).then_some(q)
        })
        .collect()
}

/// The feature that stands for "drop".
pub(crate) fn drop_feature() -> u32 {
    FeatureHasher::new(BITS).id_of(0, 1)
}

/// A count in roughly doubling steps, as a feature value.
fn steps(n: usize) -> u64 {
    [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
        .iter()
        .take_while(|&&s| n >= s)
        .count() as u64
}

/// Where `a` stands relative to `b`: 0 before, 1 after, 2 inside or over it.
fn side(a: Span, b: Span) -> u64 {
    if a.end <= b.start {
        0
    } else if a.start >= b.end {
        1
    } else {
        2
    }
}

/// How far the words before and after a quote are looked for, in bytes.
const NEAR: usize = 128;

/// The features of `quotes[k]` for "keep" (`index` holds the spans of `quotes`).
pub(crate) fn features(ctx: &Ctx<'_>, quotes: &[Quote], index: &SpanIndex, k: usize) -> Vec<u32> {
    let h = FeatureHasher::new(BITS);
    let q = &quotes[k];
    let text = ctx.text;
    let body = &text[q.span.range()];
    let kind = q.kind as u64;
    let mut buf = String::new();
    let mut lower = |s: &str| {
        buf.clear();
        push_lowercase(s, &mut buf);
        word_hash(&buf)
    };
    let mut f = Vec::with_capacity(32);
    let mut add = |template: u8, value: u64| f.push(h.id_of(template, value));
    add(1, kind);
    let tokens = ctx.token_at(q.span.end) - ctx.token_at(q.span.start);
    add(2, steps(tokens));
    add(3, mix(kind, steps(tokens)));
    if let Some(w) = body.split_whitespace().next() {
        add(4, lower(w));
    }
    let last = body.chars().next_back().map_or(0, |c| match c {
        c if c.is_alphanumeric() => 1,
        '.' => 2,
        ',' => 3,
        '"' | '”' | '“' | '\'' | '’' => 4,
        _ => 5,
    });
    add(5, last);
    match q.cue {
        Some(c) => {
            let cue = &text[c.range()];
            let cue_hash = lower(cue);
            add(6, cue_hash);
            add(7, mix(kind, cue_hash));
            if let Some(w) = cue.split_whitespace().next_back() {
                add(8, lower(w));
            }
            add(9, cue.split_whitespace().count().min(3) as u64);
            // How often its word is a cue, and whether "that" follows ("debated the
            // budget" against "argued that ...").
            let that = text[c.end..].trim_start().starts_with("that ");
            add(31, mix(u64::from(ctx.cue_grade(q.cue)), u64::from(that)));
            let at = side(c, q.span);
            let gap = match at {
                0 => q.span.start - c.end,
                1 => c.start - q.span.end,
                _ => 0,
            };
            add(10, at);
            add(11, mix(at, steps(gap)));
        }
        None => add(12, 0),
    }
    match &q.speaker {
        Some(s) => {
            let said = &text[s.span.range()];
            let pronoun = [
                "he", "she", "they", "it", "i", "we", "you", "who", "which", "that",
            ]
            .iter()
            .any(|p| said.eq_ignore_ascii_case(p));
            add(13, u64::from(pronoun));
            if pronoun {
                add(14, lower(said));
            }
            let entity = s.entity.map_or(99, |e| ctx.entities[e].kind as u64);
            add(15, entity);
            add(16, u64::from(s.group.is_some()));
            add(17, side(s.span, q.span));
            if let Some(c) = q.cue {
                add(18, side(s.span, c));
            }
            add(19, u64::from(said.starts_with(char::is_uppercase)));
        }
        None => add(20, 0),
    }
    // The other quotes it overlaps, and how.
    let others: Vec<&Quote> = index
        .overlapping(q.span)
        .filter(|&j| j != k)
        .map(|j| &quotes[j])
        .collect();
    add(21, others.len().min(2) as u64);
    for r in others {
        add(22, mix(r.kind as u64, u64::from(q.span.contains(r.span))));
    }
    if let Some(s) = ctx.sentence_at(q.span.start).map(|s| &ctx.sentences[s]) {
        add(23, u64::from(q.span.start < s.span.start + 3));
        add(24, u64::from(s.span.end < q.span.end + 3));
        add(25, u64::from(q.span.end > s.span.end));
        // Three memchr passes: cheaper than one that decodes every char.
        let sentence = &text[s.span.range()];
        let marks = ['"', '“', '”'].iter().any(|&m| sentence.contains(m));
        add(26, u64::from(marks));
    }
    // The words just before and after (read no further than a long word: in a text
    // without spaces the word before each quote would run back to the text's start).
    if let Some(w) = super::last_at_most(&text[..q.span.start], NEAR)
        .split_whitespace()
        .next_back()
    {
        add(29, lower(w));
    }
    if let Some(w) = super::at_most(&text[q.span.end..], NEAR)
        .split_whitespace()
        .next()
    {
        add(30, lower(w));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reported clauses of `text` by the default analysis.
    fn clauses(text: &str) -> Vec<String> {
        let doc = crate::analyze(text);
        doc.quotes
            .iter()
            .filter(|q| judged(q))
            .map(|q| doc.str(q.span).to_owned())
            .collect()
    }

    #[test]
    fn the_compiled_model_loads() {
        assert!(model().is_some());
    }

    #[test]
    fn what_the_tagger_takes_for_speech_and_is_none_is_dropped() {
        // The tagger reads these sentences for their cue-like words and finds a
        // reported clause in each ("her praise of ...", "to visit the quay ..."); the
        // keep model drops them.
        for text in [
            "Meanwhile Ruiz continues her praise of the harbour board.",
            "The port is expected to reopen, with both Ruiz and her deputy Tom Baird \
             expected to visit the quay in the coming weeks.",
        ] {
            assert_eq!(clauses(text), Vec::<String>::new(), "{text}");
        }
        // What was said stays.
        assert_eq!(
            clauses("Mayor Ana Ruiz said the harbour would reopen in May."),
            ["the harbour would reopen in May"]
        );
    }
}
