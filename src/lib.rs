//! newslens: who is in a news article, and who said what.
//!
//! One pipeline turns English news text into a [`Document`], stage by stage, each
//! stage a function that takes only what it reads:
//!
//! 1. [`tokenize`]: tokens on UAX #29 word bounds;
//! 2. [`split_sentences`]: sentences and paragraphs (abbreviations do not end one);
//! 3. [`find_layout`]: what each paragraph is (headline, byline, dateline, a label and a
//!    colon, a transcript's turn), read by the stages after it;
//! 4. [`find_entities`]: dates, times, money, percentages and numbers by regular
//!    expressions, then names by a [`NameFinder`]: the trained [`ner::ModelNameFinder`]
//!    (the first version's rules, [`RuleNameFinder`], are the tested alternative);
//! 5. [`group_mentions`]: mentions of one real-world entity grouped together, and
//!    [`find_references`]: role phrases ("the president") linked to them;
//! 6. [`find_quotes`]: quotations (direct, partial, mixed, indirect) with cue and speaker;
//! 7. [`summarize`]: the people and organisations ranked, and who said what.
//!
//! All spans are UTF-8 byte offsets into the text; [`Output`] converts them once, at the
//! edge, into the unit a caller asks for ([`Offsets`]).
//!
//! Every stage runs in time linear in the text, whatever its shape (a run of quotation
//! marks, a line of a million words, a transcript, a table, mixed scripts): no stage
//! looks back or ahead without a bound, a sentence holds at most
//! [`sentences::MAX_TOKENS`] tokens and a name at most [`entities::MAX_NAME_TOKENS`],
//! and each module's documentation gives its argument. `make bench-shapes` measures it.
//!
//! ```
//! let doc = newslens::analyze("\"It is over,\" Jane Doe told reporters on Monday.");
//! let quote = &doc.quotes[0];
//! assert_eq!(doc.str(quote.span), "\"It is over,\"");
//! assert_eq!(doc.str(quote.speaker.as_ref().unwrap().span), "Jane Doe");
//! ```

pub mod clusters;
pub mod command;
pub mod entities;
pub mod groups;
pub mod jsonl;
pub mod layout;
pub mod lexicon;
pub mod ner;
pub mod options;
pub mod output;
#[cfg(not(target_arch = "wasm32"))]
pub mod parallel;
#[cfg(all(feature = "python", not(target_arch = "wasm32")))]
mod python;
pub mod quotes;
pub mod sentences;
pub mod span;
pub mod summary;
pub mod tagger;
pub mod tokens;
#[cfg(feature = "train")]
pub mod train;
#[cfg(target_arch = "wasm32")]
mod wasm;
mod words;

pub use entities::{find_entities, Entity, EntityKind, NameFinder, RuleNameFinder};
pub use groups::{find_references, group_mentions, Group};
pub use layout::{find_layout, Label, Paragraph};
pub use options::{Options, QuoteMode};
pub use output::{Offsets, Output, Written};
pub use quotes::{attribution, find_quotes, Quote, QuoteKind, Speaker};
pub use sentences::{split_sentences, Sentence};
pub use span::Span;
pub use summary::{summarize, Summary};
pub use tokens::{tokenize, Token, TokenKind};

// The README's Rust examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// A text and every annotation layer found in it. Annotations point into the text by
/// [`Span`] and into each other by index.
#[derive(Clone, Debug)]
pub struct Document {
    /// The analysed text.
    pub text: String,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Paragraphs, in text order, each with what it is (a sentence's `paragraph` is an
    /// index here).
    pub paragraphs: Vec<Paragraph>,
    /// Entity mentions, in text order.
    pub entities: Vec<Entity>,
    /// Mention groups, by first mention.
    pub groups: Vec<Group>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
    /// The people and organisations ranked, and who said what.
    pub summary: Summary,
}

impl Document {
    /// The text a span covers.
    pub fn str(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// A speaker's name: its mention group's fullest name ("Joe Biden" for "he"), else
    /// the words a relative pronoun stands for ("a veteran diplomat" for "who"), else
    /// the mention's own text ("a senior aide").
    pub fn speaker_name(&self, speaker: &Speaker) -> &str {
        match (speaker.group, speaker.named) {
            (Some(g), _) => self.groups[g].name.as_str(),
            (None, Some(named)) => self.str(named),
            (None, None) => self.str(speaker.span),
        }
    }
}

/// Analyses `text` with the default [`Options`].
pub fn analyze(text: &str) -> Document {
    analyze_with(text, &Options::default())
}

/// Analyses `text` as `options` ask: names by the trained [`ner::ModelNameFinder`],
/// quotations in `options.quotes`' mode.
pub fn analyze_with(text: &str, options: &Options) -> Document {
    let mut doc = stages_before_quotes(text, &ner::ModelNameFinder);
    doc.quotes = find_quotes(
        text,
        &doc.tokens,
        &doc.sentences,
        &doc.paragraphs,
        &doc.entities,
        &doc.groups,
        options.quotes,
    );
    doc.summary = summarize(text, &doc.groups, &doc.quotes);
    doc
}

/// Stages 1 to 5: what the quote stage reads (also what its speaker ranker is trained
/// on, so that training sees the pipeline as it runs), in a document with no quotes
/// yet.
pub(crate) fn stages_before_quotes(text: &str, finder: &dyn NameFinder) -> Document {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let paragraphs = find_layout(text, &tokens, &sentences);
    let mut entities = find_entities(text, &tokens, &sentences, &paragraphs, finder);
    let mut groups = group_mentions(text, &mut entities);
    find_references(text, &tokens, &entities, &mut groups);
    Document {
        text: text.to_owned(),
        tokens,
        sentences,
        paragraphs,
        entities,
        groups,
        quotes: Vec::new(),
        summary: Summary::default(),
    }
}
