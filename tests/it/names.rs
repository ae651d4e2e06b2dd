//! Names as today's news writes them, on articles written for these tests: a sports
//! report, a business story naming studios and companies, a story quoting agencies.
//! Each name listed must be found, and with that kind only.

use newslens::{analyze, EntityKind};

fn check(text: &str, want: &[(&str, EntityKind)]) {
    let doc = analyze(text);
    for &(name, kind) in want {
        let kinds: Vec<EntityKind> = doc
            .entities
            .iter()
            .filter(|e| doc.str(e.span) == name)
            .map(|e| e.kind)
            .collect();
        assert!(!kinds.is_empty(), "{name} not found");
        assert!(
            kinds.iter().all(|k| *k == kind),
            "{name}: {kinds:?}, want {kind:?}"
        );
    }
}

#[test]
fn a_sports_report_names_its_clubs_players_and_ground() {
    use EntityKind::{Location, Organization, Person};
    check(
        include_str!("../fixtures/names/sports.txt"),
        &[
            ("Dunmore United", Organization),
            ("Kestrels", Organization),
            ("Harriers", Organization),
            ("Castlebridge Rovers", Organization),
            ("Fenwick Park", Location),
            ("Ravi Okonjo", Person),
            ("Tomasz Bielak", Person),
            ("Kieran Doyle", Person),
            ("Elena Marsh", Person),
            ("Pat Quigley", Person),
        ],
    );
}

#[test]
fn a_business_story_names_studios_and_companies_as_organisations() {
    use EntityKind::{Location, Organization, Person};
    check(
        include_str!("../fixtures/names/business.txt"),
        &[
            ("Lumora Studios", Organization),
            ("Brightwater Animation", Organization),
            ("Lumora", Organization),
            ("Brightwater", Organization),
            ("Netflix", Organization),
            ("BBC", Organization),
            ("Greyfield Capital", Organization),
            ("Cinevox", Organization),
            ("Halden Media", Organization),
            ("Nadia Ferreira", Person),
            ("Burbank", Location),
            ("Vancouver", Location),
        ],
    );
}

#[test]
fn a_story_quoting_agencies_names_them_as_organisations() {
    use EntityKind::{Organization, Person};
    let text = include_str!("../fixtures/names/agency.txt");
    check(
        text,
        &[
            ("Environmental Protection Agency", Organization),
            ("EPA", Organization),
            ("Daniel Okafor", Person),
            // Harlow is a town; Harlow Appliances, by its trade, a company.
            ("Harlow Appliances", Organization),
        ],
    );
    // The agencies that said it are the speakers.
    let doc = analyze(text);
    let speakers: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| doc.str(s.span))
        .collect();
    assert!(
        speakers.iter().any(|s| s.ends_with("Daniel Okafor")),
        "{speakers:?}"
    );
    assert!(
        speakers
            .iter()
            .any(|s| s.ends_with("Environmental Protection Agency")),
        "{speakers:?}"
    );
}

#[test]
fn a_family_named_by_its_surname_stays_people() {
    let doc = analyze("The Hendersons sold the farm in May. Mary Henderson said the Hendersons would stay in Leeds.\n");
    let kinds: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| doc.str(e.span) == "Hendersons")
        .map(|e| e.kind)
        .collect();
    assert!(!kinds.contains(&EntityKind::Organization), "{kinds:?}");
}

#[test]
fn every_name_the_model_finds_carries_a_confidence_and_numbers_none() {
    let doc = analyze(include_str!("../fixtures/names/business.txt"));
    for e in &doc.entities {
        if e.kind.is_name() {
            let c = e.confidence.expect("a name has a confidence");
            assert!(c > 0.0 && c <= 1.0, "{}: {c}", doc.str(e.span));
        } else {
            assert_eq!(e.confidence, None, "{}", doc.str(e.span));
        }
    }
    // The one well-known company is surer than the series title read as a place.
    let of = |name: &str| {
        doc.entities
            .iter()
            .find(|e| doc.str(e.span) == name)
            .and_then(|e| e.confidence)
            .expect(name)
    };
    assert!(
        of("Netflix") > of("Puddle"),
        "{} {}",
        of("Netflix"),
        of("Puddle")
    );
}

#[test]
fn a_storm_named_in_a_headline_and_the_text_is_an_event() {
    use EntityKind::{Location, Misc};
    // "Storm" out of the headline's name, a storm's name read as an organisation, and
    // the bare name later: one storm, MISC as CoNLL-2003 marks events.
    check(
        "Storm Agnes leaves thousands without power\n\n\
         Homes across Galway lost power overnight as Storm Agnes brought winds of \
         130 km/h. Hurricane Katrina was worse, said one engineer. Agnes is expected to \
         weaken by Friday.\n",
        &[
            ("Storm Agnes", Misc),
            ("Hurricane Katrina", Misc),
            ("Galway", Location),
        ],
    );
    // A town so named stays a place.
    check(
        "Residents of Storm Lake, Iowa, voted on Tuesday.\n",
        &[("Storm Lake", Location)],
    );
}

#[test]
fn a_headline_name_copied_from_the_text_carries_its_confidence() {
    // The model alone reads the title-case headline's "Harbour Bank Deal Stalls" as one
    // organisation; the text names "Harbour Bank", so the headline does too, with the
    // confidence of its mention in the text.
    let doc = analyze(
        "Savers Turn On Ruth Okoye As Harbour Bank Deal Stalls\n\n\
         On Tuesday Senator Ruth Okoye said the council had been told that Harbour Bank \
         would fund the line. Mayor Dan Tarrow disagreed.\n",
    );
    let mentions: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| doc.str(e.span) == "Harbour Bank")
        .collect();
    assert_eq!(mentions.len(), 2, "{:?}", doc.entities);
    assert!(mentions.iter().all(|e| e.kind == EntityKind::Organization));
    assert!(mentions[0].confidence.is_some(), "{mentions:?}");
    assert_eq!(mentions[0].confidence, mentions[1].confidence);
}
