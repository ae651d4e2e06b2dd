//! The name finder's tests: the compiled model on names as news writes them, the
//! features, and the constraints of the tag scheme.

use super::*;

#[test]
fn the_compiled_model_loads() {
    assert_eq!(model().tags, TAGS.len());
    assert_eq!(
        model().quantised.as_ref().map(|(q, _)| q.len()),
        Some((1 << BITS) * TAGS.len())
    );
}

#[test]
fn a_transcripts_labels_in_capitals_are_people() {
    let text = "Partial transcript:\n\n\"MARLOWE: Will the depot close?\n\n\"IVO KARLSSON: \
                Not this year.\n\nMARLOWE: And after that?\n\nKARLSSON: Maybe.\n\n\
                CORRECTION: An earlier version misspelled a name.\n";
    let doc = crate::analyze(text);
    let people: Vec<&str> = doc
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| doc.str(e.span))
        .collect();
    assert_eq!(people, ["MARLOWE", "IVO KARLSSON", "MARLOWE", "KARLSSON"]);
    assert!(doc.entities.iter().all(|e| doc.str(e.span) != "CORRECTION"));
    // A label that comes once is no speaker's: a headline's "MARLOWE: ...", a
    // table's field names.
    let once = crate::analyze(
        "MARLOWE: Will the depot close?\n\nNo one knows.\n\nISSUER: Elm Water Board\n\n\
         DUE: March 2031\n",
    );
    assert!(once.entities.iter().all(|e| e.kind != EntityKind::Person));
}

#[test]
fn a_title_case_headline_reads_its_names_from_the_text_below() {
    let body = "\n\nOn Tuesday Senator Ruth Okoye said the council had been told that \
                Harbour Bank would fund the line. Mayor Dan Tarrow disagreed.\n";
    let rows: &[(&str, &[(&str, EntityKind)])] = &[
        (
            // The model alone reads "Harbour Bank Deal Stalls" as one organisation.
            "Savers Turn On Ruth Okoye As Harbour Bank Deal Stalls",
            &[
                ("Ruth Okoye", EntityKind::Person),
                ("Harbour Bank", EntityKind::Organization),
            ],
        ),
        (
            // A surname alone is the person the text names in full.
            "Okoye Turns On Tarrow Over Tram Plan",
            &[
                ("Okoye", EntityKind::Person),
                ("Tarrow", EntityKind::Person),
            ],
        ),
    ];
    for (headline, want) in rows {
        let text = format!("{headline}{body}");
        let doc = crate::analyze(&text);
        let got: Vec<_> = doc
            .entities
            .iter()
            .filter(|e| e.kind.is_name() && e.span.end <= headline.len())
            .map(|e| (doc.str(e.span), e.kind))
            .collect();
        assert_eq!(got, *want, "{headline}");
    }
}

#[test]
fn known_entities_come_out_right() {
    let rows: &[(&str, &[(&str, EntityKind)])] = &[
        (
            "Chancellor Olaf Scholz met NATO leaders in Brussels on Tuesday.",
            &[
                ("Olaf Scholz", EntityKind::Person),
                ("NATO", EntityKind::Organization),
                ("Brussels", EntityKind::Location),
            ],
        ),
        (
            "Microsoft shares rose after Satya Nadella spoke to German investors.",
            &[
                ("Microsoft", EntityKind::Organization),
                ("Satya Nadella", EntityKind::Person),
                ("German", EntityKind::Misc),
            ],
        ),
        (
            "SOCCER - JAPAN BEAT SYRIA IN ASIAN CUP.",
            &[
                ("JAPAN", EntityKind::Location),
                ("SYRIA", EntityKind::Location),
                ("ASIAN CUP", EntityKind::Misc),
            ],
        ),
    ];
    for (text, want) in rows {
        let doc = crate::analyze(text);
        let got: Vec<_> = doc
            .entities
            .iter()
            .filter(|e| e.kind.is_name())
            .map(|e| (doc.str(e.span), e.kind))
            .collect();
        assert_eq!(got, *want, "{text}");
    }
}

#[test]
fn names_never_open_with_punctuation() {
    // The model tagged the stop of "Mr." and a quote's signature dash as the first
    // token of a name (". Haldane", "― Beck Ortega").
    let texts = [
        "They left early. Fishing crews criticised the ban. Mr. Haldane said he wanted more.",
        "“Fear is what I feel.” ― Beck Ortega, 34, Texas",
        "“We will rebuild,” — Mayor Ana Ruiz, in a statement.",
    ];
    for text in texts {
        let doc = crate::analyze(text);
        let names: Vec<&str> = doc
            .entities
            .iter()
            .filter(|e| e.kind.is_name())
            .map(|e| doc.str(e.span))
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !is_leading_punct(&n[..n.chars().next().map_or(0, char::len_utf8)])),
            "{text}: {names:?}"
        );
    }
    let doc = crate::analyze(texts[0]);
    assert!(doc
        .entities
        .iter()
        .any(|e| doc.str(e.span) == "Haldane" && e.kind == EntityKind::Person));
}

#[test]
fn irish_names_are_people() {
    // The model read these as organisations and left "Seán" out.
    let text = "Síle Ní Bhriain agreed, and Conor Ó Briain did not. Seán Mac Diarmada \
was cited by Pádraig Ó Ceallaigh. Sales of the Apple Mac rose.";
    let doc = crate::analyze(text);
    let names: Vec<(&str, EntityKind)> = doc
        .entities
        .iter()
        .filter(|e| e.kind.is_name())
        .map(|e| (doc.str(e.span), e.kind))
        .collect();
    let person = EntityKind::Person;
    for name in [
        "Síle Ní Bhriain",
        "Conor Ó Briain",
        "Seán Mac Diarmada",
        "Pádraig Ó Ceallaigh",
    ] {
        assert!(names.contains(&(name, person)), "{name}: {names:?}");
    }
    assert!(
        !names
            .iter()
            .any(|(n, k)| n.ends_with("Mac") && *k == person),
        "{names:?}"
    );
}

#[test]
fn a_person_is_never_a_street() {
    let text = "Síle Ní Bhriain, a shopkeeper on Dominick Street, was less sure.";
    let doc = crate::analyze(text);
    let street = doc
        .entities
        .iter()
        .find(|e| doc.str(e.span) == "Dominick Street")
        .expect("the street is a name");
    assert_eq!(street.kind, EntityKind::Location);
}

#[test]
fn shapes() {
    assert_eq!(shape("Biden"), "Xx");
    assert_eq!(shape("U.S"), "X.X");
    assert_eq!(shape("1996-08-22"), "d-d-d");
}

#[test]
fn one_name_one_kind_per_document() {
    let text = "Bill Clinton spoke. Clinton left Cork for Cork, not Cork.";
    let ent = |word: &str, nth: usize, kind| {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Entity {
            span: Span::new(start, start + word.len()),
            kind,
            group: None,
            titled: false,
            margin: None,
            confidence: None,
        }
    };
    let mut es = vec![
        ent("Bill Clinton", 0, EntityKind::Person),
        ent("Clinton", 1, EntityKind::Location),
        ent("Cork", 0, EntityKind::Location),
        ent("Cork", 1, EntityKind::Person),
        ent("Cork", 2, EntityKind::Location),
    ];
    agree_on_kinds(text, &mut es);
    let kinds: Vec<_> = es.iter().map(|e| e.kind).collect();
    use EntityKind::{Location, Person};
    assert_eq!(kinds, [Person, Person, Location, Location, Location]);
}

#[test]
fn bio_constraints() {
    let t = |name: &str| TAGS.iter().position(|x| *x == name).unwrap();
    assert!(allowed(None, Some(t("B-PER"))));
    assert!(!allowed(None, Some(t("I-PER"))));
    assert!(allowed(Some(t("B-PER")), Some(t("I-PER"))));
    assert!(allowed(Some(t("I-PER")), Some(t("I-PER"))));
    assert!(!allowed(Some(t("B-PER")), Some(t("I-ORG"))));
    assert!(allowed(Some(t("I-PER")), Some(0)));
    assert!(allowed(Some(t("I-PER")), None));
}
