//! Who speaks, on articles written for these tests: organisations that speak through
//! "it", "the statement" or "the authority", and quotation marks that hold a name or a
//! title, which no one speaks.

use newslens::analyze;

#[test]
fn an_organisation_speaks_through_it_the_statement_and_a_noun_for_itself() {
    let text = include_str!("../articles/09-statements.txt");
    let doc = analyze(text);
    let said: Vec<(&str, &str)> = doc
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| (doc.str(s.span), doc.speaker_name(s)))
        .collect();
    for want in [
        ("it", "Irish Coast Guard"),
        ("The statement", "Irish Coast Guard"),
        ("It", "Danish Maritime Authority"),
        ("the authority", "Danish Maritime Authority"),
        ("The company", "Danvik Shipping"),
    ] {
        assert!(said.contains(&want), "{want:?} not in {said:?}");
    }
}

#[test]
fn a_noun_goes_to_an_organisation_of_its_kind_or_to_none() {
    // "The agency" is the public body, not the company named since; "the court" has
    // no court named before it, so it stays itself.
    let text = "The Consumer Product Safety Commission ordered a recall of heaters sold by \
                Harlow Appliances. The agency said it had 112 reports of fires. Harlow \
                Appliances said it would refund buyers. The court said the case would \
                resume in May.\n";
    let doc = analyze(text);
    let name_of = |mention: &str| {
        doc.quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .find(|s| doc.str(s.span) == mention)
            .map(|s| doc.speaker_name(s).to_owned())
    };
    assert_eq!(
        name_of("The agency").as_deref(),
        Some("Consumer Product Safety Commission")
    );
    assert_eq!(name_of("The court").as_deref(), Some("The court"));
}

#[test]
fn a_name_or_title_in_quotation_marks_is_no_one_s_speech() {
    let text = include_str!("../articles/10-terms.txt");
    let doc = analyze(text);
    let quoted: Vec<&str> = doc.quotes.iter().map(|q| doc.str(q.span)).collect();
    for term in [
        "\"Harbour Five\"",
        "\"Fair Fares Now\"",
        "\"Moving Kerrow Forward\"",
    ] {
        assert!(
            !quoted.iter().any(|q| q.starts_with(term)),
            "{term} is a quote: {quoted:?}"
        );
    }
    // What Ruiz called the arrests is hers.
    let called = doc
        .quotes
        .iter()
        .find(|q| doc.str(q.span).contains("\"shameful retreat\""))
        .expect("the words Ruiz called the arrests are a quote");
    assert_eq!(
        called.speaker.as_ref().map(|s| doc.speaker_name(s)),
        Some("Ana Ruiz")
    );
}
