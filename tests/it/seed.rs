//! The article the project started from must always come out right.

use newslens::{analyze, EntityKind, QuoteKind, QuoteMode};
use std::path::Path;
use EntityKind::{Date, Location, Misc, Number, Organization, Person};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/seed/kharkiv-war-criminal.txt"
);

fn seed() -> Option<String> {
    if !Path::new(SEED).exists() {
        println!("skipped: {SEED} is absent (../shared is not beside this clone)");
        return None;
    }
    Some(std::fs::read_to_string(SEED).expect("the seed article is UTF-8"))
}

/// The seed's quotes as (text, kind, cue, speaker's name).
fn quotes_of(doc: &newslens::Document) -> Vec<(&str, QuoteKind, &str, &str)> {
    doc.quotes
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref().expect("every seed quote has a speaker");
            let name = doc.speaker_name(sp);
            (
                doc.str(q.span),
                q.kind,
                q.cue.map_or("", |c| doc.str(c)),
                name,
            )
        })
        .collect()
}

/// Every quotation of the seed in quotation marks, as the rules find them: the partial
/// ones, inside a reported clause, are the `quoted` words of that clause (a mixed
/// quote) when the attribution model finds it.
const QUOTED: &[(&str, QuoteKind, &str, &str)] = &[
    ("\"war criminal\"", QuoteKind::Partial, "called", "Joe Biden"),
    ("\"I think he is a war criminal,\"", QuoteKind::Direct, "told reporters", "Joe Biden"),
    ("\"speaking from his heart\"", QuoteKind::Partial, "said", "Jen Psaki"),
    (
        "\"barbaric actions by a brutal dictator through his invasion of a foreign country.\"",
        QuoteKind::Partial,
        "said",
        "Jen Psaki",
    ),
    ("\"unacceptable and unforgivable.\"", QuoteKind::Partial, "said", "Kremlin"),
    (
        "\"We believe such rhetoric to be unacceptable and unforgivable on the part of the head of a state, whose bombs have killed hundreds of thousands of people around the world,\"",
        QuoteKind::Direct,
        "said",
        "Dmitry Peskov",
    ),
    ("\"a legal process that is ongoing\"", QuoteKind::Partial, "said", "Jen Psaki"),
    (
        "\"Putin is inflicting appalling devastation and horror on Ukraine -- bombing apartment buildings and maternity wards.\"",
        QuoteKind::Direct,
        "tweeting",
        "Joe Biden",
    ),
    ("\"These are atrocities. It is an outrage to the world.\"", QuoteKind::Direct, "said", "Joe Biden"),
];

/// The reported clauses that hold the partial quotes (mixed quotes), as the attribution
/// model reads them: what the speaker said, the quoted words being their own.
const CLAUSES: &[(&str, QuoteKind, &str, &str)] = &[
    (
        "Russian counterpart Vladimir Putin a \"war criminal\"",
        QuoteKind::Mixed,
        "called",
        "Joe Biden",
    ),
    (
        "Biden was \"speaking from his heart\" after seeing images on television of \"barbaric actions by a brutal dictator through his invasion of a foreign country.\"",
        QuoteKind::Mixed,
        "said",
        "Jen Psaki",
    ),
    (
        "Biden’s words were \"unacceptable and unforgivable.\"",
        QuoteKind::Mixed,
        "said",
        "Kremlin",
    ),
    (
        "the US State Department already has \"a legal process that is ongoing\" on examining Russia's actions",
        QuoteKind::Mixed,
        "said",
        "Jen Psaki",
    ),
];

/// Putin's reported speech, which the default analysis also reads.
const REPORTED: (&str, QuoteKind, &str, &str) = (
    "Russia wants to force the disarmament of Ukraine's military and topple the pro-Western government",
    QuoteKind::Indirect,
    "saying",
    "Vladimir Putin",
);

/// `quotes` in the order of the analysis: by where each starts in `text` (its first
/// occurrence), then by where it ends.
fn in_text_order<'a>(
    text: &str,
    quotes: impl IntoIterator<Item = (&'a str, QuoteKind, &'a str, &'a str)>,
) -> Vec<(&'a str, QuoteKind, &'a str, &'a str)> {
    let mut out: Vec<_> = quotes.into_iter().collect();
    out.sort_by_key(|q| {
        let start = text.find(q.0).expect("an expected quote is in the seed");
        (start, start + q.0.len())
    });
    out
}

/// The quotations in quotation marks that are quotes of their own (not partial).
fn whole_quotes() -> impl Iterator<Item = (&'static str, QuoteKind, &'static str, &'static str)> {
    QUOTED.iter().copied().filter(|q| q.1 != QuoteKind::Partial)
}

/// Each partial quotation is found as the `quoted` words of a mixed quote with its cue
/// and speaker.
fn assert_partial_quotes_are_in_their_clauses(doc: &newslens::Document) {
    for (words, _, cue, name) in QUOTED.iter().filter(|q| q.1 == QuoteKind::Partial) {
        let holder = doc
            .quotes
            .iter()
            .find(|q| q.kind == QuoteKind::Mixed && q.quoted.iter().any(|s| doc.str(*s) == *words));
        let holder = holder.unwrap_or_else(|| panic!("{words} is in no clause"));
        assert_eq!(holder.cue.map(|c| doc.str(c)), Some(*cue), "{words}");
        let sp = holder.speaker.as_ref().expect("a speaker");
        assert_eq!(doc.speaker_name(sp), *name, "{words}");
    }
}

#[test]
fn every_quote_is_found_with_its_speaker() {
    let Some(text) = seed() else { return };
    let doc = analyze(&text);
    crate::invariants::spans(&doc);
    let all = whole_quotes()
        .chain(CLAUSES.iter().copied())
        .chain([REPORTED]);
    assert_eq!(quotes_of(&doc), in_text_order(&text, all));
    assert_partial_quotes_are_in_their_clauses(&doc);
    // The tweet's speaker is "he" in the text, resolved to Biden.
    let tweet = doc
        .quotes
        .iter()
        .find(|q| q.cue.is_some_and(|c| doc.str(c) == "tweeting"))
        .expect("the tweet is found");
    assert_eq!(doc.str(tweet.speaker.as_ref().unwrap().span), "he");
}

#[test]
fn quotation_marks_only_keeps_every_quote_and_no_reported_speech() {
    let Some(text) = seed() else { return };
    let doc = newslens::analyze_with(
        &text,
        &newslens::Options::default().with_quotes(QuoteMode::Quoted),
    );
    crate::invariants::spans(&doc);
    let quoted = whole_quotes().chain(CLAUSES.iter().copied());
    assert_eq!(quotes_of(&doc), in_text_order(&text, quoted));
    assert_partial_quotes_are_in_their_clauses(&doc);
}

#[test]
fn the_rules_find_every_quotation_with_its_speaker() {
    let Some(text) = seed() else { return };
    let doc = newslens::analyze_with(
        &text,
        &newslens::Options::default().with_quotes(QuoteMode::Rules),
    );
    crate::invariants::spans(&doc);
    assert_eq!(
        quotes_of(&doc),
        in_text_order(&text, QUOTED.iter().copied())
    );
}

#[test]
fn every_name_has_the_right_kind() {
    let Some(text) = seed() else { return };
    let doc = analyze(&text);
    let kind_of = |name: &str| -> Vec<EntityKind> {
        doc.entities
            .iter()
            .filter(|e| doc.str(e.span) == name)
            .map(|e| e.kind)
            .collect()
    };
    for (name, kind) in [
        ("Joe Biden", Person),
        ("Biden", Person),
        ("Vladimir Putin", Person),
        ("Putin", Person),
        ("Jen Psaki", Person),
        ("Psaki", Person),
        ("Dmitry Peskov", Person),
        ("Vasiliy Zhlobsky", Person),
        ("White House", Organization),
        ("Kremlin", Organization),
        ("TASS", Organization),
        ("Ria Novosti", Organization),
        ("EPA-EFE", Organization),
        ("US State Department", Organization),
        ("Ukraine", Location),
        ("Kharkiv", Location),
        ("Russia", Location),
        ("Mariupol", Location),
        ("Russian", Misc),
        ("Ukrainian", Misc),
        ("Ukrainians", Misc),
        ("Western", Misc),
        ("March 16, 2022", Date),
        ("Wednesday", Date),
        ("three weeks ago", Date),
        ("three million", Number),
        ("hundreds of thousands", Number),
    ] {
        let kinds = kind_of(name);
        assert!(!kinds.is_empty(), "{name} not found");
        assert!(
            kinds.iter().all(|k| *k == kind),
            "{name}: {kinds:?}, want {kind:?}"
        );
    }
    // No place, weekday or nationality is a person.
    for e in doc.entities.iter().filter(|e| e.kind == Person) {
        let s = doc.str(e.span);
        assert!(
            ![
                "Ukraine",
                "Kharkiv",
                "Russia",
                "Wednesday",
                "Russian",
                "Ukrainian",
                "Kremlin"
            ]
            .contains(&s),
            "{s} marked as a person"
        );
    }
    // Mentions group under the full name.
    let biden = doc
        .groups
        .iter()
        .find(|g| g.name == "Joe Biden")
        .expect("Biden's group");
    assert_eq!(biden.mentions.len(), 6);
}
