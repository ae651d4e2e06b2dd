//! Speakers chosen by a trained ranker: each quote's candidate speakers (the names,
//! pronouns and roles around it, the speaker the rules or the attribution model chose,
//! and "no speaker") are scored by a linear model learned from PolNeAR train, and the
//! best one speaks.
//!
//! Features of a candidate: what it is (person, organisation, place, pronoun, role),
//! whether the rules or model chose it, where it stands relative to the quote and to
//! the cue (before or after, how many tokens away, in which sentence), whether it
//! opens its sentence or sits in an apposition, whether it spoke the quote before, is
//! itself inside quotation marks, or is a possessive; how often its entity is
//! mentioned; and the quote's kind.
//!
//! Cost: for each quote, the mentions of its sentence and the two next to it (at most
//! three times [`crate::sentences::MAX_TOKENS`] tokens), found once for all the quotes
//! of that stretch; of them the nearest `MAX_SIDE` (12) on each side are candidates,
//! each compared with the others by binary search: a constant per quote, linear in the
//! text.

use super::{Ctx, Quote, QuoteKind, Speaker};
use crate::span::{partition_point_near, Span};
use crate::tagger::{FeatureHasher, Weights};

/// Hash bits of the ranker's feature table.
pub const BITS: u32 = 12;

/// What a candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MentionKind {
    Person,
    Organization,
    Place,
    Pronoun,
    Role,
    /// A source the attribution model tagged that is none of the mentions above.
    Source,
}

/// A possible speaker in the text.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub speaker: Speaker,
    pub kind: MentionKind,
    /// A name followed by "'s": a modifier ("Putin's spokesman"), seldom the speaker.
    pub possessive: bool,
}

/// One quote's candidates: each one's features, `None` standing for "no speaker".
pub struct Candidates {
    /// The candidates' speakers (`None`: the quote has none).
    pub speakers: Vec<Option<Speaker>>,
    /// Each candidate's feature ids.
    pub feats: Vec<Feats>,
}

/// The most features of one candidate.
const MAX_FEATS: usize = 21;

/// One candidate's feature ids, held in place: a list of its own for each candidate was
/// an allocation each, and a line of short quotes has millions of candidates.
#[derive(Clone, Copy)]
pub struct Feats {
    ids: [u32; MAX_FEATS],
    len: usize,
}

impl Feats {
    fn of(ids: &[u32]) -> Self {
        let mut f = Feats {
            ids: [0; MAX_FEATS],
            len: ids.len(),
        };
        f.ids[..ids.len()].copy_from_slice(ids);
        f
    }

    fn push(&mut self, id: u32) {
        self.ids[self.len] = id;
        self.len += 1;
    }
}

impl std::ops::Deref for Feats {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        &self.ids[..self.len]
    }
}

fn model() -> Option<&'static Weights> {
    static MODEL: std::sync::OnceLock<Option<Weights>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| compiled(include_bytes!("../../models/speakers.bin"), BITS))
        .as_ref()
}

/// A ranking model compiled in (this ranker's or the keep model's): its weights, if
/// `bytes` hold a table of `2^bits` with one score per candidate.
pub(super) fn compiled(bytes: &[u8], bits: u32) -> Option<Weights> {
    let (w, b) = crate::tagger::load(bytes)?;
    (b == bits && w.tags == 1).then_some(w)
}

/// A distance in the attribution tagger's steps ([`super::attribution::bucket`]), as a
/// feature value.
fn bucket(d: usize) -> u64 {
    u64::from(super::attribution::bucket(d))
}

/// The ranker's lead where it had one candidate only: as sure as it gets.
const MARGIN_ALONE: f32 = 100.0;

/// Re-chooses the speaker of each of `quotes` (in text order) with the compiled ranker.
pub(super) fn rerank(ctx: &Ctx<'_>, quotes: &mut [Quote]) {
    let Some(w) = model() else { return };
    let mut nearby = Nearby::default();
    for k in 0..quotes.len() {
        // A transcript turn is said by its label ("HOST: ..."), as is a paragraph of
        // the transcript that goes on without one; a turn whose label names no one
        // ("VIDEO: ...") stays no one's; a quote signed after a dash
        // ("“...” ― Maria Lopez, 34, Texas") by its signature, whatever is around.
        let q = quotes[k].span;
        let fixed = quotes[k].speaker.as_ref().is_some_and(|s| {
            let label = ctx.text[s.span.end..].starts_with(':')
                && !ctx.text[s.span.range()].chars().any(char::is_lowercase);
            (s.span.end <= q.start && (label || ctx.text[s.span.end..q.start].trim() == ":"))
                || (q.end <= s.span.start
                    && super::SIGNATURE_DASHES.contains(&ctx.text[q.end..s.span.start].trim()))
        });
        let no_one = quotes[k].speaker.is_none() && {
            // A label is short: its line starts within 48 bytes (reading back to the
            // line's start would cost a long one-line text dear, quote by quote).
            let mut from = q.start.saturating_sub(48);
            while !ctx.text.is_char_boundary(from) {
                from -= 1;
            }
            let before = &ctx.text[from..q.start];
            let line = before.rsplit('\n').next().unwrap_or_default();
            (from == 0 || line.len() < before.len())
                && line.trim_end().ends_with(':')
                && crate::words::is_all_caps(line)
        };
        if fixed || no_one || ctx.labelled(&quotes[k]) {
            continue;
        }
        let c = candidates(ctx, quotes, k, &mut nearby);
        // The best candidate (the first of equals) and how far it leads the next.
        let (mut best, mut top, mut next) = (None, f32::NEG_INFINITY, f32::NEG_INFINITY);
        for (i, f) in c.feats.iter().enumerate() {
            let s = w.score(f);
            if s > top {
                (best, top, next) = (Some(i), s, top);
            } else if s > next {
                next = s;
            }
        }
        if let Some(i) = best {
            let chosen = apposed_name(ctx, &c.speakers, i);
            quotes[k].speaker = described(c.speakers[0].as_ref(), chosen);
            quotes[k].sureness.speaker = Some(if next.is_finite() {
                top - next
            } else {
                MARGIN_ALONE
            });
        }
    }
}

/// The `chosen` speaker; but where that is a role, a pronoun or a plural that the
/// quote's first speaker begins with and describes further ("Analysts" of "Analysts at
/// Harwick Capital", "A spokesman" of "A spokesman for the farmers' union"), the same
/// speaker described so.
fn described(first: Option<&Speaker>, chosen: Option<Speaker>) -> Option<Speaker> {
    let (Some(first), Some(c)) = (first, chosen.as_ref()) else {
        return chosen;
    };
    let more =
        c.entity.is_none() && first.span.start == c.span.start && first.span.end > c.span.end;
    if more {
        Some(Speaker {
            span: first.span,
            ..c.clone()
        })
    } else {
        chosen
    }
}

/// The most bytes between two mentions in apposition.
const MAX_APPOSITION_GAP: usize = 64;

/// `values`, given in order but (with `first_apart`) the first, put where it belongs.
fn in_order<T: Ord + Copy>(mut values: Vec<T>, first_apart: bool) -> Vec<T> {
    if first_apart && !values.is_empty() {
        let first = values.remove(0);
        let at = values.partition_point(|v| *v < first);
        values.insert(at, first);
    }
    debug_assert!(values.windows(2).all(|w| w[0] <= w[1]));
    values
}

/// Whether mention `y` follows mention `x` with no more than a comma between.
fn apposed(text: &str, x: Span, y: Span) -> bool {
    x.end <= y.start
        && y.start - x.end <= MAX_APPOSITION_GAP
        && matches!(text[x.end..y.start].trim(), "" | ",")
}

/// Where the mentions in apposition after one that ends at `at` may start
/// ([`apposed`]): from `at` to the returned byte, across white space and at most one
/// comma.
fn apposition_after(text: &str, at: usize) -> usize {
    let mut comma = false;
    let mut end = at;
    for (k, c) in text[at..].char_indices() {
        if k > MAX_APPOSITION_GAP || !(c.is_whitespace() || (c == ',' && !comma)) {
            break;
        }
        comma |= c == ',';
        end = at + k + c.len_utf8();
    }
    end.min(at + MAX_APPOSITION_GAP)
}

/// Where the mentions in apposition before one that starts at `at` may end: from the
/// returned byte to `at` ([`apposition_after`] looking back).
fn apposition_before(text: &str, at: usize) -> usize {
    let mut comma = false;
    let mut start = at;
    for (k, c) in text[..at].char_indices().rev() {
        if at - k > MAX_APPOSITION_GAP || !(c.is_whitespace() || (c == ',' && !comma)) {
            break;
        }
        comma |= c == ',';
        start = k;
    }
    start
}

/// [`apposed`], or with a short phrase on a preposition and a comma between ("a
/// spokeswoman for the senator, Hannah Brooks"): for naming a role's speaker only (as
/// a ranker feature it scored lower on dev).
fn apposed_described(text: &str, x: Span, y: Span) -> bool {
    if apposed(text, x, y) {
        return true;
    }
    if x.end > y.start {
        return false;
    }
    let between = text[x.end..y.start].trim();
    between.len() <= 40
        && between.ends_with(',')
        && !between[..between.len() - 1].contains(',')
        && ["for ", "of ", "at ", "to "]
            .iter()
            .any(|p| between.starts_with(p))
}

/// `speakers[i]`; but where that is a name that qualifies a role just before it ("a
/// senior aide to Reyes"), the role; and where it is a role that names no one, the
/// person's name in apposition to it ("A UN spokeswoman, Stéphanie Tremblay,", "Lena
/// Ortiz, a spokeswoman for the union,"): the same speaker, by name.
fn apposed_name(ctx: &Ctx<'_>, speakers: &[Option<Speaker>], i: usize) -> Option<Speaker> {
    let s = speakers[i].as_ref()?;
    if s.entity.is_some() {
        // "a senior aide to Reyes": the name qualifies a role before it, which speaks.
        let role = speakers.iter().flatten().find(|r| {
            r.entity.is_none()
                && r.span.end <= s.span.start
                && matches!(
                    ctx.text[r.span.end..s.span.start].trim(),
                    "to" | "of" | "for" | "at" | "with" | "from"
                )
        });
        return role.or(Some(s)).cloned();
    }
    if s.group.is_some() {
        return Some(s.clone());
    }
    speakers
        .iter()
        .flatten()
        .find(|p| {
            p.entity
                .is_some_and(|e| ctx.entities[e].kind == crate::entities::EntityKind::Person)
                && (apposed_described(ctx.text, s.span, p.span)
                    || apposed(ctx.text, p.span, s.span))
        })
        .or(Some(s))
        .cloned()
}

/// How many mentions on each side of a quote are its candidates, the nearest: in a line
/// of short quotes whose sentences do not end ("“a,” Ann said. “a,” Ann said. ..." is
/// read in sentences of 256 tokens), each quote had a hundred candidates or more. Over
/// PolNeAR dev and train, CoNLL-2003 dev, GUM dev and the test articles no speaker
/// changes at 12 (at 8, two do).
const MAX_SIDE: usize = 12;

/// The mentions of a stretch of sentences, kept while the quotes in it are ranked one
/// after another (a sentence of fifty quotes read its stretch fifty times).
#[derive(Default)]
pub(crate) struct Nearby {
    range: Option<(usize, usize)>,
    mentions: Vec<Mention>,
    /// Each mention's place.
    places: Vec<Place>,
}

/// Where a mention is (its first token, the token after it, its sentence) and what does
/// not change from one quote to the next: the hash of a pronoun's or role's words, and
/// whether it stands inside a quote.
#[derive(Clone, Copy)]
struct Place {
    first: usize,
    end: usize,
    sentence: usize,
    word: u64,
    in_quotes: bool,
}

impl Place {
    /// The place of `m`, near `quotes[k]`, token `token` and sentence `sentence` (its
    /// sentence when it has none).
    fn of(
        ctx: &Ctx<'_>,
        (quotes, k): (&[Quote], usize),
        m: &Mention,
        token: usize,
        sentence: usize,
    ) -> Self {
        let span = m.speaker.span;
        let first = ctx.token_at_near(span.start, token);
        let word = if matches!(m.kind, MentionKind::Pronoun | MentionKind::Role) {
            crate::words::word_hash(&ctx.text[span.range()].to_lowercase())
        } else {
            0
        };
        Place {
            first,
            end: ctx.token_at_near(span.end, first),
            sentence: ctx
                .sentence_at_near(span.start, sentence)
                .unwrap_or(sentence),
            word,
            in_quotes: inside_quote(quotes, k, span),
        }
    }
}

/// The candidate speakers of `quotes[k]` and their features; the first candidate is
/// the speaker the quote has now (or "none"). `nearby` keeps the mentions read for
/// the quote before.
#[allow(clippy::too_many_lines)] // one feature list, read top to bottom
pub(crate) fn candidates(
    ctx: &Ctx<'_>,
    quotes: &[Quote],
    k: usize,
    nearby: &mut Nearby,
) -> Candidates {
    let h = FeatureHasher::new(BITS);
    let q = &quotes[k];
    let span = q.span;
    let (Some(s0), Some(s1)) = (
        ctx.sentence_at(span.start),
        ctx.sentence_at(span.end.saturating_sub(1)),
    ) else {
        return Candidates {
            speakers: vec![q.speaker.clone()],
            feats: vec![Feats::of(&[h.id_of(0, 0)])],
        };
    };
    let sentences = ctx.sentences;
    let here = sentences[s0].paragraph;
    // The sentences around: one before (in this paragraph or the one before) and one
    // after (in this paragraph).
    let from = if s0 > 0 && sentences[s0 - 1].paragraph + 1 >= here {
        s0 - 1
    } else {
        s0
    };
    let to = if s1 + 1 < sentences.len() && sentences[s1 + 1].paragraph == sentences[s1].paragraph {
        s1 + 1
    } else {
        s1
    };
    let (a, b) = (sentences[from].tokens.start, sentences[to].tokens.end);
    let qa = ctx.token_at_near(span.start, a);
    let qb = ctx.token_at_near(span.end, qa);
    if nearby.range != Some((a, b)) {
        nearby.mentions = ctx.mentions(a, b, false);
        // Each searched for from the one before: they are in text order.
        let mut last = (a, from);
        nearby.places = nearby
            .mentions
            .iter()
            .map(|m| {
                let p = Place::of(ctx, (quotes, k), m, last.0, last.1);
                last = (p.first, p.sentence);
                p
            })
            .collect();
        nearby.range = Some((a, b));
    }
    // The mentions outside the quote, the nearest MAX_SIDE on each side (in text order,
    // none overlapping another: those before end in order, those after start in order).
    let all = &nearby.mentions;
    let before = all.partition_point(|m| m.speaker.span.end <= span.start);
    let after = before + all[before..].partition_point(|m| m.speaker.span.start < span.end);
    let near =
        (before.saturating_sub(MAX_SIDE)..before).chain(after..(after + MAX_SIDE).min(all.len()));
    let mut mentions: Vec<(Mention, Place)> =
        near.map(|i| (all[i].clone(), nearby.places[i])).collect();
    let chosen = q.speaker.as_ref();
    if let Some(c) = chosen {
        if !mentions.iter().any(|(m, _)| m.speaker.span == c.span) {
            let m = Mention {
                speaker: c.clone(),
                kind: MentionKind::Source,
                possessive: false,
            };
            let place = Place::of(ctx, (quotes, k), &m, a, s0);
            mentions.push((m, place));
        }
    }
    // The chosen one first, then in text order (as they are).
    if let Some(i) =
        chosen.and_then(|c| mentions.iter().position(|(m, _)| m.speaker.span == c.span))
    {
        mentions[..=i].rotate_right(1);
    }
    debug_assert!(mentions
        .iter()
        .skip(usize::from(chosen.is_some()))
        .map(|(m, _)| m.speaker.span.start)
        .is_sorted());
    let (mentions, places): (Vec<Mention>, Vec<Place>) = mentions.into_iter().unzip();
    let cue = q.cue.map(|c| {
        let ca = ctx.token_at_near(c.start, qa);
        (ca, ctx.token_at_near(c.end, ca))
    });
    let prev = k
        .checked_sub(1)
        .map(|p| &quotes[p])
        .filter(|p| {
            ctx.sentence_at(p.span.start)
                .is_some_and(|s| sentences[s].paragraph + 2 >= here)
        })
        .and_then(|p| p.speaker.as_ref());
    // ", saying ...": a participle's speaker is its clause's subject, seldom the
    // nearest mention ("Ruiz attacked Hale ..., saying").
    let participle =
        cue.is_some_and(|(ca, _)| ca > 0 && ctx.tok(ca - 1) == "," && ctx.tok(ca).ends_with("ing"));
    let kind = match q.kind {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Mixed => 2,
        QuoteKind::Indirect => 3,
    };
    let sentence_of: Vec<usize> = places.iter().map(|p| p.sentence).collect();
    // The mentions by sentence and start, their starts and their ends, in order: a
    // sentence may hold hundreds, and each is compared with the others by binary search.
    // They are in text order but the chosen one, first (no sort: a sort of each kind
    // is some kilobytes of wasm).
    let first_apart = chosen.is_some();
    let by_sentence = in_order(
        mentions
            .iter()
            .zip(&sentence_of)
            .map(|(m, &s)| (s, m.speaker.span.start))
            .collect(),
        first_apart,
    );
    let starts = in_order(
        mentions.iter().map(|m| m.speaker.span.start).collect(),
        first_apart,
    );
    let ends = in_order(
        mentions.iter().map(|m| m.speaker.span.end).collect(),
        first_apart,
    );
    let mut speakers = Vec::with_capacity(mentions.len() + 1);
    let mut feats = Vec::with_capacity(mentions.len() + 1);
    // Mentions on each side of the cue, nearest first, to rank them.
    let mut order: Vec<(u64, usize)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let (ma, mb) = (places[mi].first, places[mi].end);
        let t = m.kind as u64;
        let is_chosen = chosen.is_some_and(|c| c.span == m.speaker.span);
        let overlaps_chosen = chosen.is_some_and(|c| {
            c.span.start < m.speaker.span.end && m.speaker.span.start < c.span.end
        });
        let (side, dist) = if mb <= qa {
            (0, qa - mb)
        } else {
            (1, ma.saturating_sub(qb))
        };
        let (cue_side, cue_gap) = match cue {
            None => (2, 0),
            Some((ca, _)) if mb <= ca => (0, ca - mb),
            Some((_, cb)) => (1, ma.saturating_sub(cb)),
        };
        let sm = sentence_of[mi];
        let rel: u64 = if sm < s0 {
            0
        } else if sm > s1 {
            2
        } else {
            1
        };
        let before = ma
            .checked_sub(1)
            .filter(|&i| i >= sentences[sm].tokens.start)
            .map_or(0, |i| match ctx.tok(i) {
                "," => 1,
                _ if ctx.is_cue(i) => 2,
                "\"" | "“" | "”" => 3,
                // "an aide to Reyes", "the head of the union": a name that qualifies.
                "to" | "of" | "for" | "at" | "with" | "from" | "in" | "by" | "on" => 5,
                _ => 4,
            });
        let after = if mb < sentences[sm].tokens.end {
            match ctx.tok(mb) {
                "," => 1,
                _ if ctx.is_cue(mb) => 2,
                "\"" | "“" | "”" => 3,
                _ => 4,
            }
        } else {
            0
        };
        // How many mentions of its sentence come before it (0, 1, 2 or more).
        let at = by_sentence.partition_point(|&o| o < (sm, m.speaker.span.start));
        let first_in_sentence = by_sentence[..at]
            .iter()
            .rev()
            .take(2)
            .take_while(|&&(so, _)| so == sm)
            .count() as u64;
        let same_as_prev = prev.is_some_and(|p| {
            p.span == m.speaker.span || (p.group.is_some() && p.group == m.speaker.group)
        });
        let in_quotes = places[mi].in_quotes;
        let mentions_of = m
            .speaker
            .group
            .map_or(0, |g| bucket(ctx.groups[g].mentions.len()).min(4) + 1);
        let word = places[mi].word;
        // In apposition: a mention right after this one, or right before, with no
        // more than a comma between ("A UN spokeswoman, Stéphanie Tremblay,").
        let (ms, me) = (m.speaker.span.start, m.speaker.span.end);
        let (reach_after, reach_before) = (
            apposition_after(ctx.text, me),
            apposition_before(ctx.text, ms),
        );
        let apposition = u64::from(
            starts.partition_point(|&s| s < me) < starts.partition_point(|&s| s <= reach_after),
        ) | (u64::from(
            ends.partition_point(|&e| e < reach_before) < ends.partition_point(|&e| e <= ms),
        ) << 1);
        let gap = bucket(cue_gap);
        let small = |xs: &[u64]| xs.iter().fold(0u64, |acc, x| (acc << 8) ^ x);
        let f = Feats::of(&[
            h.id_of(1, t),
            h.id_of(
                2,
                small(&[t, u64::from(is_chosen), u64::from(overlaps_chosen)]),
            ),
            h.id_of(3, small(&[t, side, bucket(dist)])),
            h.id_of(4, small(&[t, cue_side, gap])),
            h.id_of(5, small(&[t, rel])),
            h.id_of(6, small(&[t, kind])),
            h.id_of(7, small(&[t, first_in_sentence])),
            h.id_of(8, small(&[t, before, after])),
            h.id_of(9, small(&[t, u64::from(m.possessive)])),
            h.id_of(10, small(&[t, u64::from(same_as_prev)])),
            h.id_of(11, small(&[t, u64::from(in_quotes)])),
            h.id_of(12, small(&[t, mentions_of])),
            h.id_of(13, word),
            h.id_of(14, small(&[t, cue_side, gap, rel, side])),
            h.id_of(
                15,
                small(&[kind, u64::from(cue.is_some()), u64::from(is_chosen)]),
            ),
            h.id_of(16, small(&[u64::from(is_chosen), cue_side, gap])),
            h.id_of(18, small(&[t, before, cue_side, gap])),
            h.id_of(19, small(&[t, apposition])),
            h.id_of(24, small(&[t, apposition, u64::from(is_chosen)])),
            h.id_of(
                25,
                small(&[t, u64::from(participle), first_in_sentence, cue_side]),
            ),
        ]);
        order.push((cue_side * 100 + cue_gap.min(99) as u64, feats.len()));
        speakers.push(Some(m.speaker.clone()));
        feats.push(f);
    }
    // How near the cue each is among those on its side.
    order.sort_unstable();
    let mut rank = 0u64;
    for (i, &(key, at)) in order.iter().enumerate() {
        if i > 0 && key / 100 != order[i - 1].0 / 100 {
            rank = 0;
        }
        let t = mentions[at].kind as u64;
        feats[at].push(h.id_of(17, (t << 16) ^ ((key / 100) << 8) ^ rank.min(3)));
        rank += 1;
    }
    // "No speaker".
    let none = Feats::of(&[
        h.id_of(20, 0),
        h.id_of(21, (kind << 8) ^ u64::from(cue.is_some())),
        h.id_of(22, u64::from(chosen.is_none())),
        h.id_of(23, bucket(mentions.len())),
    ]);
    if chosen.is_none() {
        speakers.insert(0, None);
        feats.insert(0, none);
    } else {
        speakers.push(None);
        feats.push(none);
    }
    Candidates { speakers, feats }
}

/// Whether `span`, near `quotes[k]`, lies inside one of `quotes` (in text order) that
/// is not reported speech.
fn inside_quote(quotes: &[Quote], k: usize, span: Span) -> bool {
    let i = partition_point_near(quotes, k, |q| q.span.start <= span.start);
    quotes[..i]
        .iter()
        .rev()
        .take(2)
        .any(|q| q.kind != QuoteKind::Indirect && span.end <= q.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Speakers of each quote of `text`, by the default analysis.
    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        let doc = crate::analyze(text);
        doc.quotes
            .iter()
            .map(|q| {
                (
                    doc.str(q.span).to_owned(),
                    q.speaker.as_ref().map(|s| doc.str(s.span).to_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn the_compiled_ranker_loads() {
        assert!(model().is_some());
    }

    #[test]
    fn a_role_speaks_not_the_name_that_qualifies_it() {
        let got = speakers(
            "Governor Tom Reyes was unmoved.\n\n\"It is a bluff,\" a senior aide to Reyes said.",
        );
        assert_eq!(
            got,
            [(
                "\"It is a bluff,\"".to_owned(),
                Some("a senior aide".to_owned())
            )]
        );
    }

    #[test]
    fn a_participle_speaks_as_its_clause_subject() {
        for (text, want) in [
            (
                "Senator Ana Ruiz attacked Governor Tom Hale over the budget, saying it was \
                 \"a disgrace to the state.\"",
                "Ana Ruiz",
            ),
            (
                "Mayor Ines Varga thanked Kestrel Shipping for the new ferry, saying the \
                 firm had kept its word.",
                "Mayor Ines Varga",
            ),
        ] {
            // Each quote (the first text's partial quote and the reported clause
            // that holds it) is the subject's.
            let got = speakers(text);
            assert!(!got.is_empty(), "{text}");
            for (_, s) in &got {
                assert!(s.as_deref().is_some_and(|s| s.ends_with(want)), "{got:?}");
            }
        }
    }

    #[test]
    fn a_role_in_apposition_speaks_by_its_name() {
        let got = speakers(
            "A union spokeswoman, Lena Ortiz, said the vote was \"a last resort.\"\n\n\
             \"Nobody wants this,\" the spokeswoman said.",
        );
        // The reported clause (its partial quote inside), the direct quote.
        let names: Vec<Option<&str>> = got.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            names[0].is_some_and(|n| n.ends_with("Lena Ortiz")),
            "{got:?}"
        );
        let got = speakers("\"The vote is a last resort,\" said a union spokeswoman, Lena Ortiz.");
        assert_eq!(got[0].1.as_deref(), Some("Lena Ortiz"), "{got:?}");
    }

    #[test]
    fn a_dash_signature_keeps_its_quote() {
        // The ranker chose "Texas" over the signature.
        let got = speakers("“Fear is what I feel.” ― Maria Lopez, 34, Texas");
        assert_eq!(
            got,
            [(
                "“Fear is what I feel.”".to_owned(),
                Some("Maria Lopez".to_owned())
            )]
        );
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    proptest::proptest! {
        /// The reach of an apposition either way is where [`apposed`] holds: each
        /// mention is compared with its neighbours by binary search on it.
        #[test]
        fn apposition_reaches_as_far_as_apposed_holds(
            text in "[a ,\u{a0}é\n]{0,90}",
            at in 0usize..90,
        ) {
            let at = at.min(text.len());
            proptest::prop_assume!(text.is_char_boundary(at));
            let (after, before) = (apposition_after(&text, at), apposition_before(&text, at));
            for p in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                if p >= at {
                    let y = Span::new(p, p + 1);
                    proptest::prop_assert_eq!(apposed(&text, Span::new(0, at), y), p <= after);
                }
                if p <= at {
                    let x = Span::new(p.saturating_sub(1), p);
                    proptest::prop_assert_eq!(apposed(&text, x, Span::new(at, at + 1)), p >= before);
                }
            }
        }
    }
}
