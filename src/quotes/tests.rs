//! The quote stage's tests: each rule and model on short texts of its own, and the
//! whole pipeline on the shapes news takes.

use super::*;

#[test]
fn quotes_are_put_in_text_order_as_a_stable_sort_would() {
    let q = |a: usize, b: usize, kind: QuoteKind| Quote {
        span: Span::new(a, b),
        kind,
        cue: None,
        speaker: None,
        parts: Vec::new(),
        quoted: Vec::new(),
        sureness: Sureness::default(),
        confidence: 0.0,
    };
    use QuoteKind::{Direct, Indirect, Mixed, Partial};
    // Cycles of several lengths, equal keys in an order of their own.
    let mut quotes = vec![
        q(5, 9, Direct),
        q(0, 3, Direct),
        q(5, 9, Partial),
        q(2, 4, Indirect),
        q(0, 3, Mixed),
        q(7, 8, Direct),
        q(1, 2, Partial),
        q(5, 9, Mixed),
    ];
    let mut want = quotes.clone();
    want.sort_by_key(|q| (q.span.start, q.span.end));
    in_text_order(&mut quotes);
    assert_eq!(quotes, want);
}

fn spans(text: &str) -> Vec<&str> {
    quoted_spans(text)
        .iter()
        .map(|s| &text[s.range()])
        .collect()
}

#[test]
fn titles_handles_and_numbers_in_quotation_marks_are_no_speech() {
    for q in [
        "\"Evening Roundup\"",
        "“Ask the Mayor.”",
        "\"778257943577919488\"",
        "\"pic.twitter.com/\"",
    ] {
        assert!(no_speech(q), "{q}");
    }
    for q in [
        "\"war criminal\"",
        "“Arrogant,”",
        "\"a clear beat,\"",
        "\"Never\"",
    ] {
        assert!(!no_speech(q), "{q}");
    }
}

#[test]
fn a_description_in_commas_between_quote_and_cue() {
    let text = "“Every dollar will be accounted for,” a spokeswoman for the senator, \
Hannah Brooks, said in a statement.";
    for model in [QuoteMode::Rules, QuoteMode::Quoted] {
        let doc = crate::analyze_with(text, &crate::Options::default().with_quotes(model));
        let q = &doc.quotes[0];
        assert_eq!(
            doc.str(q.cue.expect("a cue")),
            "said in a statement",
            "{model:?}"
        );
        let speaker = q.speaker.as_ref().expect("a speaker");
        if model == QuoteMode::Quoted {
            // The ranker names the role by the name in apposition.
            assert_eq!(doc.str(speaker.span), "Hannah Brooks");
        }
    }
}

#[test]
fn a_cue_in_commas_splits_reported_speech_in_two_parts() {
    let text = "The company expects revenue of $4.2 billion for the quarter, Priya \
Raman told investors, below the $4.6 billion analysts had forecast.";
    let doc = crate::analyze(text);
    let q = doc.quotes.last().expect("a quote");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(doc.str(q.cue.expect("a cue")), "told investors");
    let parts: Vec<&str> = q.parts.iter().map(|p| doc.str(*p)).collect();
    assert_eq!(
        parts,
        [
            "The company expects revenue of $4.2 billion for the quarter",
            "below the $4.6 billion analysts had forecast"
        ]
    );
    // "X said, however, that ...": the content is after.
    let text = "Priya Raman said, however, that the plant would reopen in May.";
    let doc = crate::analyze(text);
    let q = doc.quotes.last().expect("a quote");
    assert!(
        doc.str(q.span).ends_with("the plant would reopen in May"),
        "{q:?}"
    );
}

#[test]
fn a_relative_clause_on_a_noun_is_no_reported_speech() {
    // The tagger reads "dispute that" as a cue of reported speech.
    let text = "The council voted on Monday to build a new bridge over the river, \
ending a dispute that had run for two years.";
    let doc = crate::analyze(text);
    let quotes: Vec<&str> = doc.quotes.iter().map(|q| doc.str(q.span)).collect();
    assert!(quotes.is_empty(), "{quotes:?}");
}

#[test]
fn a_speaker_described_in_commas_and_a_listener_before_that() {
    let text = "Councillor Ruth Abara, who chairs the transport committee, told the \
Brackenford Echo that a vote was expected in January.";
    let doc = crate::analyze(text);
    let q = doc.quotes.last().expect("a quote");
    assert_eq!(doc.str(q.span), "a vote was expected in January");
    let speaker = q.speaker.as_ref().expect("a speaker");
    assert_eq!(doc.str(speaker.span), "Ruth Abara");
}

#[test]
fn a_cue_a_listener_and_a_date_may_end_the_text() {
    // Reported speech with nothing after its cue: each once read past the last
    // token (found by the property test: "Joe Bidenthat told reporters March 16,
    // 2022").
    for text in [
        "Ruth Abara told reporters March 16, 2022",
        "Ruth Abara told reporters on March 16, 2022",
        "Ruth Abara told reporters on",
        "Ruth Abara told reporters",
        "Ruth Abara said on Monday",
    ] {
        let doc = crate::analyze(text);
        assert!(doc.quotes.is_empty(), "{text}: {:?}", doc.quotes);
    }
}

#[test]
fn what_follows_according_to_and_its_source_is_what_they_said() {
    for (text, said, source) in [
        (
            "According to port records, nine in ten of the ferries in the fleet are \
             older than thirty years.",
            "nine in ten of the ferries in the fleet are older than thirty years",
            "port records",
        ),
        (
            "According to the coastguard, the skipper left the wheelhouse with a flare \
             and came back, and they told him to stop.",
            "the skipper left the wheelhouse with a flare and came back, and they told \
             him to stop",
            "the coastguard",
        ),
    ] {
        let doc = crate::analyze(text);
        let found: Vec<(&str, QuoteKind, Option<&str>)> = doc
            .quotes
            .iter()
            .map(|q| {
                (
                    doc.str(q.span),
                    q.kind,
                    q.speaker.as_ref().map(|s| doc.str(s.span)),
                )
            })
            .collect();
        assert_eq!(found, [(said, QuoteKind::Indirect, Some(source))], "{text}");
    }
}

#[test]
fn a_partial_quote_in_reported_speech_is_part_of_its_clause() {
    // What they reported, the clause that holds the speaker's words in quotation
    // marks, is one mixed quote (as PolNeAR annotates it), the words its `quoted`
    // (not a partial quote of their own beside it); the day after the cue is when it
    // was said, not what.
    for (text, clause, words) in [
        (
            "Councillor Ruth Okafor said the tram plan was \"dead on arrival\" unless \
             the city found new money.",
            "the tram plan was \"dead on arrival\" unless the city found new money",
            "\"dead on arrival\"",
        ),
        (
            "The Kremlin said Wednesday Lund’s words were \"unfriendly and unlawful.\"",
            "Lund’s words were \"unfriendly and unlawful.\"",
            "\"unfriendly and unlawful.\"",
        ),
        (
            "Harbour master Pia Lund said the old wall had been \"patched, not mended\" \
             after the spring storms.",
            "the old wall had been \"patched, not mended\" after the spring storms",
            "\"patched, not mended\"",
        ),
    ] {
        let doc = crate::analyze(text);
        let found: Vec<(&str, QuoteKind, Vec<&str>)> = doc
            .quotes
            .iter()
            .map(|q| {
                let quoted = q.quoted.iter().map(|s| doc.str(*s)).collect();
                (doc.str(q.span), q.kind, quoted)
            })
            .collect();
        assert_eq!(found, [(clause, QuoteKind::Mixed, vec![words])], "{text}");
        assert!(doc.quotes[0].speaker.is_some(), "{text}");
    }
    // Where no clause is found around the quoted words, they stay a partial quote.
    let doc = crate::analyze(
        "Ruiz said she hopes to win, but she knows that \"the harbour will always come first.\"",
    );
    let found: Vec<(&str, QuoteKind)> = doc
        .quotes
        .iter()
        .map(|q| (doc.str(q.span), q.kind))
        .collect();
    assert_eq!(
        found,
        [(
            "\"the harbour will always come first.\"",
            QuoteKind::Partial
        )]
    );
}

#[test]
fn reported_speech_beside_an_attributed_quote_is_read() {
    // The rules settle the partial quote and its cue; the model still reads the
    // sentence for the second cue.
    let text = "Harbour master Ines Varga said the swell was \"the worst in a decade\" \
and warned that the ferry would stay in port until Sunday.";
    let doc = crate::analyze(text);
    let found: Vec<(&str, QuoteKind, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref().expect("a speaker");
            let name = doc.speaker_name(sp);
            (doc.str(q.span), q.kind, name)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "the swell was \"the worst in a decade\"",
                QuoteKind::Mixed,
                "Ines Varga"
            ),
            (
                "the ferry would stay in port until Sunday",
                QuoteKind::Indirect,
                "Ines Varga"
            ),
        ]
    );
}

#[test]
fn partial_quotes_joined_by_and_are_one_quote_in_parts() {
    let pieces = |text: &str| -> Vec<Vec<String>> {
        // The rules' quotes: the model's reported clause would hold the pieces.
        let doc = crate::analyze_with(
            text,
            &crate::Options::default().with_quotes(QuoteMode::Rules),
        );
        doc.quotes
            .iter()
            .map(|q| match q.parts.as_slice() {
                [] => vec![doc.str(q.span).to_owned()],
                parts => parts.iter().map(|p| doc.str(*p).to_owned()).collect(),
            })
            .collect()
    };
    assert_eq!(
        pieces(
            "The mayor, Ilse Brandt, called the budget \"reckless\" and \"a gift to landlords\"."
        ),
        [["\"reckless\"", "\"a gift to landlords\""]]
    );
    assert_eq!(
        pieces("Ilse Brandt called the landlord a \"bully,\" an \"absentee\" and a \"menace.\""),
        [["\"bully,\"", "\"absentee\"", "\"menace.\""]]
    );
    // Other words between the pieces: two quotes.
    assert_eq!(
        pieces("The mayor, Ilse Brandt, called the budget \"reckless\" on Tuesday and \"a gift to landlords\"."),
        [["\"reckless\""], ["\"a gift to landlords\""]]
    );
}

#[test]
fn a_dateline_is_no_speaker() {
    let text = "WASHINGTON — A Senate committee on Thursday advanced a bill that \
would send $2.1 billion to Western states, over the objections of two Republican members \
who called it \"a blank check for Sacramento.\"";
    let doc = crate::analyze(text);
    assert_eq!(doc.quotes.len(), 1);
    for q in &doc.quotes {
        if let Some(s) = &q.speaker {
            assert_ne!(doc.str(s.span), "WASHINGTON");
        }
    }
}

#[test]
fn a_pronoun_never_means_the_writer_in_the_byline() {
    let text = "Ferry fares to rise\n\nBy Niamh Kelleher\n\nThe ferry company will \
raise fares in May.\n\n“Costs have doubled,” he said.";
    let doc = crate::analyze(text);
    let q = doc.quotes.last().expect("the quote");
    let speaker = q.speaker.as_ref().expect("a speaker");
    assert_eq!(doc.str(speaker.span), "he");
    assert_eq!(speaker.group, None, "{:?}", doc.groups);
    // A byline is a short line of its own: a sentence that opens with "By" is not.
    let text = "By Friday Niamh Kelleher had left. “It is done,” she said.";
    let doc = crate::analyze(text);
    let q = doc.quotes.last().expect("the quote");
    let group = q.speaker.as_ref().and_then(|s| s.group).expect("a group");
    assert_eq!(doc.groups[group].name, "Niamh Kelleher");
}

#[test]
fn who_in_a_relative_clause_speaks_as_the_name_before_it() {
    let text = "The plan was drawn up by the engineer Tomás Reilly, who told councillors \
the lanes would cost about 4 million euros.";
    // The rules find "who" (the model, reading every cue sentence by default,
    // takes the name itself): either way the speaker is Tomás Reilly.
    for model in [QuoteMode::Quoted, QuoteMode::All] {
        let doc = crate::analyze_with(text, &crate::Options::default().with_quotes(model));
        let q = doc.quotes.first().expect("the reported speech");
        assert_eq!(q.kind, QuoteKind::Indirect);
        assert_eq!(
            doc.str(q.span),
            "the lanes would cost about 4 million euros"
        );
        let speaker = q.speaker.as_ref().expect("a speaker");
        if model == QuoteMode::Quoted {
            assert_eq!(doc.str(speaker.span), "who");
        }
        let group = speaker.group.expect("a group");
        assert_eq!(doc.groups[group].name, "Tomás Reilly");
    }
}

#[test]
fn what_was_said_before_a_participle_cue_is_an_attribution_too() {
    let doc = crate::analyze(
        "Mayor Ana Ruiz said the ferry was safe, noting that no one had been hurt in \
         ten years.",
    );
    let found: Vec<(&str, &str, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            let cue = q.cue.map_or("", |c| doc.str(c));
            let group = q.speaker.as_ref().and_then(|s| s.group);
            let name = group.map_or("", |g| doc.groups[g].name.as_str());
            (doc.str(q.span), cue, name)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("the ferry was safe", "said", "Ana Ruiz"),
            ("no one had been hurt in ten years", "noting", "Ana Ruiz"),
        ]
    );
}

#[test]
fn a_role_speaks_as_the_person_it_names_never_as_one_of_another_party() {
    let speakers = |text: &str| -> Vec<Option<String>> {
        let doc = crate::analyze(text);
        doc.quotes
            .iter()
            .map(|q| {
                let g = q.speaker.as_ref().and_then(|s| s.group)?;
                Some(doc.groups[g].name.clone())
            })
            .collect()
    };
    // Linked by the grouping stage: the role Ann Lee was introduced with.
    assert_eq!(
        speakers(
            "Republican nominee Ann Lee spoke in Toledo on Monday. \"We will win,\" the \
             Republican nominee said.\n\nDemocratic nominee Tom Baird toured a plant in \
             Ohio on Tuesday. \"We need jobs,\" the GOP nominee said later."
        ),
        [Some("Ann Lee".to_string()), Some("Ann Lee".to_string())]
    );
    // Guessed: the person just named, unless they are of the other party.
    assert_eq!(
        speakers(
            "Gov. Mike Pence visited a school in Fort Wayne. \"It was great,\" the Indiana \
             governor said."
        ),
        [Some("Mike Pence".to_string())]
    );
    assert_eq!(
        speakers(
            "Democratic nominee Tom Baird toured a plant in Ohio on Tuesday. \"We need \
             jobs,\" the GOP nominee said later."
        ),
        [None]
    );
}

#[test]
fn the_writer_in_a_byline_never_speaks() {
    let speakers = |text: &str, model: QuoteMode| -> Vec<Option<String>> {
        let doc = crate::analyze_with(text, &crate::Options::default().with_quotes(model));
        doc.quotes
            .iter()
            .map(|q| q.speaker.as_ref().map(|s| doc.str(s.span).to_owned()))
            .collect()
    };
    let text = "Strike shuts port\nBy Tomas Reyes\n“We will fight this to the end.”\n";
    assert_eq!(speakers(text, QuoteMode::default()), [None]);
    let text = "By Tomas Reyes\n\nThe union said the strike would go on.\n";
    assert_eq!(
        speakers(text, QuoteMode::All),
        [Some("The union".to_owned())]
    );
}

#[test]
fn two_reported_clauses_joined_by_and_are_two_attributions() {
    let text = "Owen Hale believes that the board ignored cheaper options, and the \
Fenwick Gazette reported that two members had asked for a delay.";
    let doc = crate::analyze(text);
    let got: Vec<(&str, &str, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                doc.str(q.span),
                doc.str(q.cue.expect("a cue")),
                doc.str(q.speaker.as_ref().expect("a speaker").span),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("the board ignored cheaper options", "believes", "Owen Hale"),
            (
                "two members had asked for a delay",
                "reported",
                "the Fenwick Gazette"
            ),
        ]
    );
}

#[test]
fn a_speaker_span_loses_the_punctuation_at_its_ends() {
    let text = "“The board's lawyer, Marta Quist,” he wrote. Biden's aides' (views) at Veltron Inc., a firm";
    let tokens = crate::tokenize(text);
    let ctx = Ctx::new(text, &tokens, &[], &[], &[], &[]);
    let trim = |from: &str, to: &str| {
        let at = text.find(from).expect("in the text");
        let s = ctx.without_end_punct(Span::new(at, at + from.len()));
        assert_eq!(&text[s.range()], to, "{from}");
    };
    trim(
        "“The board's lawyer, Marta Quist,”",
        "The board's lawyer, Marta Quist",
    );
    trim("Marta Quist,", "Marta Quist");
    trim("he", "he");
    trim("Biden", "Biden");
    trim("(views)", "views");
    trim(",”", ",”");
    trim("Veltron Inc.,", "Veltron Inc.");
}

#[test]
fn reported_speech_needs_a_speaker_quoted_words_do_not() {
    let quote = |kind, speaker: Option<Speaker>| Quote {
        span: Span::new(0, 4),
        kind,
        cue: None,
        speaker,
        parts: Vec::new(),
        quoted: Vec::new(),
        sureness: Sureness::default(),
        confidence: 0.0,
    };
    let someone = Speaker {
        span: Span::new(5, 7),
        entity: None,
        group: None,
        named: None,
    };
    assert!(!is_attributed_or_quoted(&quote(QuoteKind::Indirect, None)));
    assert!(is_attributed_or_quoted(&quote(
        QuoteKind::Indirect,
        Some(someone)
    )));
    for kind in [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Mixed] {
        assert!(is_attributed_or_quoted(&quote(kind, None)));
    }
}

#[test]
fn a_quote_its_cue_interrupts_is_one_quote_in_parts() {
    let text = "“We won,” said Ana Ruiz, “and we will win again.” “It is over,” Tom \
Hale said. “I wish her well.”\n\n“Now the work starts,” Ruiz said.\n\n“Not for me,” said Hale. \
“It is too late,” said Ana Ruiz.\n\n“We will appeal,” Hale said, adding, “The ruling is wrong.”\n\n“We lost,” said Ruiz, \
who has led the harbour pilots' union for eleven years and signed its last two contracts, “but \
we will be back.”";
    let doc = crate::analyze(text);
    let got: Vec<(Vec<&str>, &str)> = doc
        .quotes
        .iter()
        .map(|q| {
            let parts = if q.parts.is_empty() {
                vec![doc.str(q.span)]
            } else {
                assert_eq!(q.span.start, q.parts[0].start);
                assert_eq!(q.span.end, q.parts.last().expect("parts").end);
                q.parts.iter().map(|p| doc.str(*p)).collect()
            };
            let sp = q.speaker.as_ref().expect("a speaker");
            let name = doc.speaker_name(sp);
            (parts, name)
        })
        .collect();
    assert_eq!(
        got,
        [
            (vec!["“We won,”", "“and we will win again.”"], "Ana Ruiz"),
            (vec!["“It is over,”", "“I wish her well.”"], "Tom Hale"),
            // A new paragraph is a new quote.
            (vec!["“Now the work starts,”"], "Ana Ruiz"),
            // Another speaker's cue between: two quotes.
            (vec!["“Not for me,”"], "Tom Hale"),
            (vec!["“It is too late,”"], "Ana Ruiz"),
            // Another cue word between ("adding"): another attribution.
            (vec!["“We will appeal,”"], "Tom Hale"),
            (vec!["“The ruling is wrong.”"], "Tom Hale"),
            // A speaker with a long description between the pieces.
            (vec!["“We lost,”", "“but we will be back.”"], "Ana Ruiz"),
        ]
    );
}

#[test]
fn straight_curly_nested_and_unclosed() {
    assert_eq!(
        spans(r#"He said "no" and "yes.""#),
        [r#""no""#, r#""yes.""#]
    );
    assert_eq!(spans("“It’s ‘over’,” she said."), ["“It’s ‘over’,”"]);
    assert_eq!(spans("Biden's aides' 'war' talk"), ["'war'"]);
    assert_eq!(spans("He said \"never"), ["\"never"]);
}

#[test]
fn curly_marks_typed_the_wrong_way_round() {
    assert_eq!(
        spans("Photo.\n\n”We are tired of waiting.” ― Lena Ortiz.\n\nShe said “no.“\n"),
        ["”We are tired of waiting.”", "“no.“"]
    );
    // Not a closing mark after a word, nor one before a space.
    assert_eq!(spans("the 12” screen and ” loose"), Vec::<&str>::new());
}

#[test]
fn doubled_single_marks_and_backticks_are_double_marks() {
    // ’’ and '' close a quote “ or " opened; ‘‘ and `` open one, as ” and '' close.
    assert_eq!(
        spans("“We stay’’ said Ruiz. \"Run on time'' said Marsh."),
        ["“We stay’’", "\"Run on time''"]
    );
    assert_eq!(
        spans("‘‘Nobody asked us,’’ said Ortiz. ``We need it,'' said Egan."),
        ["‘‘Nobody asked us,’’", "``We need it,''"]
    );
    // One curly mark alone is still an apostrophe or a single quote.
    assert_eq!(spans("the workers’ plan and ‘a mess’ here"), ["‘a mess’"]);
}

#[test]
fn a_quote_left_open_ends_before_its_cue() {
    // The closing mark forgotten: the quote ends at the comma before ", said NAME"
    // or ", NAME said"; with no cue inside, at its paragraph's end as before.
    assert_eq!(
        spans("\"The council has failed, said Ruth Kemp, a shopkeeper.\n\nNext."),
        ["\"The council has failed,"]
    );
    assert_eq!(
        spans("\"It is over, Ruth Kemp said.\n\nNext."),
        ["\"It is over,"]
    );
    assert_eq!(
        spans("\"It is over, and the town knows it.\n\nNext."),
        ["\"It is over, and the town knows it."]
    );
}

#[test]
fn doubled_apostrophes_are_a_double_mark() {
    // As some archives print “ and ”: quotes in full, run over a reopening paragraph,
    // and a quote its cue interrupts is one direct quote in two parts.
    assert_eq!(
        spans("''We will not close it,'' said Ruiz. ''Never.''"),
        ["''We will not close it,''", "''Never.''"]
    );
    assert_eq!(
        spans("''First part.\n\n''Second part,'' he said. The workers' 'plan'"),
        ["''First part.\n\n''Second part,''", "'plan'"]
    );
    let text = "The mayor spoke on Monday.\n\n''We will not close the library,'' said \
Mayor Ana Ruiz. ''It is the heart of this town.''\n\nShe called the plan ''a disgrace.''\n";
    let doc = crate::analyze(text);
    let quotes: Vec<_> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                q.pieces().iter().map(|p| doc.str(*p)).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        quotes,
        [
            (
                QuoteKind::Direct,
                vec![
                    "''We will not close the library,''",
                    "''It is the heart of this town.''"
                ]
            ),
            (QuoteKind::Mixed, vec!["the plan ''a disgrace.''"]),
        ]
    );
}

#[test]
fn a_quoted_transcript_is_cut_into_turns_said_by_their_labels() {
    let text = "Senator Ruth Okoye spoke to the host on Sunday.\n\n\"HOST: Will the bridge \
reopen?\n\n\"OKOYE:\u{a0} Not before May.\n\n\"We need the money first.\n\n\"VIDEO: A crowd \
cheers.\"\n\nThe interview ended.";
    let doc = crate::analyze(text);
    let got: Vec<(&str, QuoteKind, Option<&str>, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref();
            (
                doc.str(q.span),
                q.kind,
                sp.map(|s| doc.str(s.span)),
                sp.and_then(|s| s.group)
                    .map(|g| doc.groups[g].name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Will the bridge reopen?",
                QuoteKind::Direct,
                Some("HOST"),
                None
            ),
            (
                "Not before May.",
                QuoteKind::Direct,
                Some("OKOYE"),
                Some("Ruth Okoye")
            ),
            // A paragraph without a label goes on with the last speaker.
            (
                "\"We need the money first.",
                QuoteKind::Direct,
                Some("OKOYE"),
                Some("Ruth Okoye")
            ),
            // "VIDEO:" is a transcript's note of what was played: no one's label.
            ("A crowd cheers.\"", QuoteKind::Direct, None, None),
        ]
    );
}

#[test]
fn a_place_after_the_speaker_is_no_other_cue_between_the_pieces() {
    // "Cheyenne" was in a cue in half its PolNeAR train uses: a word the learned
    // cues grade high, but a name, not another attribution's cue.
    assert!(super::attribution::cues().grade_of("Cheyenne") >= 4);
    let text = "“The ranch has been here for a century,” said Ann Whitlow of Cheyenne. \
“We are not going anywhere.”";
    let doc = crate::analyze(text);
    assert_eq!(doc.quotes.len(), 1, "{:?}", doc.quotes);
    let parts: Vec<&str> = doc.quotes[0].parts.iter().map(|&p| doc.str(p)).collect();
    assert_eq!(
        parts,
        [
            "“The ranch has been here for a century,”",
            "“We are not going anywhere.”"
        ]
    );
}

#[test]
fn a_title_or_a_note_in_quotation_marks_is_no_quote_of_a_run() {
    let text = "\"The ferry will run all winter,\" said Mayor Ines Kolar. \"We have the \
money now.\"\n\n'Harbour Lights at Dusk.'\n\n\"HOST: Will it be late?\n\n\"KOLAR: Never.\n\n\
\"(LAUGHTER.)\n\n\"It is a promise.\"";
    let doc = crate::analyze(text);
    let got: Vec<&str> = doc.quotes.iter().map(|q| doc.str(q.span)).collect();
    assert_eq!(
        got,
        [
            "\"The ferry will run all winter,\" said Mayor Ines Kolar. \"We have the money now.\"",
            "Will it be late?",
            "Never.",
            "\"It is a promise.\""
        ]
    );
    assert!(stage_direction("\"(CROSSTALK.)"));
    assert!(!stage_direction("\"(Not yet.) We will see.\""));
}

#[test]
fn a_relative_pronoun_speaks_for_the_name_it_follows() {
    for (text, name) in [
        (
            "The plan was backed by Mayor Ana Ruiz, who said the lanes would be built by spring.",
            "Ana Ruiz",
        ),
        (
            "Funding came from the Harbour Board, which said the money would arrive in May.",
            "Harbour Board",
        ),
        (
            "The talks were led by Maria Lopez, the chief executive of the Urban Housing \
             League, who said the rents would fall.",
            "Maria Lopez",
        ),
        (
            "Tom Baird, the ranking member on the Harbour Committee, who said the vote \
             would be close, left early.",
            "Tom Baird",
        ),
    ] {
        let doc = crate::analyze(text);
        let q = doc
            .quotes
            .first()
            .unwrap_or_else(|| panic!("no quote in {text}"));
        let g = q.speaker.as_ref().and_then(|s| s.group);
        assert_eq!(g.map(|g| doc.groups[g].name.as_str()), Some(name), "{text}");
    }
}

#[test]
fn a_turn_ends_before_its_closing_stage_directions() {
    let rows = [
        ("Not yet. (LAUGHTER.)", "Not yet."),
        ("Not yet. (CROSSTALK) (APPLAUSE)", "Not yet."),
        ("Ask Sen. Ann Lee (R-IN)", "Ask Sen. Ann Lee (R-IN)"),
        ("It was (in a way) fine", "It was (in a way) fine"),
        ("(APPLAUSE)", "(APPLAUSE)"),
    ];
    for (said, want) in rows {
        assert_eq!(without_stage_directions(said), want);
    }
}

#[test]
fn a_label_and_a_colon_open_a_headline_or_a_turn_said_by_the_label() {
    let text = "Okoye: Bridge repairs ‘will not wait’ for the budget.\n\n\
The Latest: Council meets again on Monday to vote.\n\n\
Senator Ruth Okoye spoke to the radio host Dan Brill on Sunday about the bridge.\n\n\
BRILL: Will the bridge reopen before the summer, Senator?\n\n\
OKOYE:\u{a0} Not before May. We need the money first, and we do not have it. (LAUGHTER.)\n\n\
The interview ended there.";
    // (A no-break space after a colon, as pasted text may have it, is a space; the
    // stage direction that closes a turn is no one's words.)
    let doc = crate::analyze(text);
    let got: Vec<(&str, QuoteKind, Option<&str>, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref();
            (
                doc.str(q.span),
                q.kind,
                sp.map(|s| doc.str(s.span)),
                sp.and_then(|s| s.group)
                    .map(|g| doc.groups[g].name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // A headline: the label reports it, in its words where they are quoted.
            (
                "Bridge repairs ‘will not wait’ for the budget",
                QuoteKind::Mixed,
                Some("Okoye"),
                Some("Ruth Okoye")
            ),
            // "The Latest:" names no one.
            (
                "Will the bridge reopen before the summer, Senator?",
                QuoteKind::Direct,
                Some("BRILL"),
                Some("Dan Brill")
            ),
            (
                "Not before May. We need the money first, and we do not have it.",
                QuoteKind::Direct,
                Some("OKOYE"),
                Some("Ruth Okoye")
            ),
        ]
    );
    assert_eq!(doc.str(doc.quotes[0].cue.expect("the colon")), ":");
    let quoted: Vec<&str> = doc.quotes[0].quoted.iter().map(|&s| doc.str(s)).collect();
    assert_eq!(quoted, ["‘will not wait’"]);
}

#[test]
fn a_name_after_a_dash_signs_the_quote_before_it() {
    let text = "Readers wrote in about the new tram line.\n\
“It takes me twenty minutes less to get to work.” ― Marta Kowalczyk\n\
“The stops are too far apart for my mother.” — Daniel Osei.\n";
    // Quotation marks only: reading every cue sentence, the model also takes "the
    // new tram line" for what readers "wrote".
    let doc = crate::analyze_with(
        text,
        &crate::Options::default().with_quotes(QuoteMode::Quoted),
    );
    let got: Vec<(&str, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                doc.str(q.span),
                q.speaker.as_ref().map(|sp| doc.str(sp.span)),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "“It takes me twenty minutes less to get to work.”",
                Some("Marta Kowalczyk")
            ),
            (
                "“The stops are too far apart for my mother.”",
                Some("Daniel Osei")
            ),
        ]
    );
}

#[test]
fn a_person_before_an_apposition_speaks_not_the_place_in_it() {
    let text = "Ines Barros, head of the fishermen's union in Port Elwin, said the deal \
was \"a good start.\"";
    let doc = crate::analyze(text);
    let speakers: Vec<&str> = doc
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|sp| doc.str(sp.span)))
        .collect();
    // The reported clause ("the deal was ...", its partial quote inside).
    assert_eq!(speakers, ["Ines Barros"]);
}

#[test]
fn a_quote_runs_over_paragraphs_that_reopen() {
    let text = "“First part.\n\n“Second part,” he said.\n\n“Lone start\n\nNext.";
    assert_eq!(
        spans(text),
        ["“First part.\n\n“Second part,”", "“Lone start"]
    );
}
