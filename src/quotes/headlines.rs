//! A headline's speaker named by a role: "Harlow Appliances CEO says ...", "Official
//! says ...". A headline names few people; the article names the one who holds the
//! role ("Mara Quist, the chief executive"), and that is who says it.

use super::ctx::Ctx;
use super::Quote;
use crate::entities::EntityKind;
use crate::span::{Span, SpanIndex};
use std::collections::HashMap;

/// Gives each quote of a headline whose speaker is, or is followed by, a title right
/// before its cue ("Harlow Appliances CEO says", "Official says") the person the
/// article introduces with that title, where exactly one person is: the role phrase
/// becomes the speaker's mention, the person its group. Left alone otherwise.
pub(super) fn resolve(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
    // Each title's one holder (`None` where several hold it), made the first time a
    // headline's role asks: a pass over the groups, not one a quote.
    let mut holders: Option<HashMap<&'static str, Option<usize>>> = None;
    for q in quotes.iter_mut() {
        let (Some(sp), Some(cue)) = (q.speaker.as_mut(), q.cue) else {
            continue;
        };
        if sp
            .group
            .is_some_and(|g| ctx.groups[g].kind == EntityKind::Person)
        {
            continue;
        }
        let in_headline = ctx
            .sentence_at(sp.span.start)
            .and_then(|k| ctx.paragraph_of(k))
            .is_some_and(|p| p.headline);
        // A headline drops its articles: "the GOP nominee said" is the body's
        // phrase, which the grouping stage links, with its party.
        let first = ctx.text[sp.span.range()]
            .split_whitespace()
            .next()
            .unwrap_or_default();
        if !in_headline || cue.start < sp.span.end || super::is_determiner(first) {
            continue;
        }
        // The title: the word after the mention, right before the cue; else the
        // mention's last word.
        let next = ctx.token_at(sp.span.end);
        let last = next.saturating_sub(1);
        let role_end = if next < ctx.tokens.len()
            && ctx.tokens[next].span.end <= cue.start
            && ctx.text[ctx.tokens[next].span.end..cue.start]
                .trim()
                .is_empty()
            && crate::groups::title(ctx.tok(next)).is_some()
        {
            next
        } else if ctx.text[sp.span.end..cue.start].trim().is_empty()
            && crate::groups::title(ctx.tok(last)).is_some()
        {
            last
        } else {
            continue;
        };
        let Some(head) = crate::groups::title(ctx.tok(role_end)) else {
            continue;
        };
        let holders = holders.get_or_insert_with(|| title_holders(ctx));
        if let Some(&Some(g)) = holders.get(head) {
            sp.span = Span::new(sp.span.start, ctx.tokens[role_end].span.end);
            sp.entity = None;
            sp.group = Some(g);
        }
    }
}

/// Each title a person was introduced with, and that person's group where only one
/// was (`None` where several were).
fn title_holders(ctx: &Ctx<'_>) -> HashMap<&'static str, Option<usize>> {
    let mut out: HashMap<&'static str, Option<usize>> = HashMap::new();
    for (g, group) in ctx.groups.iter().enumerate() {
        if group.kind != EntityKind::Person {
            continue;
        }
        for r in &group.roles {
            out.entry(r.title())
                .and_modify(|h| {
                    if *h != Some(g) {
                        *h = None;
                    }
                })
                .or_insert(Some(g));
        }
    }
    out
}

/// The most words before a headline's verb: its subject ("Former DNC chairman").
const MAX_SUBJECT_WORDS: usize = 6;

/// Adds the attribution a headline makes without a cue the body's rules read: its
/// subject (a name, or nouns for who speaks), a verb of `headline_verbs.txt` and what
/// follows ("Former DNC chairman calls for Clinton contingency plan", "Black Lawmakers
/// Rip Donald Trump As A ‘Disgusting Fraud.’"): said by the subject, mixed where it holds quotation marks, else
/// indirect; a preposition right after the verb ("for") and a trailing full stop left
/// out, a clause after a semicolon too; not a verb with a particle ("calls off"). Only
/// in a headline that holds no quote yet and opens with no label. The subject names
/// the group of a person or organisation that ends it.
pub(super) fn attributions(ctx: &Ctx<'_>, quotes: &mut Vec<Quote>) {
    let lex = crate::lexicon::lexicon();
    let mut added = false;
    // The quotes found before, to ask of each headline (one a paragraph is added
    // after, inside its own paragraph only).
    let found = SpanIndex::new(quotes.iter().map(|q| q.span));
    for p in ctx
        .paragraphs
        .iter()
        .filter(|p| p.headline && p.label.is_none())
    {
        if found.overlapping(p.span).any(|k| {
            let q = quotes[k].span;
            p.span.contains(q) || q.contains(p.span)
        }) {
            continue;
        }
        let (a, b) = (ctx.token_at(p.span.start), ctx.token_at(p.span.end));
        let verb = (a + 1..b.min(a + 1 + MAX_SUBJECT_WORDS))
            .take_while(|&j| {
                ctx.tok(j)
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-.'’".contains(c))
            })
            .find(|&j| crate::lexicon::find_lower(&lex.headline_verbs, ctx.tok(j)).is_some());
        let Some(v) = verb else { continue };
        // The subject is a name or a noun for who speaks: each word capitalised, a
        // number, or a title or noun for people or bodies ("Former DNC chairman",
        // "E.U. leaders"; not "Meanwhile Ruiz continues her").
        let named = (a..v).all(|j| {
            let w = ctx.tok(j);
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || w == "."
                || crate::groups::title(w).is_some()
                || [
                    &lex.person_nouns,
                    &lex.speaker_nouns,
                    &lex.body_nouns,
                    &lex.role_words,
                ]
                .iter()
                .any(|list| crate::lexicon::find_lower(list, w).is_some())
        });
        if !named {
            continue;
        }
        let mut from = v + 1;
        // A verb with a particle is another verb: "calls off", "backs down".
        if from < b && matches!(ctx.tok(from), "off" | "up" | "out" | "down" | "back" | "in") {
            continue;
        }
        if from < b
            && ["for", "on", "with", "against", "to", "at"]
                .iter()
                .any(|w| ctx.tok(from).eq_ignore_ascii_case(w))
        {
            from += 1;
        }
        if from >= b {
            continue;
        }
        let body = &ctx.text[ctx.tokens[from].span.start..p.span.end];
        let body = body.split(';').next().unwrap_or(body).trim_end();
        let body = body.strip_suffix('.').unwrap_or(body).trim_end();
        if body.is_empty() {
            continue;
        }
        let content = Span::new(
            ctx.tokens[from].span.start,
            ctx.tokens[from].span.start + body.len(),
        );
        let subject = Span::new(ctx.tokens[a].span.start, ctx.tokens[v - 1].span.end);
        // A person or organisation that ends the subject names it ("Senate Democrats"
        // is not; "Galway council" is not Galway's).
        let group = ctx
            .entity_ending_at(subject.end)
            .filter(|(_, e)| {
                subject.contains(e.span)
                    && matches!(e.kind, EntityKind::Person | EntityKind::Organization)
            })
            .and_then(|(_, e)| e.group);
        let marks = super::quoted_spans(&ctx.text[content.range()]);
        quotes.push(Quote {
            span: content,
            kind: if marks.is_empty() {
                super::QuoteKind::Indirect
            } else {
                super::QuoteKind::Mixed
            },
            cue: Some(ctx.tokens[v].span),
            speaker: Some(ctx.speaker(subject, group)),
            parts: Vec::new(),
            quoted: marks
                .iter()
                .map(|s| Span::new(content.start + s.start, content.start + s.end))
                .collect(),
            sureness: super::Sureness::default(),
            confidence: 0.0,
        });
        added = true;
    }
    if added {
        super::in_text_order(quotes);
    }
}
