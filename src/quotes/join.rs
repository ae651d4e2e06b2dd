//! Quotes made one: the pieces of a quote its cue interrupts ("“We won,” she said, “and
//! we will win again.”"), partial quotes listed together ("“reckless” and “a con”"),
//! and the quoted words inside a reported clause, which belong to the clause.

// The stage's own helpers, as the functions were written beside them.
#[allow(clippy::wildcard_imports)]
use super::*;

/// A partial quote inside a mixed one is part of it, not a quote of its own: "said the
/// plan was “dead on arrival” unless ..." is one statement, the reported clause (as
/// PolNeAR annotates it), and the quoted words in it are the speaker's own, which the
/// mixed quote lists in `quoted`: listing both would give one statement twice. A
/// partial quote with no clause found around it stays. A mixed quote ends with its
/// last quoted words where a comma, a dash, a colon or a semicolon follows them.
pub(super) fn within_clauses(ctx: &Ctx<'_>, mut quotes: Vec<Quote>) -> Vec<Quote> {
    let clauses: Vec<Span> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Mixed)
        .map(|q| q.span)
        .collect();
    let index = SpanIndex::new(clauses.iter().copied());
    quotes.retain(|q| {
        q.kind != QuoteKind::Partial
            || !index
                .overlapping(q.span)
                .any(|k| clauses[k].contains(q.span))
    });
    for q in quotes.iter_mut().filter(|q| q.kind == QuoteKind::Mixed) {
        q.quoted = q
            .pieces()
            .iter()
            .flat_map(|p| {
                quoted_spans(&ctx.text[p.range()])
                    .into_iter()
                    .map(move |s| Span::new(p.start + s.start, p.start + s.end))
            })
            .collect();
        // A clause that runs on past its quoted words after a comma or a dash is
        // another statement, or the writer's: "“burning the Constitution” - a charge
        // that might have stung", "the “suburbs of St. Petersburg” — a metaphor".
        if let (true, Some(last)) = (q.parts.is_empty(), q.quoted.last()) {
            let rest = ctx.text[last.end..q.span.end].trim_start();
            let punct = rest.starts_with([',', '—', '–', ';', ':']) || rest.starts_with("- ");
            if punct {
                q.span.end = last.end;
            }
        }
    }
    quotes
}

/// Joins the pieces of a quote that its cue interrupts ("“We won,” she said, “and we
/// will win again.”", or a full stop after the cue) into one quote in parts: two quotes
/// of one kind (direct, partial or mixed) in one paragraph, the first one's cue between
/// them and no other cue word ("she said, adding ..." starts another attribution), the
/// second one said by the same speaker (or by no one named, or on the same cue).
pub(super) fn join_interrupted(ctx: &Ctx<'_>, mut quotes: Vec<Quote>) -> Vec<Quote> {
    /// The most text between the pieces: a cue and its speaker with a description
    /// ("said Ana Ruiz, who has run the port's pilots for a decade").
    const MAX_GAP: usize = 160;
    // In place: `quotes[..kept]` are those kept, the last one open to more pieces.
    let mut kept = 0;
    for i in 0..quotes.len() {
        if kept > 0 {
            let (done, rest) = quotes.split_at_mut(i);
            let (p, q) = (&mut done[kept - 1], &rest[0]);
            if p.kind != QuoteKind::Indirect
                && q.kind == p.kind
                && (interrupted_by_cue(ctx, p, q, MAX_GAP) || coordinated(ctx, p, q))
            {
                if p.parts.is_empty() {
                    p.parts.push(p.span);
                }
                p.parts.push(q.span);
                p.span.end = q.span.end;
                // As sure of the whole as of its less sure piece.
                p.sureness.speaker = match (p.sureness.speaker, q.sureness.speaker) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                continue;
            }
        }
        quotes.swap(kept, i);
        kept += 1;
    }
    quotes.truncate(kept);
    quotes
}

/// Whether only `p`'s cue (with its speaker and punctuation) stands between `p` and
/// `q`, at most `max_gap` bytes within a paragraph, and `q` is said by `p`'s speaker.
fn interrupted_by_cue(ctx: &Ctx<'_>, p: &Quote, q: &Quote, max_gap: usize) -> bool {
    let Some(cue) = p.cue else { return false };
    if q.span.start < p.span.end {
        return false;
    }
    let gap = Span::new(p.span.end, q.span.start);
    if gap.len() > max_gap
        || ctx.text[gap.range()].contains('\n')
        || cue.start < gap.start
        || cue.end > gap.end
    {
        return false;
    }
    // Another cue word: the hand list, or a word in lower case that PolNeAR's cues
    // hold more often than not ("adding", "suggesting"; not a name such as "Cheyenne",
    // two of whose four uses in PolNeAR train were in a cue).
    let other_cue = (ctx.token_at(gap.start)..ctx.token_at(gap.end)).any(|i| {
        !cue.contains(ctx.tokens[i].span)
            && (ctx.is_cue(i)
                || ctx.tok(i).starts_with(char::is_lowercase)
                    && super::attribution::cues().grade_of(ctx.tok(i)) >= 4)
    });
    let same_speaker = match (&p.speaker, &q.speaker) {
        (_, None) => true,
        (Some(a), Some(b)) => one_speaker(a, b),
        (None, Some(_)) => false,
    } || q.cue == Some(cue);
    !other_cue && same_speaker
}

/// Whether `p` and `q` are partial quotes in one list, with one speaker: a comma,
/// "and", "or" or "but", and an article at most between them ("called the plan
/// “reckless” and “a con”", "a “bully,” an “absentee”"). PolNeAR annotates
/// such a list as one attribution.
fn coordinated(ctx: &Ctx<'_>, p: &Quote, q: &Quote) -> bool {
    if p.kind != QuoteKind::Partial || q.span.start < p.span.end {
        return false;
    }
    let gap = &ctx.text[p.span.end..q.span.start];
    let mut words = gap.trim_start().trim_start_matches(',').split_whitespace();
    let mut w = words.next();
    if matches!(w, Some("and" | "or" | "but")) {
        w = words.next();
    }
    if matches!(w, Some("a" | "an" | "the")) {
        w = words.next();
    }
    w.is_none()
        && !gap.trim().is_empty()
        && p.speaker
            .as_ref()
            .zip(q.speaker.as_ref())
            .is_some_and(|(a, b)| one_speaker(a, b))
}

/// Whether two speakers are one: the same mention, or mentions of one group.
fn one_speaker(a: &Speaker, b: &Speaker) -> bool {
    a.span == b.span || (a.group.is_some() && a.group == b.group)
}
