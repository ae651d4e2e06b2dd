//! A headline's speaker named by a role: "Harlow Appliances CEO says ...", "Official
//! says ...". A headline names few people; the article names the one who holds the
//! role ("Mara Quist, the chief executive"), and that is who says it.

use super::ctx::Ctx;
use super::Quote;
use crate::entities::EntityKind;
use crate::span::Span;

/// Gives each quote of a headline whose speaker is, or is followed by, a title right
/// before its cue ("Harlow Appliances CEO says", "Official says") the person the
/// article introduces with that title, where exactly one person is: the role phrase
/// becomes the speaker's mention, the person its group. Left alone otherwise.
pub(super) fn resolve(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
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
        let mut holders = ctx.groups.iter().enumerate().filter(|(_, g)| {
            g.kind == EntityKind::Person && g.roles.iter().any(|r| r.title() == head)
        });
        if let (Some((g, _)), None) = (holders.next(), holders.next()) {
            sp.span = Span::new(sp.span.start, ctx.tokens[role_end].span.end);
            sp.entity = None;
            sp.group = Some(g);
        }
    }
}
