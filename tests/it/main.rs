//! The one integration-test binary: the seed article, golden snapshots, properties,
//! and the command line as a process.

mod cli;
mod golden;
mod props;
mod seed;
mod shapes;

use newslens::Document;

/// Every span of a document lies on char boundaries and inside the text.
pub(crate) fn assert_spans_valid(doc: &Document) {
    let t = &doc.text;
    let ok = |s: newslens::Span| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    for s in &doc.sentences {
        assert!(ok(s.span), "sentence {:?}", s.span);
    }
    for e in &doc.entities {
        assert!(ok(e.span), "entity {:?}", e.span);
        assert!(!e.span.is_empty(), "empty entity");
    }
    for q in &doc.quotes {
        assert!(ok(q.span), "quote {:?}", q.span);
        if let Some(c) = q.cue {
            assert!(ok(c), "cue {c:?}");
        }
        if let Some(s) = &q.speaker {
            assert!(ok(s.span), "speaker {:?}", s.span);
        }
        for p in q.parts.iter().chain(&q.quoted) {
            let inside = q.span.start <= p.start && p.end <= q.span.end;
            assert!(ok(*p) && inside, "piece {p:?} of {:?}", q.span);
        }
    }
    for (gi, g) in doc.groups.iter().enumerate() {
        for &m in &g.mentions {
            assert_eq!(doc.entities[m].group, Some(gi));
        }
    }
}
