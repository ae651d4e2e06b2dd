//! Stage 4: entities. Numeric recognisers first, then a name finder over what is left.
//!
//! The name finder sits behind the [`NameFinder`] trait: the trained
//! [`crate::ner::ModelNameFinder`] is the pipeline's, the first version's rules
//! ([`RuleNameFinder`], in `rules.rs`) the tested alternative; `lines.rs` tells running
//! text from headlines, for both.
//!
//! Cost: linear in the text. The numeric recognisers are regular expressions, which the
//! regex crate runs in time linear in the text; the name finder reads each sentence
//! (at most [`crate::sentences::MAX_TOKENS`] tokens) once ([`crate::ner`]); names of
//! more than [`MAX_NAME_TOKENS`] tokens are dropped; each number is set against the
//! names by binary search.

use crate::layout::Paragraph;
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tokens::Token;
use serde::Serialize;

mod kind;
mod lines;
pub mod numeric;
mod rules;

pub use kind::EntityKind;
#[cfg(feature = "train")]
pub(crate) use lines::TITLE_SMALL_WORDS;
pub(crate) use lines::{
    is_capitalised, line_case, push_title_case, strip_possessive, title_case, LineCase,
};
use numeric::find_numeric;
pub use rules::RuleNameFinder;

/// One entity mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// Where it is; a possessive "'s" is left out.
    pub span: Span,
    /// What it is.
    pub kind: EntityKind,
    /// The mention group it belongs to (set by the grouping stage), for names only.
    pub group: Option<usize>,
    /// Whether a title or role came right before it ("President", "spokesman").
    pub titled: bool,
    /// For a name the model tagged: how far the model's best reading of its sentence
    /// was ahead of the best reading that tags one of the name's words otherwise, in
    /// the model's score units ([`crate::tagger::Decoder::margins`]); a headline's name
    /// copied from the body carries its first mention's. `None` for names that rules
    /// alone found (a transcript's labels), and for numbers and dates.
    pub margin: Option<f32>,
    /// The probability that this name is right, its span and its kind, from `margin`
    /// as calibrated on the CoNLL-2003, GUM and UNER English-EWT dev sets
    /// (`ner::confidence`); `None` where `margin` is.
    pub confidence: Option<f32>,
}

/// Finds names (people, organisations, places, misc) in a tokenised text.
///
/// `taken` lists spans the numeric recognisers found, in text order, for a finder that
/// wants to avoid them; where a name overlaps one anyway, the name is kept and the
/// number dropped. The result must not overlap itself.
pub trait NameFinder {
    /// The names found.
    fn find_names(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        paragraphs: &[Paragraph],
        taken: &[Span],
    ) -> Vec<Entity>;
}

/// The most tokens a name holds: a longer run that a finder took for one (a line of
/// capitalised words, a title in capitals) is no name. The longest names in PolNeAR,
/// CoNLL-2003 dev and GUM dev hold 10 words ("Science and Technology Directorate of
/// the Department of Homeland Security").
pub const MAX_NAME_TOKENS: usize = 16;

/// Finds every entity: numeric ones by regular expressions, names with `finder` (but
/// those of more than [`MAX_NAME_TOKENS`] tokens).
pub fn find_entities(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    paragraphs: &[Paragraph],
    finder: &dyn NameFinder,
) -> Vec<Entity> {
    let numeric = find_numeric(text);
    let taken: Vec<Span> = numeric.iter().map(|(s, _)| *s).collect();
    let mut out: Vec<Entity> = finder.find_names(text, tokens, sentences, paragraphs, &taken);
    let token_at = |byte: usize| tokens.partition_point(|t| t.span.start < byte);
    out.retain(|e| token_at(e.span.end) - token_at(e.span.start) <= MAX_NAME_TOKENS);
    // One sort, called twice: each call of a sort with a key of its own is some 7 KB of
    // wasm.
    let in_text_order = |out: &mut Vec<Entity>| out.sort_by_key(|e| (e.span.start, e.span.end));
    in_text_order(&mut out);
    datelines_are_places(paragraphs, &mut out);
    // Where a name and a number overlap, the name wins: a trained finder knows that
    // "Euro 96" is an event, and the rule finder never overlaps `taken` anyway.
    let names: Vec<Span> = out.iter().map(|e| e.span).collect();
    let numeric = numeric.into_iter().filter(|(span, _)| {
        let i = names.partition_point(|n| n.end <= span.start);
        !names.get(i).is_some_and(|n| n.overlaps(*span))
    });
    out.extend(numeric.map(|(span, kind)| Entity {
        span,
        kind,
        group: None,
        titled: false,
        margin: None,
        confidence: None,
    }));
    in_text_order(&mut out);
    out
}

/// A name that is a dateline's place ("DERWENT — Harlow Appliances will ...", as the
/// layout found it) is a location, whatever the finder read: a word in capitals
/// alone before a dash often reads as an organisation. Not in a headline, whose
/// "RUGBY UNION - ..." is a topic; and no name is added where the finder found none,
/// since the layout's datelines hold run-in heads too ("NOW OPEN—"). `names` are in
/// text order.
fn datelines_are_places(paragraphs: &[Paragraph], names: &mut [Entity]) {
    for place in paragraphs
        .iter()
        .filter(|p| !p.headline)
        .filter_map(|p| p.dateline)
    {
        let i = names.partition_point(|e| e.span.start < place.start);
        if let Some(e) = names.get_mut(i).filter(|e| e.span == place) {
            if matches!(e.kind, EntityKind::Organization | EntityKind::Misc) {
                e.kind = EntityKind::Location;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::split_sentences;
    use crate::tokens::tokenize;

    #[test]
    fn a_dateline_place_is_a_location() {
        let text = "Harlow Appliances CEO says closure is painful\n\nBy Nell Ashdown\n\n\
                    DERWENT — Harlow Appliances will close its plant in Derwent next \
                    spring, the company said on Monday.\n";
        let doc = crate::analyze(text);
        let place = doc.entities.iter().find(|e| doc.str(e.span) == "DERWENT");
        assert_eq!(
            place.map(|e| e.kind),
            Some(EntityKind::Location),
            "{:?}",
            doc.entities
        );
    }

    #[test]
    fn headlines_in_capitals_or_title_case_are_told_from_running_text() {
        let case = |text: &str| line_case(text, &tokenize(text));
        assert_eq!(case("SOCCER - JAPAN GET LUCKY WIN"), LineCase::Caps);
        assert_eq!(
            case("Council Plan for Trams Is Costly but Popular."),
            LineCase::Title
        );
        assert_eq!(
            case("Savers Turn On Ruth Okoye As The Deal Stalls"),
            LineCase::Title
        );
        assert_eq!(
            case("Council backs Ruth Okoye's tram plan."),
            LineCase::Plain
        );
        // Names alone are running text: a photo credit, a list.
        assert_eq!(case("Vasil Moreno, EPA-EFE"), LineCase::Plain);
    }

    fn names(text: &str) -> Vec<(&str, EntityKind)> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let paragraphs = crate::find_layout(text, &tokens, &sentences);
        find_entities(text, &tokens, &sentences, &paragraphs, &RuleNameFinder)
            .into_iter()
            .filter(|e| e.kind.is_name())
            .map(|e| (&text[e.span.range()], e.kind))
            .collect()
    }

    #[test]
    fn a_run_of_capitalised_words_is_no_name() {
        // The trained finder took each sentence's run for one organisation of 256 words.
        let text = "Alpha Beta Gamma ".repeat(200) + "met Ana Ruiz.";
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        let paragraphs = crate::find_layout(&text, &tokens, &sentences);
        let names = find_entities(
            &text,
            &tokens,
            &sentences,
            &paragraphs,
            &crate::ner::ModelNameFinder,
        );
        for e in &names {
            let words = text[e.span.range()].split_whitespace().count();
            assert!(words <= MAX_NAME_TOKENS, "{words} words");
        }
        assert!(names.iter().any(|e| &text[e.span.range()] == "Ana Ruiz"));
    }

    #[test]
    fn table() {
        use EntityKind::*;
        let rows: &[(&str, &[(&str, EntityKind)])] = &[
            (
                "White House Press Secretary Jen Psaki spoke.",
                &[("White House", Organization), ("Jen Psaki", Person)],
            ),
            (
                "President Joe Biden left Kyiv.",
                &[("Joe Biden", Person), ("Kyiv", Location)],
            ),
            (
                "said Putin's spokesman Dmitry Peskov.",
                &[("Putin", Person), ("Dmitry Peskov", Person)],
            ),
            ("The Kremlin said no.", &[("Kremlin", Organization)]),
            ("Russian troops left.", &[("Russian", Misc)]),
            (
                "The US State Department agreed.",
                &[("US State Department", Organization)],
            ),
            (
                "Mary Smith met Smith's lawyer.",
                &[("Mary Smith", Person), ("Smith", Person)],
            ),
            // Named regression: a weekday at a sentence start is a date, not a person.
            ("Wednesday was calm.", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(names(text), *want, "{text}");
        }
    }
}
