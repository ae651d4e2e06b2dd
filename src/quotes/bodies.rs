//! Organisations that speak through a pronoun or a noun for themselves: "it said",
//! "the agency added", "the company said", "the statement said". Such a speaker that
//! names no group of its own is given the organisation it stands for, so that
//! `speaker.name` reads "Irish Coast Guard", not "It" or "the statement".

use super::ctx::Ctx;
use super::{Quote, MAX_PRONOUN_REACH};
use crate::entities::{Entity, EntityKind};
use crate::lexicon::{find_lower, lexicon};

/// How many sentences back "it" (or a statement) may find its organisation: the one
/// before at most ("The coast guard said ... “...,” it said"); further back "it" is as
/// often a report, a poll or a plan.
const IT_REACH: usize = 1;

/// Resolves each unresolved speaker "it" or "the NOUN" (a noun of `body_nouns.txt`)
/// whose cue is a verb of `statement_cues.txt` ("said", "announced"):
///
/// - "the statement" is the previous quote's speaker, who made it, if that is an
///   organisation and the quote in its sentence or the one before; else as "it";
/// - "the agency", "the company": the organisation of its kind named last before it,
///   within [`MAX_PRONOUN_REACH`] sentences (see [`organisation_before`]);
/// - "it": the organisation named last before it, in its sentence or the one before.
///
/// Left alone where no such organisation is in reach.
pub(super) fn resolve(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
    // The previous quote's sentence and speaker group, quote by quote in text order.
    let mut previous: Option<(usize, usize)> = None;
    for q in quotes.iter_mut() {
        let sentence = ctx.sentence_at(q.span.start);
        let Some(sp) = q.speaker.as_mut() else {
            previous = None;
            continue;
        };
        // "it said", "the agency announced": a verb of speech (not "it shows").
        let spoken = || {
            q.cue.is_some_and(|c| {
                ctx.text[c.range()]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| find_lower(&lexicon().statement_cues, w).is_some())
            })
        };
        if sp.group.is_none() && spoken() {
            let said = &ctx.text[sp.span.range()];
            let mut words = said.split_whitespace();
            let noun = match (words.next(), words.next(), words.next()) {
                (Some(it), None, None) if it.eq_ignore_ascii_case("it") => Some(None),
                (Some(the), Some(noun), None)
                    if the.eq_ignore_ascii_case("the")
                        && find_lower(&lexicon().body_nouns, noun).is_some() =>
                {
                    Some(Some(noun))
                }
                _ => None,
            };
            if let Some(noun) = noun {
                let statement = noun.is_some_and(|n| n.eq_ignore_ascii_case("statement"));
                // The previous quote's organisation made the statement.
                let maker = previous
                    .filter(|&(_, g)| statement && ctx.groups[g].kind == EntityKind::Organization)
                    .filter(|&(k, _)| sentence.is_some_and(|s| s >= k && s - k <= IT_REACH))
                    .map(|(_, g)| g);
                sp.group = maker.or_else(|| {
                    if statement || noun.is_none() {
                        organisation_before(ctx, sp.span.start, None, IT_REACH)
                    } else {
                        organisation_before(ctx, sp.span.start, noun, MAX_PRONOUN_REACH)
                    }
                });
            }
        }
        previous = sentence.zip(sp.group);
    }
}

/// The group of the organisation named last before byte `at`, in its sentence or the
/// `reach` before it (bylines skipped). For a `noun`, one whose name ends in it ("the
/// authority": "Danish Competition Authority", "the court": "... Court"), else, for a
/// noun of `generic_body_nouns.txt`, one of its kind: a public body for one of
/// `public_bodies.txt` ("the agency": "... Commission"), one that is none for another
/// ("the company": "Danvik Shipping").
fn organisation_before(
    ctx: &Ctx<'_>,
    at: usize,
    noun: Option<&str>,
    reach: usize,
) -> Option<usize> {
    let si = ctx.sentence_at(at)?;
    let from = si.saturating_sub(reach);
    let before = || {
        (from..=si)
            .rev()
            .filter(move |&k| !ctx.is_byline(k))
            .flat_map(move |k| ctx.entities_in(ctx.sentences[k].span).iter().rev())
            .filter(move |e| {
                e.kind == EntityKind::Organization && e.span.end <= at && e.group.is_some()
            })
    };
    let last_word = |e: &Entity| ctx.text[e.span.range()].rsplit(' ').next().unwrap_or("");
    let public = |w: &str| find_lower(&lexicon().public_bodies, w).is_some();
    let generic = |n: &str| find_lower(&lexicon().generic_body_nouns, n).is_some();
    let chosen = match noun {
        Some(n) => before()
            .find(|e| last_word(e).eq_ignore_ascii_case(n))
            .or_else(|| {
                before()
                    .filter(|_| generic(n))
                    .find(|e| public(last_word(e)) == public(n))
            }),
        None => before().next(),
    };
    chosen?.group
}
