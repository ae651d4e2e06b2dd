//! Speakers named by what goes with them: a relative pronoun ("the Harbour Board,
//! which said", "a veteran diplomat who described the deal as “reckless”") is the
//! text's mention (PolNeAR marks it as the source as often as the words before it);
//! who it stands for is the name before it, or else the noun phrase before it, which
//! then names the speaker (`Speaker::named`), so that `speaker.name` reads "a veteran
//! diplomat", not "who". A name that owns another's role ("Kane's lawyer, Rita Moss,
//! said") gives way to the one who holds it, and a filing to the person whose words
//! it reports.

use super::ctx::Ctx;
use super::{is_determiner, Quote};
use crate::lexicon::{find_lower, lexicon};
use crate::span::Span;

/// The most words a noun phrase before a relative pronoun holds after its determiner
/// ("a veteran diplomat", "the city's two largest unions").
const MAX_PHRASE_WORDS: usize = 4;

/// Gives each speaker "who", "which" or "that" with no group the one its antecedent
/// names ([`Ctx::antecedent`]: a person or organisation right before its comma); else,
/// for "who" and "which", where a noun phrase that opens with a determiner ends right
/// before it (its comma or dash), the group that phrase refers to
/// ([`Ctx::referred_by`]), else the phrase as the speaker's name ("One of the doctors
/// who", "The union, which").
pub(super) fn resolve(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        let pronoun = &ctx.text[sp.span.range()];
        if sp.group.is_some() || !matches!(pronoun, "who" | "which" | "that") {
            continue;
        }
        let i = ctx.token_at(sp.span.start);
        end_at_main_verb(ctx, q);
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        if let Some(g) = ctx.antecedent(i) {
            sp.group = Some(g);
            continue;
        }
        // "that" as often follows a thing that says nothing ("the polls that showed").
        if pronoun == "that" {
            continue;
        }
        let phrase = phrase_before(ctx, i).filter(|p| pronoun == "which" || names_people(ctx, *p));
        if let Some(phrase) = phrase {
            sp.group = ctx.referred_by(phrase);
            sp.named = sp.group.is_none().then_some(phrase);
        }
    }
}

/// The noun phrase that ends right before token `i` (or before a comma or dash before
/// it): a determiner and at most [`MAX_PHRASE_WORDS`] words, the last in lower case
/// ("a veteran diplomat", "The union"), and "one of", "some of" before it.
fn phrase_before(ctx: &Ctx<'_>, i: usize) -> Option<Span> {
    let mut end = i.checked_sub(1)?;
    if matches!(ctx.tok(end), "," | "--" | "—" | "–") {
        end = end.checked_sub(1)?;
    }
    let last = ctx.tok(end);
    if !last
        .chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        || !last.starts_with(char::is_lowercase)
        || is_determiner(last)
    {
        return None;
    }
    let mut start = end;
    loop {
        let w = ctx.tok(start);
        if is_determiner(w) && start < end {
            break;
        }
        if end - start >= MAX_PHRASE_WORDS
            || start == 0
            || !w.chars().all(char::is_alphanumeric)
            || is_link_word(w)
        {
            return None;
        }
        start -= 1;
    }
    // "One of the doctors", "some of the protesters".
    if start >= 2
        && ctx.tok(start - 1) == "of"
        && [
            "one", "some", "many", "most", "two", "three", "several", "all",
        ]
        .iter()
        .any(|n| ctx.tok(start - 2).eq_ignore_ascii_case(n))
    {
        start -= 2;
    }
    Some(Span::new(
        ctx.tokens[start].span.start,
        ctx.tokens[end].span.end,
    ))
}

/// A word that joins phrases rather than standing in one ("Democrats across the
/// country, who": the country does not speak).
fn is_link_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "with"
            | "across"
            | "from"
            | "among"
            | "as"
            | "for"
            | "to"
            | "by"
            | "about"
            | "and"
            | "or"
            | "but"
            | "than"
            | "into"
            | "over"
    )
}

/// Whether a noun phrase ends in a noun for a person or people: a title, or a noun of
/// `person_nouns.txt` or `speaker_nouns.txt` ("who" of "the discussion" is not it).
fn names_people(ctx: &Ctx<'_>, phrase: Span) -> bool {
    let head = ctx.text[phrase.range()]
        .rsplit(' ')
        .next()
        .unwrap_or_default();
    let lex = lexicon();
    crate::groups::title(head).is_some()
        || find_lower(&lex.person_nouns, head).is_some()
        || find_lower(&lex.speaker_nouns, head).is_some()
}

/// Gives each quote whose speaker is a name that only owns the role of the person
/// named right after it ("Kane's lawyer, Rita Moss, said her client ...": the
/// lawyer speaks, not Kane) that person: the name, "'s", at most three words in lower
/// case, a comma and a person's name.
pub(super) fn owners(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        let after = &ctx.text[sp.span.end..];
        let Some(rest) = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "))
        else {
            continue;
        };
        let Some((role, name)) = rest.split_once(", ") else {
            continue;
        };
        let words = role.split(' ').count();
        if words > 3 || !role.chars().all(|c| c.is_lowercase() || c == ' ') {
            continue;
        }
        let at = ctx.text.len() - name.len();
        if let Some((_, e)) = ctx.entity_at(at) {
            if e.kind == crate::entities::EntityKind::Person && e.span.start == at {
                *sp = ctx.speaker(e.span, e.group);
            }
        }
    }
}

/// Gives each quote in which prosecutors or a filing report someone's words ("The
/// indictment says Kane threatened to “finish the job”") the person who said them: a
/// mixed quote whose speaker ends in a noun of `filing_nouns.txt`, whose clause names
/// a person (or says "he" or "she") right before a verb of `threat_cues.txt`, before
/// its first quoted words. The ranker chose someone else, so its lead for the person
/// is none: the confidence says such words are less surely theirs.
pub(super) fn reported_words(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
    let lex = lexicon();
    for q in quotes.iter_mut() {
        let (Some(sp), Some(first)) = (q.speaker.as_ref(), q.quoted.first()) else {
            continue;
        };
        let last = ctx.text[sp.span.range()]
            .rsplit(' ')
            .next()
            .unwrap_or_default();
        if find_lower(&lex.filing_nouns, last).is_none() {
            continue;
        }
        let (a, b) = (ctx.token_at(q.span.start), ctx.token_at(first.start));
        let verb = (a + 1..b).find(|&j| find_lower(&lex.threat_cues, ctx.tok(j)).is_some());
        let Some(verb) = verb else { continue };
        let before = ctx.tokens[verb - 1].span;
        let person = ctx
            .entity_ending_at(before.end)
            .filter(|(_, e)| e.kind == crate::entities::EntityKind::Person);
        let speaker = match person {
            Some((_, e)) => ctx.speaker(e.span, e.group),
            None if matches!(ctx.tok(verb - 1), "he" | "she" | "He" | "She") => {
                ctx.speaker(before, ctx.resolve(verb - 1))
            }
            None => continue,
        };
        q.speaker = Some(speaker);
        q.sureness.speaker = Some(0.0);
    }
}

/// Ends a mixed quote said in a relative clause where the clause ends: before a verb
/// of speech after its quoted words ("who described the decision as “reckless” said
/// workers ...": what the steward described ends at "said", whose clause is another
/// statement).
fn end_at_main_verb(ctx: &Ctx<'_>, q: &mut Quote) {
    let Some(last) = q.quoted.last() else { return };
    if !q.parts.is_empty() {
        return;
    }
    let (a, b) = (ctx.token_at(last.end), ctx.token_at(q.span.end));
    let verb = (a..b).find(|&j| matches!(ctx.tok(j), "said" | "says" | "told" | "added"));
    if let Some(j) = verb {
        let end = ctx.text[..ctx.tokens[j].span.start]
            .trim_end()
            .trim_end_matches(',')
            .len();
        q.span.end = end.max(last.end);
    }
}
