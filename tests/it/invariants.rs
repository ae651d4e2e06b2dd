//! The invariants of an analysis, whatever the text: checked by the integration tests
//! and by the fuzz targets (`fuzz/src/lib.rs` includes this file).

use newslens::{Document, Offsets, Output, Span, Written};

/// Panics unless every invariant of `doc` holds: [`spans`], [`summary`] and
/// [`output`].
pub fn check(doc: &Document) {
    spans(doc);
    summary(doc);
    output(doc);
}

/// Panics unless the summary holds together:
/// - every quote is listed once, under its speaker or unattributed, each list in text
///   order;
/// - a speaker's quotes all have that speaker (their group, else their mention's text);
/// - the people are the person and organisation groups, each once, most mentioned
///   first, with their mention and quote counts.
pub fn summary(doc: &Document) {
    use newslens::EntityKind;
    let s = &doc.summary;
    let mut seen = vec![0; doc.quotes.len()];
    let lists = s
        .speakers
        .iter()
        .map(|sp| &sp.quotes)
        .chain([&s.unattributed]);
    for list in lists {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "text order: {list:?}");
        for &k in list {
            seen[k] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "each quote listed once");
    for &k in &s.unattributed {
        assert!(doc.quotes[k].speaker.is_none());
    }
    for sp in &s.speakers {
        assert!(!sp.quotes.is_empty());
        let first = doc.quotes[sp.quotes[0]]
            .speaker
            .as_ref()
            .expect("a speaker");
        for &k in &sp.quotes {
            let said = doc.quotes[k].speaker.as_ref().expect("a speaker");
            assert_eq!(said.group, sp.group);
            if sp.group.is_none() {
                assert_eq!(doc.str(said.span), doc.str(first.span));
            }
        }
    }
    assert!(s
        .speakers
        .windows(2)
        .all(|w| w[0].quotes.len() >= w[1].quotes.len()));
    let named = doc
        .groups
        .iter()
        .filter(|g| matches!(g.kind, EntityKind::Person | EntityKind::Organization))
        .count();
    assert_eq!(s.people.len(), named);
    assert!(s.people.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    let mut said_by = vec![0; doc.groups.len()];
    for g in doc.quotes.iter().filter_map(|q| q.speaker.as_ref()?.group) {
        said_by[g] += 1;
    }
    for p in &s.people {
        let g = &doc.groups[p.group];
        assert_eq!(p.mentions, g.mentions.len() + g.references.len());
        assert_eq!(p.quotes, said_by[p.group]);
    }
}

/// Panics unless the document's spans hold together:
/// - every span lies inside the text, on char boundaries, start before end;
/// - entities are never empty, names hold at most `MAX_NAME_TOKENS` tokens;
/// - sentences are in order, never overlap, hold 1 to `MAX_TOKENS` tokens and run from
///   their first token to their last;
/// - each sentence is on its paragraph's line, whose sentences list it; paragraphs are in
///   order, and their labels and datelines lie inside them;
/// - a quote's parts and quoted words lie inside it, its parts in order;
/// - each group's mentions point back to it.
pub fn spans(doc: &Document) {
    let text = &doc.text;
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let tokens = |s: Span| {
        doc.tokens.partition_point(|t| t.span.start < s.end)
            - doc.tokens.partition_point(|t| t.span.start < s.start)
    };
    let mut end = 0;
    for s in &doc.sentences {
        assert!(ok(s.span) && s.span.start >= end, "sentence {:?}", s.span);
        let n = s.tokens.len();
        assert!(
            (1..=newslens::sentences::MAX_TOKENS).contains(&n),
            "sentence of {n} tokens"
        );
        let (first, last) = (
            doc.tokens[s.tokens.start].span,
            doc.tokens[s.tokens.end - 1].span,
        );
        assert_eq!(
            s.span,
            Span::new(first.start, last.end),
            "a sentence is its tokens"
        );
        end = s.span.end;
    }
    for (k, s) in doc.sentences.iter().enumerate() {
        let p = &doc.paragraphs[s.paragraph];
        // On the paragraph's line: a sentence runs from its first token to its last,
        // and a token may hold white space that the paragraph's span leaves out (a
        // space with a right-to-left mark after it is one token). The paragraph's span
        // is one line, so a sentence that overlaps it and holds no line break is on it
        // (only the sentence's own bytes are read: a line of a megabyte holds
        // thousands of sentences).
        assert!(
            s.span.overlaps(p.span) && !doc.str(s.span).contains('\n'),
            "sentence {:?} on the line of {:?}",
            s.span,
            p.span
        );
        assert!(p.sentences.contains(&k));
    }
    let mut end = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        assert!(ok(p.span) && !p.span.is_empty() && p.span.start >= end);
        assert!(!doc.str(p.span).contains('\n'), "a paragraph is one line");
        assert_eq!(p.headline, i == 0);
        for inner in p.dateline.iter().chain(p.label.as_ref().map(|l| &l.span)) {
            assert!(
                ok(*inner) && p.span.contains(*inner),
                "{inner:?} in {:?}",
                p.span
            );
        }
        end = p.span.end;
    }
    for e in &doc.entities {
        assert!(ok(e.span) && !e.span.is_empty(), "entity {:?}", e.span);
        if e.kind.is_name() {
            assert!(
                tokens(e.span) <= newslens::entities::MAX_NAME_TOKENS,
                "name {:?}",
                e.span
            );
        }
    }
    for q in &doc.quotes {
        assert!(ok(q.span), "quote {:?}", q.span);
        for s in q.cue.iter().chain(q.speaker.as_ref().map(|s| &s.span)) {
            assert!(ok(*s), "cue or speaker {s:?}");
        }
        let mut at = q.span.start;
        for p in q.parts.iter().chain(&q.quoted) {
            assert!(ok(*p) && q.span.contains(*p), "piece {p:?} of {:?}", q.span);
        }
        for p in &q.parts {
            assert!(p.start >= at, "parts in order");
            at = p.end;
        }
    }
    for (g, group) in doc.groups.iter().enumerate() {
        for &m in &group.mentions {
            assert_eq!(doc.entities[m].group, Some(g));
        }
    }
}

/// Panics unless, in every offset unit, each output span's `text` is its slice of the
/// text, and the result written as it is converted ([`Written`]) is the same.
pub fn output(doc: &Document) {
    let text = &doc.text;
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let chars: Vec<char> = text.chars().collect();
    for unit in [Offsets::Utf8, Offsets::Utf16, Offsets::Chars] {
        let out = Output::new(doc, unit);
        assert_eq!(
            serde_json::to_string(&Written::new(doc, unit)).expect("serialises"),
            serde_json::to_string(&out).expect("serialises"),
        );
        let slice = |a: usize, b: usize| -> String {
            match unit {
                Offsets::Utf8 => text[a..b].to_owned(),
                Offsets::Utf16 => String::from_utf16(&utf16[a..b]).expect("no pair is split"),
                _ => chars[a..b].iter().collect(),
            }
        };
        for e in &out.entities {
            assert_eq!(slice(e.start, e.end), e.text);
        }
        for r in out.groups.iter().flat_map(|g| &g.references) {
            assert_eq!(Some(slice(r.start, r.end).as_str()), r.text);
        }
        for q in &out.quotes {
            assert_eq!(slice(q.start, q.end), q.text);
            if let Some(c) = &q.cue {
                assert_eq!(Some(slice(c.start, c.end).as_str()), c.text);
            }
            if let Some(s) = &q.speaker {
                assert_eq!(slice(s.start, s.end), s.text);
            }
            for p in q.parts.iter().chain(&q.quoted) {
                assert_eq!(Some(slice(p.start, p.end).as_str()), p.text);
            }
        }
    }
}
