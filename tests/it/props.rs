//! Properties that hold for any input: no panic, every span on char boundaries, every
//! output span's text equal to its slice in each offset unit, deterministic output.

use newslens::{analyze, Offsets, Output};
use proptest::prelude::*;

/// Text that exercises the hard parts: quotes of every kind, capitals, digits, emoji
/// and flags, right-to-left scripts, combining marks, line breaks.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "—",
        "-",
        "said",
        "told reporters",
        "according to",
        "that",
        "he",
        "she",
        "the spokesman",
        "Mr.",
        "U.S.",
        "Joe Biden",
        "Biden's",
        "Kyiv",
        "Russian",
        "White House",
        "President",
        "Inc.",
        "March 16, 2022",
        "three weeks ago",
        "$3.5 billion",
        "12%",
        "10:30 a.m.",
        "1,000",
        "🇺🇦",
        "👍🏽",
        "😀",
        "שלום",
        "مرحبا",
        "e\u{301}",
        "\u{200f}",
        "\u{FFFD}",
        "\t",
        "A",
        "b",
        "told",
        "on",
        "Monday",
        "who",
        "saying",
        "wrote",
        "the",
        "a dispute",
        "had",
        "was",
        "and",
        "but",
        "Ana Ruiz",
        "OKOYE",
        "By",
        "―",
        "(",
        ")",
        ";",
        "?",
        "believes",
        "announced",
        "in a statement",
        "officials",
        "it",
        "they",
        "The",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// Analyses `text` and checks every invariant of the result.
fn check_output(text: &str) {
    crate::invariants::check(&analyze(text));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn newsish_text_gives_valid_spans(text in newsish()) {
        check_output(&text);
    }

    #[test]
    fn any_text_gives_valid_spans(text in any::<String>()) {
        check_output(&text);
    }

    #[test]
    fn the_tagger_never_emits_an_invalid_sequence(text in newsish()) {
        let tokens = newslens::tokenize(&text);
        for s in newslens::split_sentences(&text, &tokens) {
            let tags = newslens::ner::tag(&text, &tokens[s.tokens.clone()]);
            let mut prev = None;
            for t in tags {
                prop_assert!(newslens::ner::allowed(prev, Some(t)), "{:?} then {}", prev, t);
                prev = Some(t);
            }
        }
    }

    #[test]
    fn output_is_deterministic(text in newsish()) {
        let (a, b) = (analyze(&text), analyze(&text));
        prop_assert_eq!(Output::new(&a, Offsets::Utf8), Output::new(&b, Offsets::Utf8));
    }
}

#[test]
fn edge_cases() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\"",
        "“",
        "”",
        "'",
        "\"\"",
        "\"unclosed quote runs on\n\nand on",
        "said",
        "“”said Mr.",
        "\u{FFFD}\u{FFFD}",
        "🇺🇦🇺🇦🇺🇦",
        "مرحبا “بالعالم” said Ahmed Ali.",
        // A space and a right-to-left mark are one token, whose sentence starts
        // before the paragraph's trimmed text.
        " \u{200f}",
        " \u{200f}Ann Lee said so.\n\u{200f} By Tom Baird",
    ] {
        check_output(text);
    }
}

#[test]
fn one_megabyte_of_text() {
    let block =
        "“It is over,” Jane Doe told reporters in Kyiv on March 3, 2024 — 🇺🇦 he said “never. \
                 Officials said that 3.5% of $2 billion was spent. \"Unbalanced ‘quote\n\n";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(block);
    }
    check_output(&text);
    let doc = analyze(&text);
    assert!(
        doc.quotes.len() > 1000,
        "quotes are found all through the text"
    );
}

#[test]
fn one_megabyte_on_one_line() {
    // No line break and no ": " anywhere: a search for either that ran to the end of
    // the text from every quote made this quadratic (minutes for 10 MB).
    let block = "\"We are fine,\" he said. Officials said the plan, according to the report, \
                 was \"dead.\" \"Never,\" she said — ";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(block);
    }
    check_output(&text);
    let doc = analyze(&text);
    assert!(doc.quotes.len() > 10_000, "quotes all along the line");
}

#[test]
fn one_megabyte_of_transcript() {
    // Every line a turn opened by a label in capitals: the labels were once compared
    // each with every other (minutes for a long transcript).
    let block = "NAVARRO: Will the depot close, Councillor?\n\nKOWALCZYK: Not this year. \
                 (APPLAUSE)\n\n\"NAVARRO:\u{a0} And after that?\n\n";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(block);
    }
    check_output(&text);
    let doc = analyze(&text);
    let people = doc
        .entities
        .iter()
        .filter(|e| e.kind == newslens::EntityKind::Person)
        .count();
    assert!(people > 20_000, "every label a person: {people}");
    assert!(doc.quotes.len() > 10_000, "turns all through the text");
}

#[test]
fn every_input_shape_at_a_megabyte() {
    // Each shape of the shapes benchmark at 1 MB: where a stage was quadratic in some
    // shape (a look back over the whole sentence for each quotation mark, every pair of
    // a unit's runs, every pair of a sentence's mentions), 1 MB took minutes to hours,
    // and a regression makes this test run that long. The output's invariants hold.
    for shape in crate::shapes::SHAPES {
        let text = shape.text(1 << 20);
        let doc = analyze(&text);
        crate::invariants::spans(&doc);
        for s in &doc.sentences {
            assert!(
                s.tokens.len() <= newslens::sentences::MAX_TOKENS,
                "{}",
                shape.name
            );
        }
    }
}
