//! Stage 5: quotations and who said them.
//!
//! 1. Quoted spans: straight and curly marks, with single quotes nested inside double
//!    ones, and a quote that runs over paragraphs (a paragraph that opens with a mark
//!    and does not close continues into a next paragraph that opens with one).
//! 2. Each quote's kind: *direct* when it opens its sentence or clause with a capital
//!    (a whole utterance), *mixed* when a lower-case quote follows its cue straight away
//!    ("warned that \"we will respond\""), *partial* for a few quoted words inside a
//!    reported sentence. A partial quote with no cue at all is a scare quote and is left
//!    out.
//! 3. Indirect speech: a sentence without quotation marks whose subject is a name,
//!    pronoun or role and whose verb is a cue ("officials said that ...", "..., she
//!    said", "according to ...").
//! 4. Cue and speaker: a cue verb after the quote ("...," Biden told reporters / said
//!    Peskov) or before it (Psaki said Biden was "..."); the speaker is the name,
//!    pronoun or role next to the cue. A pronoun or role is resolved to the group of
//!    the person it most likely refers to (the nearest person before it in its own
//!    sentence, else the first person of an earlier sentence). A direct quote with no
//!    cue that follows a quote of the paragraph before takes that quote's speaker.
//! 5. A paragraph that opens with a speaker's label and a colon is said by the label:
//!    a headline ("Okoye: Bridge repairs ‘will not wait’ ...") or a transcript's
//!    turn ("REYLAND: Is the tram plan finished?").
//!
//! Cost: linear in the text. The quoted spans are one walk that jumps from one mark
//! or line break to the next (a quote left open ends with its paragraph unless the
//! next one reopens it). Each quote then reads its own sentences and fixed windows
//! around them: the last cue word before it in a table made once per token, a cue
//! after it within 6 to 14 tokens, a signature or a label within a few hundred bytes;
//! a sentence holds at most [`crate::sentences::MAX_TOKENS`] tokens, so a pass over
//! one costs a constant. Quotes meet each other through span indexes and binary
//! searches, never a pass over all of them. The learned step reads units of at most
//! [`crate::attribution::MAX_UNIT_TOKENS`] tokens; the speaker ranker reads a quote's
//! sentence and its two neighbours ([`speakers`]); the keep model a quote and the
//! words next to it ([`keep`]).

use crate::entities::{is_all_caps, Entity, EntityKind};
use crate::groups::Group;
use crate::lexicon::lexicon;
use crate::options::QuoteMode;
use crate::sentences::Sentence;
use crate::span::{partition_point_near, Span, SpanIndex};
use crate::tokens::{Token, TokenKind};
use serde::Serialize;

pub mod keep;
pub mod speakers;

/// What kind of quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// A whole utterance in quotation marks.
    Direct,
    /// A few quoted words inside a reported sentence.
    Partial,
    /// Reported speech that is quoted from its cue on.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteKind {
    /// The kind as the output spells it ("direct", "partial", "mixed", "indirect").
    pub const fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Who a quote is attributed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The mention in the text ("Biden", "he", "the spokesman").
    pub span: Span,
    /// The mention's entity, when it is one.
    pub entity: Option<usize>,
    /// The group it resolves to, when it names or refers to one.
    pub group: Option<usize>,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, with their quotation marks when there are any.
    pub span: Span,
    /// What kind of quotation.
    pub kind: QuoteKind,
    /// The words that mark it as speech ("said", "told reporters", "according to").
    pub cue: Option<Span>,
    /// Who said it, when the text tells.
    pub speaker: Option<Speaker>,
    /// The pieces in quotation marks when its cue interrupts it ("“We won,” she said,
    /// “and we will win again.”"), in order; `span` then runs from the first piece's
    /// start to the last one's end, cue included. Empty for a quote in one piece.
    pub parts: Vec<Span>,
    /// The speaker's own words inside a mixed quote, each with its quotation marks
    /// (“dead on arrival” in "said the plan was “dead on arrival” unless ..."), in order.
    /// Empty for the other kinds.
    pub quoted: Vec<Span>,
}

impl Quote {
    /// Its pieces in order: those in quotation marks of a quote its cue interrupts
    /// (`parts`), else the quote itself.
    pub fn pieces(&self) -> &[Span] {
        if self.parts.is_empty() {
            std::slice::from_ref(&self.span)
        } else {
            &self.parts
        }
    }
}

/// How many sentences back a pronoun or role may find the person it refers to.
const MAX_PRONOUN_REACH: usize = 6;

/// A cue verb whose listener follows it ("told reporters", "assured investors that").
fn takes_listener(w: &str) -> bool {
    matches!(
        w,
        "told" | "tells" | "telling" | "assured" | "informed" | "reminded"
    )
}

/// A pronoun that may speak ("he", "They").
fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "we" | "I" | "He" | "She" | "They" | "We"
    )
}

/// Whether quoted words are no speech, whatever cue is near: a title in capitals
/// ("“Evening Roundup”", "“Ask the Mayor.”"), or one run of characters with a
/// digit, slash or at sign (a tweet's number, a handle, a link).
fn no_speech(quoted: &str) -> bool {
    let inner = quoted.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let words: Vec<&str> = inner.split_whitespace().collect();
    if let [one] = words.as_slice() {
        return one.contains(|c: char| c.is_ascii_digit() || matches!(c, '/' | '@'));
    }
    const SMALL: &[&str] = &[
        "of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "with",
    ];
    words
        .iter()
        .all(|w| SMALL.contains(w) || w.starts_with(|c: char| c.is_uppercase()))
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// Whether quoted words are a transcript's note in parentheses ("(CROSSTALK.)",
/// "(APPLAUSE)"), not speech.
fn stage_direction(quoted: &str) -> bool {
    let inner = quoted
        .trim_matches(|c: char| c.is_whitespace() || QUOTE_CHARS.contains(c))
        .trim_end_matches('.');
    inner.len() > 2
        && inner.starts_with('(')
        && inner.ends_with(')')
        && !inner[1..inner.len() - 1].contains(['(', ')'])
}

/// `said` without the stage directions in capitals that close it, and the space
/// before them: a transcript's "Then we start again. (LAUGHTER.)" is "Then we start
/// again." ("(APPLAUSE)", "(CROSSTALK)"; not a party and state such as "(R-IN)").
fn without_stage_directions(said: &str) -> &str {
    let mut out = said.trim_end();
    while let Some(open) = out.strip_suffix(')').and_then(|s| s.rfind('(')) {
        let inner = &out[open + 1..out.len() - 1];
        let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
        let direction = letters >= 4
            && inner
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | ',' | '!'));
        if !direction || out[..open].trim_end().is_empty() {
            break;
        }
        out = out[..open].trim_end();
    }
    out
}

/// A determiner that may open a role ("the spokesman", "a White House official").
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "The"
            | "A"
            | "An"
            | "His"
            | "Her"
            | "Its"
            | "Their"
    )
}

/// An auxiliary verb ("has", "was", "will"), in any case.
fn is_auxiliary(w: &str) -> bool {
    lexicon()
        .auxiliaries
        .contains(w.to_ascii_lowercase().as_str())
}

/// Finds the quotations in a document whose earlier stages are done, with `model`.
pub fn find_quotes(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    groups: &[Group],
    model: QuoteMode,
) -> Vec<Quote> {
    let ctx = Ctx::new(text, tokens, sentences, entities, groups);
    let quotes = found(&ctx, model);
    // The keep model judges what it was trained on: the default's findings.
    if model != QuoteMode::All {
        return quotes;
    }
    keep::filter(&ctx, quotes)
}

/// The quotes `model` finds, each with its speaker, before the learned model of which
/// reported clauses to keep ([`keep`]) has its say.
pub(crate) fn found(ctx: &Ctx<'_>, model: QuoteMode) -> Vec<Quote> {
    let mut quotes = find_unranked(ctx, model);
    if model != QuoteMode::Rules {
        speakers::rerank(ctx, &mut quotes);
    }
    quotes.retain(is_attributed_or_quoted);
    for q in &mut quotes {
        if let Some(sp) = &mut q.speaker {
            sp.span = ctx.without_end_punct(sp.span);
        }
    }
    within_clauses(ctx, join_interrupted(ctx, quotes))
}

/// A partial quote inside a mixed one is part of it, not a quote of its own: "said the
/// plan was “dead on arrival” unless ..." is one statement, the reported clause (as
/// PolNeAR annotates it), and the quoted words in it are the speaker's own, which the
/// mixed quote lists in `quoted`. Listing both gave one statement twice (dev
/// ATTRIBUTION 58.18 -> 60.68, QUOTED 61.27 -> 67.05). A partial quote with no clause
/// found around it stays.
fn within_clauses(ctx: &Ctx<'_>, mut quotes: Vec<Quote>) -> Vec<Quote> {
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
    }
    quotes
}

/// Whether a quote is kept: words in quotation marks always, reported speech only with
/// someone reporting it. A reported clause with no speaker is rarely speech ("plans to
/// ...", a clause after a lone cue-like word; in PolNeAR dev 6 of 42 were), and who
/// said what has nothing to show for it.
fn is_attributed_or_quoted(q: &Quote) -> bool {
    q.kind != QuoteKind::Indirect || q.speaker.is_some()
}

/// Joins the pieces of a quote that its cue interrupts ("“We won,” she said, “and we
/// will win again.”", or a full stop after the cue) into one quote in parts: two quotes
/// of one kind (direct, partial or mixed) in one paragraph, the first one's cue between
/// them and no other cue word ("she said, adding ..." starts another attribution), the
/// second one said by the same speaker (or by no one named, or on the same cue).
fn join_interrupted(ctx: &Ctx<'_>, mut quotes: Vec<Quote>) -> Vec<Quote> {
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
                    && crate::attribution::cues().grade_of(ctx.tok(i)) >= 4)
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

/// The quotations, each with the speaker the rules (and the attribution model) chose.
pub(crate) fn find_unranked(ctx: &Ctx<'_>, model: QuoteMode) -> Vec<Quote> {
    let (text, tokens, sentences, entities) = (ctx.text, ctx.tokens, ctx.sentences, ctx.entities);
    let mut quotes: Vec<Quote> = Vec::new();
    let mut quoted_sentences = vec![false; sentences.len()];
    let (spans, labels) = transcript_turns(text, quoted_spans(text));
    debug_assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    // Headlines and transcript turns opened by a speaker's label: the quotation marks
    // inside are the label's words, not quotes of their own.
    // Built the first time a label asks (most texts have none).
    let surnames = std::cell::OnceCell::new();
    let labelled = ctx.labelled_paragraphs(&spans, &surnames);
    for q in &labelled {
        if let Some(r) = ctx.sentences_of(q.span) {
            quoted_sentences[r].fill(true);
        }
    }
    let labelled_at = SpanIndex::new(labelled.iter().map(|q| q.span));
    for (k, &span) in spans.iter().enumerate() {
        let label = labels.get(k).copied().flatten();
        if labelled_at
            .overlapping(span)
            .any(|k| labelled[k].span.contains(span))
        {
            continue;
        }
        if stage_direction(&text[span.range()]) {
            continue; // "(CROSSTALK.)", "(APPLAUSE)": a transcript's note, no one's words
        }
        if let Some(label) = label {
            // "OKOYE: Not before May.": a turn of a quoted transcript, said by its label;
            // "VIDEO: ..." (a label with a word of `not_speaker_labels.txt`) names no one.
            if let Some(r) = ctx.sentences_of(span) {
                quoted_sentences[r].fill(true);
            }
            let no_one = crate::lexicon::names_no_one(&text[label.range()]);
            quotes.push(Quote {
                span,
                kind: QuoteKind::Direct,
                cue: None,
                speaker: (!no_one).then(|| ctx.label_speaker(label, &surnames)),
                parts: Vec::new(),
                quoted: Vec::new(),
            });
            continue;
        }
        let Some(s0) = ctx.sentence_at(span.start) else {
            continue;
        };
        let s1 = ctx.sentence_at(span.end - 1).unwrap_or(s0);
        for flag in &mut quoted_sentences[s0..=s1] {
            *flag = true;
        }
        let first = ctx.token_at(span.start);
        let kind = ctx.quote_kind(span, s0, first);
        let prev = quotes.last().filter(|p| p.kind == QuoteKind::Direct);
        let prev_s1 = prev.and_then(|p| ctx.sentence_at(p.span.end - 1));
        // "“We are closer,” Tremblay said, “but not close enough.”": a quote that goes on
        // after its cue is direct too.
        let kind = if kind != QuoteKind::Direct && prev_s1 == Some(s0) && ctx.after_comma(first) {
            QuoteKind::Direct
        } else {
            kind
        };
        // A cue after with its speaker, else one before, else one after without.
        let after = ctx.cue_after(span, s1);
        let mut attribution = if after.as_ref().is_some_and(|(_, sp)| sp.is_some()) {
            after
        } else {
            ctx.cue_before(first, s0).or(after)
        };
        if attribution.is_none() && kind == QuoteKind::Direct {
            if let Some(sp) = ctx.dash_signature(span) {
                attribution = Some((None, Some(sp)));
            } else if let Some(a) = ctx.cue_nearby(s0, s1) {
                attribution = Some(a);
            } else if ctx.after_colon(first) {
                // "... opened the session with a warning: "..."": the sentence's subject.
                let s = &sentences[s0];
                attribution = Some((None, ctx.candidate_in(s.tokens.start, first, true)));
            } else if no_speech(&text[span.range()]) {
                // A title with no cue near ("'Harbour Lights at Dusk.'", a show, a
                // book): no one's words, even in a run of quotes (PolNeAR train: 49 of
                // 60 such were no attribution or another speaker's).
                continue;
            } else if let Some(p) = prev {
                // A run of quotes: the speaker of the quote just before, in the same or
                // the previous paragraph, speaks on.
                let par = prev_s1.map(|s| sentences[s].paragraph);
                let here = sentences[s0].paragraph;
                if par.is_some_and(|q| q == here || q + 1 == here) {
                    attribution = Some((None, p.speaker.clone()));
                }
            }
        }
        if kind == QuoteKind::Partial && (attribution.is_none() || no_speech(&text[span.range()])) {
            continue; // a scare quote, a title, a handle or a number
        }
        let (cue, speaker) = attribution.unwrap_or((None, None));
        quotes.push(Quote {
            span,
            kind,
            cue,
            speaker,
            parts: Vec::new(),
            quoted: Vec::new(),
        });
    }
    quotes.extend(labelled);
    for (si, _) in sentences
        .iter()
        .enumerate()
        .filter(|(i, _)| !quoted_sentences[*i])
    {
        let mut from = 0;
        while let Some((q, next)) = ctx.indirect(si, from) {
            quotes.push(q);
            if next <= from {
                break;
            }
            from = next;
        }
    }
    if model == QuoteMode::Rules {
        in_text_order(&mut quotes);
        return quotes;
    }
    // The sentences the learned tagger reads: with quotation marks or a likely cue
    // word (`All`), or with quotation marks only (`Quoted`).
    let reach = model;
    let settled = |q: &Quote| {
        q.speaker.is_some() && matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial)
            || ctx.labelled(q)
    };
    // The tokens whose speech the rules have attributed (the direct quotes they settled
    // and their cues): the model's findings on them would be dropped below, so it reads
    // a sentence only for quotation marks or a likely cue elsewhere ("..." said Ana
    // Ruiz, and warned that ...). A settled partial quote claims nothing: the model's
    // clause around it is kept.
    let mut claimed = vec![false; tokens.len()];
    for q in quotes
        .iter()
        .filter(|q| settled(q) && q.kind == QuoteKind::Direct || ctx.labelled(q))
    {
        for s in std::iter::once(q.span).chain(q.cue) {
            claimed[ctx.token_at(s.start)..ctx.token_at(s.end)].fill(true);
        }
    }
    // The learned attributions (quoted or reported speech as PolNeAR annotates it).
    let mut learned: Vec<Quote> =
        crate::attribution::find(text, tokens, sentences, entities, &spans, reach, &claimed)
            .into_iter()
            .filter_map(|f| ctx.learned_quote(&f))
            .filter(|l| ctx.cue_grade(l.cue) >= 3 && !ctx.relative_clause(l))
            .collect();
    if learned.is_empty() {
        // Nothing to weigh against the rules' quotes (nor to index them for: 64 bytes a
        // quote, in a text of 400,000 quotes 28 MB).
        in_text_order(&mut quotes);
        return quotes;
    }
    // The rules' quotes, and their cues, indexed by span: a text of many quotes
    // compares each learned one with its neighbours only.
    let by_span = SpanIndex::new(quotes.iter().map(|q| q.span));
    let mut before: Vec<Quote> = learned
        .iter_mut()
        .filter_map(|l| ctx.split_participle(l))
        .collect();
    learned.append(&mut before);
    for l in &mut learned {
        // Where the model found no source, a rule quote inside the content may know
        // the speaker (a run of quotes, a colon, a cue in the next sentence): the first
        // such in the rules' order.
        if l.speaker.is_none() {
            let inside = by_span
                .overlapping(l.span)
                .filter(|&k| quotes[k].speaker.is_some() && l.span.contains(quotes[k].span))
                .min();
            if let Some(r) = inside.map(|k| &quotes[k]) {
                l.speaker.clone_from(&r.speaker);
                l.cue = l.cue.or(r.cue);
            }
        }
    }
    // A direct or partial quote that the rules attributed stays as they found it (the
    // quoted words, not PolNeAR's whole clause around them), and its cue is taken; a
    // learned attribution is kept where it overlaps no such quote, and replaces the
    // rules' other quotes it overlaps. But a learned clause that holds a settled
    // partial quote and more (more than a few bytes: not the quoted words and their
    // marks alone) is kept beside it, as what was reported: "said the plan was “dead
    // on arrival” unless ..." gives the quoted words (partial) and the clause (mixed),
    // PolNeAR's attribution (dev ATTRIBUTION 56.52 -> 58.13, QUOTED 57.71 -> 61.27).
    let cues = SpanIndex::with_positions(
        quotes
            .iter()
            .enumerate()
            .filter_map(|(k, q)| Some((q.cue?, k)))
            .collect(),
    );
    learned.retain(|l| {
        let on_settled = |k: usize| {
            let q = &quotes[k];
            settled(q)
                && !(q.kind == QuoteKind::Partial
                    && l.span.contains(q.span)
                    && l.span.len() > q.span.len() + 3)
        };
        !(by_span.overlapping(l.span).any(on_settled)
            || l.cue.is_some_and(|c| cues.overlapping(c).any(on_settled)))
    });
    let by_learned = SpanIndex::new(learned.iter().map(|l| l.span));
    quotes.retain(|q| settled(q) || by_learned.overlapping(q.span).next().is_none());
    quotes.extend(learned);
    in_text_order(&mut quotes);
    quotes
}

/// Sorts `quotes` by start and end, stably, with a list of positions rather than the
/// half-list of quotes a stable sort takes as room (a text of 400,000 quotes needed
/// 30 MB of it).
fn in_text_order(quotes: &mut [Quote]) {
    let key = |q: &Quote| (q.span.start, q.span.end);
    if quotes.is_sorted_by_key(key) {
        return;
    }
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| key(&quotes[i]));
    // Position `j` takes the quote at `order[j]`: each cycle of the permutation in
    // turn, by swaps; a position done points at itself.
    for i in 0..quotes.len() {
        let mut j = i;
        while order[j] != i {
            let k = order[j];
            quotes.swap(j, k);
            order[j] = j;
            j = k;
        }
        order[j] = j;
    }
}

/// The characters that may mark a quotation (the scorer's set: straight and curly,
/// single and double, guillemets and low marks).
const QUOTE_CHARS: &str = "\"“”„‟«»‘’‚‛'`";

/// The dashes that sign a quote ("“...” ― Ana Ruiz") or end a dateline ("WASHINGTON — ").
const SIGNATURE_DASHES: [&str; 4] = ["―", "—", "–", "--"];

/// The length of the double quotation mark that opens `s`, if one does: “, „, «, a
/// straight " or two straight apostrophes ('' as some archives print “).
fn opening_double_mark(s: &str) -> Option<usize> {
    if s.starts_with("''") {
        return Some(2);
    }
    s.chars()
        .next()
        .filter(|c| matches!(c, '"' | '“' | '„' | '«'))
        .map(char::len_utf8)
}

/// The start of `s`, at most `bytes` long (less where a char would be cut): how far
/// a look ahead reaches, so that a text of one long line is not read to its end from
/// every quote.
fn at_most(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The end of `s`, at most `bytes` long (less where a char would be cut): how far a
/// look back reaches.
fn last_at_most(s: &str, bytes: usize) -> &str {
    let mut start = s.len().saturating_sub(bytes);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The turns of quoted transcripts: a quote whose paragraphs open with a speaker's
/// label in capitals ("\"HOST: ...", "\"OKOYE: ...") is cut into one quote per
/// paragraph, each without its label, and the label's span is returned beside it
/// (`None` for every other quote). Where no quote is cut, `spans` come back as they
/// are, with no labels at all (the labels are empty, not a list of `None`).
fn transcript_turns(text: &str, spans: Vec<Span>) -> (Vec<Span>, Vec<Option<Span>>) {
    let turn = |at: usize| -> Option<(Span, usize)> {
        let from = at + opening_double_mark(&text[at..])?;
        // A label is at most 30 bytes: look no further for its colon.
        let (colon, said) = crate::lexicon::label_colon(&text[from..], 32)?;
        let label = &text[from..from + colon];
        let caps = label.chars().filter(char::is_ascii_uppercase).count();
        let ok = (2..=30).contains(&label.len())
            && caps >= 2
            && label
                .chars()
                .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
        ok.then(|| (Span::new(from, from + colon), from + said))
    };
    // Paragraph starts inside a quote: its own start, and each line's first character
    // after the opening mark; the search for the next line break goes on from there
    // (from each break of a run of blank lines, it read the whole run again).
    let starts = |span: Span| {
        let body = &text[span.range()];
        let mut from = 0;
        std::iter::once(span.start).chain(std::iter::from_fn(move || {
            let k = from + body[from..].find('\n')?;
            let rest = &body[k..];
            let par = rest.trim_start();
            from = k + (rest.len() - par.len());
            (!par.is_empty()).then_some(span.start + from)
        }))
    };
    let mut out = Vec::new();
    let mut labels = Vec::new();
    let mut cut = false;
    for (n, &span) in spans.iter().enumerate() {
        if !starts(span).any(|a| turn(a).is_some()) {
            if cut {
                out.push(span);
                labels.push(None);
            }
            continue;
        }
        if !cut {
            out.extend_from_slice(&spans[..n]);
            labels.resize(n, None);
            cut = true;
        }
        let turns: Vec<_> = starts(span).map(|a| (a, turn(a))).collect();
        for (k, &(a, t)) in turns.iter().enumerate() {
            let end = turns
                .get(k + 1)
                .map_or(span.end, |&(b, _)| text[..b].trim_end().len());
            match t {
                Some((label, from)) if from < end => {
                    let said = without_stage_directions(&text[from..end]);
                    out.push(Span::new(from, from + said.len()));
                    labels.push(Some(label));
                }
                _ if a < end => {
                    out.push(Span::new(a, end));
                    labels.push(None);
                }
                _ => {}
            }
        }
    }
    if cut {
        (out, labels)
    } else {
        (spans, labels)
    }
}

/// Of `spans` in text order, none overlapping another (as [`quoted_spans`] gives
/// them), those that overlap `span`, by binary search.
fn in_order_overlapping(spans: &[Span], span: Span) -> &[Span] {
    let a = spans.partition_point(|s| s.end <= span.start);
    let b = spans.partition_point(|s| s.start < span.end);
    &spans[a..b.max(a)]
}

/// Spans of quoted text, marks included, outermost quotes only, in text order and
/// none overlapping another.
pub(crate) fn quoted_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // The open outer quote: its start and whether it is double.
    let mut open: Option<(usize, bool)> = None;
    let mut single_inside = false;
    // Where a reopening mark was skipped: the character there counts the line break
    // before it as its previous character.
    let mut resume = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only line breaks, straight marks and the first bytes of curly marks and
    // guillemets (U+2018-201E, U+00AB, U+00BB) can matter: jump from one to the next.
    while let Some(k) = bytes[i..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'"' | b'\'' | 0xE2 | 0xC2))
    {
        i += k;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let here = i;
        i += c.len_utf8();
        if !matches!(
            c,
            '\n' | '"' | '\'' | '“' | '”' | '„' | '‘' | '’' | '«' | '»'
        ) {
            continue;
        }
        let prev = if here == resume && here > 0 {
            '\n'
        } else {
            text[..here].chars().next_back().unwrap_or(' ')
        };
        let next = text[i..].chars().next().unwrap_or(' ');
        // Two straight apostrophes are one double mark, as some archives print “ and ”
        // (''We will,'' she said): read as '"', with the character after the pair next.
        let (c, next) = if c == '\'' && next == '\'' {
            i += 1;
            ('"', text[i..].chars().next().unwrap_or(' '))
        } else {
            (c, next)
        };
        match c {
            '\n' => {
                if let Some((start, _)) = open {
                    // Open at a paragraph end: continue only where the next paragraph
                    // opens with a mark; else the quote ends here.
                    let rest = &text[here..];
                    let next_par = rest.trim_start();
                    if let Some(mark_len) = opening_double_mark(next_par) {
                        // Skip to the reopening mark, which does not open a new quote.
                        let skip = rest.len() - next_par.len();
                        i = here + skip + mark_len;
                        resume = i;
                    } else {
                        let end = text[..here].trim_end().len();
                        if end > start {
                            out.push(Span::new(start, end));
                        }
                        open = None;
                    }
                    single_inside = false;
                }
            }
            '“' | '„' | '«' if open.is_none() => open = Some((here, true)),
            // A closing mark that opens (after a space, before a word) and an opening
            // one that closes (after a word, before a space or line end): marks typed
            // the wrong way round, as on some phones.
            '”' if open.is_none() && prev.is_whitespace() && next.is_alphanumeric() => {
                open = Some((here, true));
            }
            // A closing mark closes a double quote; so does an opening one typed the
            // wrong way round (after a word, before a space or the end).
            '”' | '»' | '“'
                if open.is_some_and(|(_, d)| d)
                    && (c != '“'
                        || (!prev.is_whitespace()
                            && (next.is_whitespace() || i == text.len()))) =>
            {
                let (start, _) = open.take().expect("checked open");
                out.push(Span::new(start, i));
                single_inside = false;
            }
            '"' => match open {
                None if !prev.is_alphanumeric() || prev == ' ' => open = Some((here, true)),
                Some((start, true)) => {
                    if prev.is_whitespace() && next.is_alphanumeric() {
                        // A straight mark after a space that opens: the last one never closed.
                        open = Some((here, true));
                    } else {
                        out.push(Span::new(start, i));
                        open = None;
                    }
                    single_inside = false;
                }
                _ => {}
            },
            '‘' | '\'' if !prev.is_alphanumeric() && next.is_alphabetic() => {
                if open.is_none() {
                    open = Some((here, false));
                } else {
                    single_inside = true;
                }
            }
            '’' | '\'' if !next.is_alphanumeric() && !prev.is_whitespace() => {
                if single_inside {
                    single_inside = false;
                } else if let Some((start, false)) = open {
                    out.push(Span::new(start, i));
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((start, double)) = open {
        // An unclosed double quote runs to the end of the text; an unclosed single
        // quote was an apostrophe.
        let end = text.trim_end().len();
        if double && end > start + 1 {
            out.push(Span::new(start, end));
        }
    }
    out
}

pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [Sentence],
    entities: &'a [Entity],
    pub(crate) groups: &'a [Group],
    /// Per token: [`CUE`] for a cue word, [`ACCORDING_TO`] for the "according" of
    /// "according to", else 0; looked up once, as the rules ask of many tokens, and
    /// of the same ones again for each quote of a sentence.
    cues: Vec<u8>,
    /// The role phrases the grouping stage linked, each with its group, in the groups'
    /// order, and an index of their spans.
    references: (Vec<(Span, usize)>, SpanIndex),
}

/// A cue word ([`Ctx::is_cue`]).
const CUE: u8 = 1;
/// "according" before "to" ([`Ctx::according_to`]).
const ACCORDING_TO: u8 = 2;

/// Person groups by the lower-cased last word of their names ([`Ctx::surnames`]).
type Surnames = crate::lexicon::HashMap<String, usize>;

/// A cue and a speaker, either of which may be missing.
type Attribution = (Option<Span>, Option<Speaker>);

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        entities: &'a [Entity],
        groups: &'a [Group],
    ) -> Self {
        let tok = |i: usize| tokens.get(i).map(|t| &text[t.span.range()]);
        let cues = (0..tokens.len())
            .map(|i| {
                if matches!(tok(i), Some("according" | "According")) && tok(i + 1) == Some("to") {
                    ACCORDING_TO
                } else if tokens[i].kind == TokenKind::Word
                    && tok(i).is_some_and(|w| lexicon().cues.contains(w))
                {
                    CUE
                } else {
                    0
                }
            })
            .collect();
        let linked: Vec<(Span, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.references.iter().map(move |&s| (s, g)))
            .collect();
        let index = SpanIndex::new(linked.iter().map(|(s, _)| *s));
        let references = (linked, index);
        Ctx {
            text,
            tokens,
            sentences,
            entities,
            groups,
            cues,
            references,
        }
    }

    /// The group a role phrase at `span` refers to, as the grouping stage linked it
    /// (the first such group).
    fn referred_by(&self, span: Span) -> Option<usize> {
        let (linked, index) = &self.references;
        index
            .overlapping(span)
            .filter(|&k| linked[k].0 == span)
            .min()
            .map(|k| linked[k].1)
    }

    /// A learned attribution as a quote: its kind from the quotation marks in it, its
    /// speaker the name, pronoun or role in its source (resolved like the rules').
    /// `None` for what is no attribution in the product's sense: content read after
    /// "according to" (that is the source).
    fn learned_quote(&self, f: &crate::attribution::Found) -> Option<Quote> {
        // The cue as the rules extend it ("told reporters", "according to", "said in a
        // statement"), where the extension stays clear of the content.
        let cue = f.cue.map(|c| {
            let wide = self.cue_span(self.token_at(c.start));
            let clear = wide.end <= f.content.start || wide.start >= f.content.end;
            if wide.end > c.end && clear {
                Span::new(c.start, wide.end)
            } else {
                c
            }
        });
        let mut content = f.content;
        if let Some(c) = cue {
            // "According to the coastguard, the crew ...": the source between is what
            // "according to" introduces, and the content after it is what they said.
            let source_between = f
                .source
                .is_some_and(|s| s.start >= c.end && s.end <= content.start);
            if self.according_to(self.token_at(c.start))
                && content.start >= c.start
                && !source_between
            {
                return None;
            }
        }
        // "said that the plan ...": what was said starts after "that".
        let first = self.token_at(content.start);
        let after_that = self.tok(first).eq_ignore_ascii_case("that");
        if after_that {
            if let Some(next) = self
                .tokens
                .get(first + 1)
                .filter(|t| t.span.end <= content.end)
            {
                content = Span::new(next.span.start, content.end);
            }
        }
        // "said Wednesday the plan ...": the day is when it was said, not what.
        if let Some((_, e)) = self
            .entity_at(content.start)
            .filter(|(_, e)| matches!(e.kind, EntityKind::Date | EntityKind::Time))
        {
            let next = self.token_at(e.span.end);
            if let Some(t) = self.tokens.get(next).filter(|t| t.span.end < content.end) {
                content = Span::new(t.span.start, content.end);
            }
        }
        let inside = quoted_spans(&self.text[content.range()]);
        let body = self.text[content.range()].trim_end_matches(['.', ',', ' ']);
        let kind = if inside.is_empty() {
            QuoteKind::Indirect
        } else if inside.len() == 1
            && inside[0].start == 0
            && content.start + inside[0].end >= content.start + body.len()
        {
            // "warned that "every week ..."": quoted from the cue on, lower case, is
            // reported speech in the speaker's words (mixed), as the rules call it.
            let lower = self.text[content.range()]
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_lowercase);
            if after_that && lower {
                QuoteKind::Mixed
            } else {
                QuoteKind::Direct
            }
        } else {
            QuoteKind::Mixed
        };
        // The speaker is the whole source ("a senior campaign official"); its entity
        // and group those of the name, pronoun or role in it, or for a relative
        // pronoun ("Ana Ruiz, who said ...") the name it follows.
        let speaker = f.source.map(|s| {
            let (a, b) = (self.token_at(s.start), self.token_at(s.end));
            let named = self.candidate_in(a, b, false);
            Speaker {
                span: s,
                entity: named.as_ref().and_then(|n| n.entity),
                group: named
                    .and_then(|n| n.group)
                    .or_else(|| (b == a + 1).then(|| self.antecedent(a)).flatten()),
            }
        });
        Some(Quote {
            span: content,
            kind,
            cue,
            speaker,
            parts: Vec::new(),
            quoted: Vec::new(),
        })
    }

    /// The group of the name a relative pronoun at token `i` follows ("Ana Ruiz, who",
    /// "the Harbour Board, which"): a person or organisation that ends right before its
    /// comma (without one, "a man close to Ruiz who" speaks for the man). An
    /// organisation that ends a description ("Ana Ruiz, the head of the Harbour Board,
    /// who") gives way to the person described.
    fn antecedent(&self, i: usize) -> Option<usize> {
        if i < 2 || !matches!(self.tok(i), "who" | "which" | "that") || self.tok(i - 1) != "," {
            return None;
        }
        let end = self.tokens[i - 2].span.end;
        let k = self.entities.partition_point(|e| e.span.end < end);
        let e = self.entities.get(k).filter(|e| {
            e.span.end == end && matches!(e.kind, EntityKind::Person | EntityKind::Organization)
        })?;
        let mut first = self.token_at(e.span.start);
        if first > 0 && matches!(self.tok(first - 1), "the" | "a" | "an") {
            first -= 1;
        }
        let described = e.kind == EntityKind::Organization
            && first > 0
            && matches!(
                self.tok(first - 1),
                "of" | "for" | "at" | "from" | "with" | "on" | "in"
            );
        // The person before the description: "Ana Ruiz, the head of".
        let described_person = || {
            let p = self.entities[..k]
                .iter()
                .rev()
                .find(|p| p.kind == EntityKind::Person)?;
            let between = &self.text[p.span.end..e.span.start];
            let apposition = between.starts_with(", ")
                && between.matches(',').count() == 1
                && between.len() <= 80;
            apposition.then_some(p.group).flatten()
        };
        if described {
            described_person().or(e.group)
        } else {
            e.group
        }
    }

    /// Whether learned reported speech hangs on a relative clause the tagger took for a
    /// cue and its content: "... ending a dispute that had run for two years", "the
    /// rumours that have circulated ...": the cue ends in a noun after a determiner, and
    /// "that" follows it with an auxiliary where a reported clause would have its
    /// subject ("the claim that the plan was ...").
    fn relative_clause(&self, q: &Quote) -> bool {
        let Some(cue) = q.cue else { return false };
        let noun = self.token_at(cue.end).saturating_sub(1);
        q.kind == QuoteKind::Indirect
            && noun > 0
            && noun + 2 < self.tokens.len()
            && self.tok(noun + 1).eq_ignore_ascii_case("that")
            && is_determiner(self.tok(noun - 1))
            && is_auxiliary(self.tok(noun + 2))
    }

    /// How likely the cue's main word is part of a cue ([`crate::attribution::Cues`]),
    /// auxiliaries aside ("has used" is graded by "used"); 0 without a cue.
    fn cue_grade(&self, cue: Option<Span>) -> u8 {
        let Some(cue) = cue else { return 0 };
        let a = self.token_at(cue.start);
        self.tokens[a..]
            .iter()
            .take_while(|t| t.span.end <= cue.end)
            .map(|t| &self.text[t.span.range()])
            .filter(|w| !is_auxiliary(w))
            .map(|w| crate::attribution::cues().grade_of(w))
            .max()
            .unwrap_or(0)
    }

    /// "... ordered an invasion, saying Russia wants ...": where reported content holds
    /// a comma and a participle that is a likely cue, what was said is what follows it
    /// ("that" aside), and the participle is the cue; after ", according to" it is what
    /// comes before, and what follows is the source. What comes before a participle,
    /// where the content's own cue reports it ("said the plan would work, adding that
    /// ..."), is returned as a quote of its own.
    fn split_participle(&self, l: &mut Quote) -> Option<Quote> {
        if l.kind != QuoteKind::Indirect {
            return None;
        }
        let a = self.token_at(l.span.start);
        let b = self.tokens.partition_point(|t| t.span.start < l.span.end);
        let k = (a + 1..b.saturating_sub(2)).find(|&k| {
            let w = self.tok(k);
            self.tok(k - 1) == ","
                && w.ends_with("ing")
                && crate::attribution::cues().grade_of(w) >= 4
        })?;
        let c = if self.tok(k + 1).eq_ignore_ascii_case("that") && k + 2 < b {
            k + 2
        } else {
            k + 1
        };
        if self.according_to(k) {
            // "..., according to a statement from the office": what comes before is
            // what was said, what comes after is the source.
            if k + 2 < b {
                let source = Span::new(self.tokens[k + 2].span.start, l.span.end);
                let named = self.candidate_in(k + 2, b, false);
                l.speaker = Some(Speaker {
                    span: source,
                    entity: named.as_ref().and_then(|n| n.entity),
                    group: named.and_then(|n| n.group),
                });
            }
            l.cue = Some(Span::new(
                self.tokens[k].span.start,
                self.tokens[k + 1].span.end,
            ));
            l.span = Span::new(l.span.start, self.tokens[k - 2].span.end);
            return None;
        }
        let before =
            (k >= a + 3 && l.cue.is_some_and(|c| self.reports_a_clause(c, l.span))).then(|| {
                Quote {
                    span: Span::new(l.span.start, self.tokens[k - 2].span.end),
                    ..l.clone()
                }
            });
        l.cue = Some(self.tokens[k].span);
        l.span = Span::new(self.tokens[c].span.start, l.span.end);
        before
    }

    /// Whether `cue`, before `content`, is a verb of speech or thought that reports
    /// a clause ("said the plan would work", "told reporters the ferry was safe"), not
    /// an act with an object ("ordered an invasion") or a preposition ("called for").
    fn reports_a_clause(&self, cue: Span, content: Span) -> bool {
        let (a, b) = (self.token_at(cue.start), self.token_at(cue.end));
        cue.end <= content.start
            && b > a
            && (a..b).any(|i| self.tok_in(i, &lexicon().cues))
            && !matches!(
                self.tok(b - 1),
                "for" | "to" | "on" | "about" | "of" | "over" | "with" | "in" | "at"
            )
    }

    fn tok(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span.range()]
    }

    /// "“...” ― Ana Ruiz": a name after a dash that follows the quote on its
    /// line signs it.
    fn dash_signature(&self, span: Span) -> Option<Speaker> {
        // The rest of the quote's line, as far as a signature may reach (not the whole
        // line: a text of one long line would be read again for every quote).
        let near = at_most(&self.text[span.end..], 300);
        let line = &near[..near.find('\n').unwrap_or(near.len())];
        let after = line.trim_start();
        if !SIGNATURE_DASHES.iter().any(|d| after.starts_with(d)) {
            return None;
        }
        let dash = after.chars().next()?;
        let line_end = span.end + line.len();
        let a = self.token_at(span.end + (line.len() - after.len()) + dash.len_utf8());
        let b = self
            .tokens
            .partition_point(|t| t.span.start < line_end)
            .min(a + 6);
        self.candidate_in(a, b, true).filter(|sp| {
            sp.entity
                .is_some_and(|e| self.entities[e].kind == EntityKind::Person)
        })
    }

    /// The paragraphs outside quotation marks that open with a speaker's label and a
    /// colon, each as a quote with the colon as its cue and the label's speaker:
    /// - a headline ("Okoye: Bridge repairs ‘will not wait’ for the budget"), said or
    ///   reported by a person named in the article, an organisation the article names,
    ///   or a source noun ("Poll:", "IG report:"); its kind from its words: direct in
    ///   the first person, mixed with words in quotation marks, indirect else;
    /// - a transcript's turn ("REYLAND: Is the tram plan finished?", "Okafor: Not yet."),
    ///   direct, said by a person the article names or, where at least two turns of
    ///   the article have one, by a label in capitals.
    ///
    /// `quoted` are the quoted spans: a paragraph inside one or with one that runs
    /// out of it is left to the quotation rules, as is a text after the colon that
    /// opens with a quotation mark. Labels with a word of `not_speaker_labels.txt`
    /// ("The Latest:", "Editor's Note:") and lists ("Ohio: Ann Lee, Bo Park, ...")
    /// are no one's.
    fn labelled_paragraphs(
        &self,
        quoted: &[Span],
        surnames: &std::cell::OnceCell<Surnames>,
    ) -> Vec<Quote> {
        /// A label is at most this many bytes and words.
        const MAX_LABEL: usize = 45;
        const MAX_WORDS: usize = 6;
        let text = self.text;
        // Each with whether its label is one in capitals that no person of the article
        // answers: such turns count only where there are two or more.
        let mut out: Vec<(Quote, bool)> = Vec::new();
        let mut headline = true;
        // The span of a slice of `text` (the lines, labels and words below are).
        let span_of = |s: &str| {
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            Span::new(start, start + s.len())
        };
        for line in crate::lexicon::lines_of(text) {
            let par = line.trim();
            if par.is_empty() {
                continue;
            }
            let par_span = span_of(par);
            let at = par_span.start;
            let is_headline = std::mem::replace(&mut headline, false);
            // The label's colon, then a space (a byte scan: most lines have none).
            let Some((colon, said)) = crate::lexicon::label_colon(par, MAX_LABEL + 1) else {
                continue;
            };
            if in_order_overlapping(quoted, par_span)
                .iter()
                .any(|q| !par_span.contains(*q))
            {
                continue;
            }
            let label = &par[..colon];
            let rest = par[said..].trim();
            let words: Vec<&str> = label.split_whitespace().collect();
            let rest_words = rest.split_whitespace().count();
            let opens_with_mark = rest.starts_with(|c: char| QUOTE_CHARS.contains(c));
            if words.is_empty()
                || words.len() > MAX_WORDS
                || label
                    .chars()
                    .any(|c| c.is_ascii_digit() || QUOTE_CHARS.contains(c))
                || rest_words < 4
                || rest.matches(',').count() > 4
                || opens_with_mark
            {
                continue;
            }
            let lex = lexicon();
            let named = |w: &str| {
                w.starts_with(char::is_uppercase)
                    || matches!(w, "of" | "at" | "on" | "for" | "and" | "to" | "&")
            };
            if !words.iter().all(|w| named(w)) || crate::lexicon::names_no_one(label) {
                continue;
            }
            let label_span = span_of(label);
            // The last word of the label that is a person's surname: the label up to
            // it ("Okoye" of "Okoye on the Bridge", "Transport Chair Ruth Okoye").
            let person = words.iter().rev().find_map(|w| {
                let w = w.trim_end_matches(['.', ',']);
                let g = self.person_named(w, surnames)?;
                Some((Span::new(at, span_of(w).end), g))
            });
            let speaker = if let Some((span, g)) = person {
                Some(self.speaker(span, Some(g)))
            } else if is_headline {
                let org = self.groups.iter().position(|g| {
                    g.kind == EntityKind::Organization
                        && label.len() >= g.name.len()
                        && label.is_char_boundary(label.len() - g.name.len())
                        && label[label.len() - g.name.len()..].eq_ignore_ascii_case(&g.name)
                });
                let last = words[words.len() - 1].trim_end_matches('.');
                let source = [last, last.strip_suffix('s').unwrap_or(last)]
                    .iter()
                    .any(|w| {
                        crate::lexicon::find_lower(&lex.speaker_nouns, w).is_some()
                            || crate::lexicon::find_lower(&lex.titles, w).is_some()
                    });
                (org.is_some() || source).then(|| self.speaker(label_span, org))
            } else {
                None
            };
            let cue = Some(Span::new(at + colon, at + colon + 1));
            if !is_headline {
                let turn = Quote {
                    span: span_of(without_stage_directions(rest)),
                    kind: QuoteKind::Direct,
                    cue,
                    speaker: speaker.clone(),
                    parts: Vec::new(),
                    quoted: Vec::new(),
                };
                if speaker.is_some() {
                    out.push((turn, false));
                } else if is_all_caps(label)
                    && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
                {
                    let speaker = Some(self.label_speaker(label_span, surnames));
                    out.push((Quote { speaker, ..turn }, true));
                }
                continue;
            }
            let Some(speaker) = speaker else { continue };
            let first_person = rest.split(|c: char| !c.is_alphanumeric()).any(|w| {
                matches!(
                    w,
                    "I" | "me" | "Me" | "my" | "My" | "we" | "We" | "our" | "Our"
                )
            });
            let kind = if first_person {
                QuoteKind::Direct
            } else if !quoted_spans(rest).is_empty() {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            // A headline's closing full stop is no part of what was said.
            let said = if rest.ends_with(|c: char| QUOTE_CHARS.contains(c)) {
                rest
            } else {
                rest.trim_end_matches(['.', ';', ' '])
            };
            let quote = Quote {
                span: span_of(said),
                kind,
                cue,
                speaker: Some(speaker),
                parts: Vec::new(),
                quoted: Vec::new(),
            };
            out.push((quote, false));
        }
        let caps_turns = out.iter().filter(|(_, caps)| *caps).count();
        out.into_iter()
            .filter(|(_, caps)| !caps || caps_turns >= 2)
            .map(|(q, _)| q)
            .collect()
    }

    /// The person groups by the last word of their names, lower-cased ("tapper"): of
    /// several, the one with the fullest name (a headline's "Okoye" is a group of its
    /// own before the article names "Ruth Okoye"), the first of those.
    fn surnames(&self) -> Surnames {
        let mut out = Surnames::default();
        for (i, g) in self.groups.iter().enumerate() {
            let Some(last) = g.name.rsplit(' ').next() else {
                continue;
            };
            if g.kind != EntityKind::Person || last.chars().count() < 2 {
                continue;
            }
            let words = |k: usize| self.groups[k].name.split(' ').count();
            out.entry(last.to_lowercase())
                .and_modify(|k| {
                    if words(i) > words(*k) {
                        *k = i;
                    }
                })
                .or_insert(i);
        }
        out
    }

    /// A speaker mention at `span`, resolved to `group`.
    fn speaker(&self, span: Span, group: Option<usize>) -> Speaker {
        Speaker {
            span,
            entity: self.entity_at(span.start).map(|(i, _)| i),
            group,
        }
    }

    /// Whether `q` is a labelled paragraph's ([`Ctx::labelled_paragraphs`]): said by
    /// the label that opens its paragraph, the colon after it its cue.
    fn labelled(&self, q: &Quote) -> bool {
        let (Some(cue), Some(sp)) = (q.cue, &q.speaker) else {
            return false;
        };
        let before = self.text[..sp.span.start].trim_end_matches([' ', '\t']);
        &self.text[cue.range()] == ":"
            && sp.span.end <= cue.start
            && self.text[cue.end..q.span.start.max(cue.end)]
                .trim()
                .is_empty()
            && (before.is_empty() || before.ends_with('\n'))
    }

    /// The speaker a transcript label names: its group is the person whose name ends
    /// in the label's last word ("OKOYE" → "Ruth Okoye"), when there is one.
    fn label_speaker(&self, label: Span, surnames: &std::cell::OnceCell<Surnames>) -> Speaker {
        let last = self.text[label.range()]
            .rsplit(' ')
            .next()
            .unwrap_or_default();
        self.speaker(label, self.person_named(last, surnames))
    }

    /// The person group whose name ends in `word`, case aside ([`Ctx::surnames`],
    /// built on the first call).
    fn person_named(&self, word: &str, surnames: &std::cell::OnceCell<Surnames>) -> Option<usize> {
        surnames
            .get_or_init(|| self.surnames())
            .get(&word.to_lowercase())
            .copied()
    }

    /// The entity that starts at `byte`, if any (entities are sorted by start).
    fn entity_at(&self, byte: usize) -> Option<(usize, &Entity)> {
        let i = self.entities.partition_point(|e| e.span.start < byte);
        self.entities
            .get(i)
            .filter(|e| e.span.start == byte)
            .map(|e| (i, e))
    }

    /// The entities inside `span`.
    fn entities_in(&self, span: Span) -> &[Entity] {
        let a = self.entities.partition_point(|e| e.span.start < span.start);
        let b = self.entities.partition_point(|e| e.span.start < span.end);
        &self.entities[a..b.max(a)]
    }

    /// The sentences a span starts and ends in, when both are known.
    fn sentences_of(&self, span: Span) -> Option<std::ops::RangeInclusive<usize>> {
        Some(self.sentence_at(span.start)?..=self.sentence_at(span.end - 1)?)
    }

    fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// The first token that starts at or after `byte`.
    fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < byte)
    }

    /// [`Ctx::token_at`] for a byte near token `near`, searched from there.
    fn token_at_near(&self, byte: usize, near: usize) -> usize {
        partition_point_near(self.tokens, near, |t| t.span.start < byte)
    }

    /// [`Ctx::sentence_at`] for a byte near sentence `near`, searched from there.
    fn sentence_at_near(&self, byte: usize, near: usize) -> Option<usize> {
        let i = partition_point_near(self.sentences, near, |s| s.span.end <= byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// `span` without the punctuation tokens at its ends but full stops (a learned
    /// source may hold them: "The board's lawyer, Marta Quist,"); as it is when nothing
    /// else is left.
    fn without_end_punct(&self, span: Span) -> Span {
        // A full stop may end an abbreviation ("Veltron Inc."): it stays.
        let punct = |i: usize| self.tokens[i].kind == TokenKind::Punct && self.tok(i) != ".";
        let (mut a, mut b) = (self.token_at(span.start), self.token_at(span.end));
        let (mut start, mut end) = (span.start, span.end);
        while a < b && punct(a) && self.tokens[a].span.start == start {
            a += 1;
            if a < b {
                start = self.tokens[a].span.start;
            }
        }
        while b > a && punct(b - 1) && self.tokens[b - 1].span.end == end {
            b -= 1;
            if b > a {
                end = self.tokens[b - 1].span.end;
            }
        }
        if a == b {
            span
        } else {
            Span::new(start, end)
        }
    }

    /// Whether token `i` is a cue word.
    fn is_cue(&self, i: usize) -> bool {
        self.cues[i] == CUE
    }

    /// Whether a cue starts at token `i`: a cue word or "according to".
    fn opens_cue(&self, i: usize) -> bool {
        self.cues[i] != 0
    }

    fn quote_kind(&self, span: Span, s0: usize, first: usize) -> QuoteKind {
        let inner = self.text[span.range()].trim_start_matches(|c: char| !c.is_alphanumeric());
        let capital = inner.chars().next().is_some_and(char::is_uppercase);
        let sentence = &self.sentences[s0];
        let mut j = first;
        let mut before: Vec<&str> = Vec::new();
        while j > sentence.tokens.start && before.len() < 2 {
            j -= 1;
            before.push(self.tok(j));
        }
        let at_start = before.is_empty();
        let after_punct = matches!(before.first(), Some(&("," | ":")));
        let after_that = before.first() == Some(&"that");
        let after_cue = before.first().is_some_and(|w| lexicon().cues.contains(w))
            || (after_that && before.get(1).is_some_and(|w| lexicon().cues.contains(w)));
        if capital && (at_start || after_punct || after_cue) {
            QuoteKind::Direct
        } else if after_cue {
            QuoteKind::Mixed
        } else {
            QuoteKind::Partial
        }
    }

    /// The cue and speaker of a direct quote that has none in its own sentences: a
    /// sentence just before that introduces it with a colon ("Lee said in a statement:"),
    /// or a short one just after it in the same paragraph ("Lee said so on Monday.").
    fn cue_nearby(&self, s0: usize, s1: usize) -> Option<Attribution> {
        if let Some(p) = s0.checked_sub(1).map(|i| &self.sentences[i]) {
            if self.text[p.span.range()].ends_with(':') {
                let cue_at = p.tokens.clone().rev().find(|&j| self.is_cue(j));
                let speaker = match cue_at {
                    Some(c) => self.candidate_in(p.tokens.start, c, false),
                    None => self.candidate_in(p.tokens.start, p.tokens.end, true),
                };
                if speaker.is_some() {
                    return Some((cue_at.map(|c| self.cue_span(c)), speaker));
                }
            }
        }
        let n = self.sentences.get(s1 + 1)?;
        if n.paragraph != self.sentences[s1].paragraph || n.tokens.len() > 10 {
            return None;
        }
        let cue_at = n.tokens.clone().find(|&j| self.is_cue(j))?;
        let speaker = self.candidate_in(n.tokens.start, n.tokens.end, true)?;
        Some((Some(self.cue_span(cue_at)), Some(speaker)))
    }

    fn after_comma(&self, first: usize) -> bool {
        first > 0 && self.tok(first - 1) == ","
    }

    fn after_colon(&self, first: usize) -> bool {
        first > 0 && self.tok(first - 1) == ":"
    }

    /// The cue and speaker after a quote that ends its clause, in sentence `si`:
    /// `"...," Biden told reporters.` or `"...," said Putin's spokesman Dmitry Peskov`.
    fn cue_after(&self, span: Span, si: usize) -> Option<Attribution> {
        let s = &self.sentences[si];
        let end = span.end;
        let from = self.token_at(end).max(s.tokens.start);
        let quoted = self.text[span.range()].trim_end_matches(|c: char| {
            !c.is_alphanumeric() && !matches!(c, ',' | '.' | '!' | '?' | '—')
        });
        let closes_clause = quoted.ends_with([',', '.', '!', '?', '—'])
            || self
                .tokens
                .get(from)
                .is_some_and(|t| matches!(&self.text[t.span.range()], "," | "—" | "–"));
        if !closes_clause {
            return None;
        }
        let limit = s.tokens.end.min(from + 6);
        let mut i = from;
        while i < limit && self.tokens[i].kind == TokenKind::Punct {
            i += 1;
        }
        if i >= limit {
            return None;
        }
        // Further when a description in commas stands between ("a spokeswoman for the
        // senator, Hannah Brooks, said"): a cue right after a comma, with a comma before.
        let described = || {
            let far = s.tokens.end.min(from + 14);
            (limit..far)
                .find(|&j| self.opens_cue(j))
                .filter(|&j| self.tok(j - 1) == "," && (i..j - 1).any(|k| self.tok(k) == ","))
                .filter(|&j| (i..j).all(|k| !self.tok(k).contains(['"', '“', '”'])))
        };
        let cue_at = (i..limit).find(|&j| self.opens_cue(j)).or_else(described)?;
        // Something between the quote and the cue must be the speaker ("Biden told");
        // nothing between means the speaker follows ("said Peskov").
        let speaker = if cue_at > i {
            self.candidate_in(i, cue_at, true)
        } else {
            self.speaker_after_cue(cue_at, s.tokens.end)
        };
        Some((Some(self.cue_span(cue_at)), speaker))
    }

    /// The cue and speaker before a quote whose first token is `first`, in sentence
    /// `si`: the last cue before it, and the subject before that cue.
    fn cue_before(&self, first: usize, si: usize) -> Option<Attribution> {
        let s = &self.sentences[si];
        // A vectorised byte search: a sentence of a hundred quotes reads it for each.
        let cue_at = s.tokens.start
            + memchr::memrchr2(CUE, ACCORDING_TO, &self.cues[s.tokens.start..first])?;
        let speaker = if self.according_to(cue_at) {
            self.speaker_after_cue(cue_at, first)
        } else {
            self.candidate_in(s.tokens.start, cue_at, false)
                .or_else(|| self.pronoun_before(s.tokens.start, cue_at))
        };
        Some((Some(self.cue_span(cue_at)), speaker))
    }

    /// Whether token `i` is the "according" of "according to".
    fn according_to(&self, i: usize) -> bool {
        self.cues[i] == ACCORDING_TO
    }

    /// The cue's words: the verb, plus "to" after "according", the listener after
    /// "told", or "in a statement".
    fn cue_span(&self, i: usize) -> Span {
        let mut end = i;
        let w = |j: usize| self.tokens.get(j).map(|t| &self.text[t.span.range()]);
        // "told reporters", "told CNN"; not "told a local radio station" (the cue is
        // "told") nor "told that".
        let listener = w(i).is_some_and(takes_listener)
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Word)
            && !matches!(w(i + 1), Some("that"))
            && !w(i + 1).is_some_and(is_determiner);
        if self.according_to(i) || listener {
            end = i + 1;
        } else if matches!(w(i + 1), Some("in"))
            && matches!(w(i + 2), Some("a" | "an"))
            && matches!(
                w(i + 3),
                Some("statement" | "interview" | "speech" | "tweet")
            )
        {
            end = i + 3;
        }
        Span::new(self.tokens[i].span.start, self.tokens[end].span.end)
    }

    /// The speaker that follows a cue, up to the next comma: the last name in that noun
    /// phrase that is not a possessive modifier ("Putin's spokesman Dmitry Peskov").
    fn speaker_after_cue(&self, cue: usize, limit: usize) -> Option<Speaker> {
        let mut end = cue + 1;
        while end < limit && !matches!(self.tok(end), "," | "." | ";" | "\"" | "“" | "”") {
            end += 1;
        }
        let start = if self.according_to(cue) {
            cue + 2
        } else {
            cue + 1
        };
        self.candidate_in(start, end, false)
    }

    /// The possible speakers within tokens `a..b`, in text order: names of people,
    /// organisations and places (possessive modifiers marked), pronouns, role noun
    /// phrases ("the spokesman", "a White House official") and "officials"; with
    /// `first`, only up to the first that is not a possessive.
    fn mentions(&self, a: usize, b: usize, first: bool) -> Vec<speakers::Mention> {
        use speakers::{Mention, MentionKind};
        let mut out: Vec<Mention> = Vec::new();
        let mut i = a;
        // Entities are in text order: the next one that may start at token `i`.
        let mut e_at = self.tokens.get(a).map_or(self.entities.len(), |t| {
            self.entities
                .partition_point(|e| e.span.start < t.span.start)
        });
        // The sentence of the first name, near which the others' are looked for.
        let mut near_sentence: Option<usize> = None;
        while i < b {
            if first && out.last().is_some_and(|m| !m.possessive) {
                break;
            }
            let start = self.tokens[i].span.start;
            let mut step = 1;
            while e_at < self.entities.len() && self.entities[e_at].span.start < start {
                e_at += 1;
            }
            let entity = self
                .entities
                .get(e_at)
                .filter(|e| e.span.start == start)
                .map(|e| (e_at, e));
            if let Some((ei, e)) = entity.filter(|(_, e)| {
                matches!(
                    e.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Location
                ) && !self.never_speaks(
                    e,
                    *near_sentence
                        .get_or_insert_with(|| self.sentence_at(e.span.start).unwrap_or_default()),
                )
            }) {
                out.push(Mention {
                    speaker: Speaker {
                        span: e.span,
                        entity: Some(ei),
                        group: e.group,
                    },
                    kind: match e.kind {
                        EntityKind::Person => MentionKind::Person,
                        EntityKind::Organization => MentionKind::Organization,
                        _ => MentionKind::Place,
                    },
                    possessive: self.text[e.span.end..].starts_with(['\'', '’']),
                });
                step = self.token_at_near(e.span.end, i).max(i + 1) - i;
            } else if self.tokens[i].kind != TokenKind::Word || self.tokens[i].span.len() > 9 {
                // No pronoun, determiner or "officials".
            } else if is_pronoun(self.tok(i)) {
                out.push(Mention {
                    speaker: Speaker {
                        span: self.tokens[i].span,
                        entity: None,
                        group: self.resolve(i),
                    },
                    kind: MentionKind::Pronoun,
                    possessive: false,
                });
            } else if is_determiner(self.tok(i)) {
                // "the spokesman", "a White House official", "the campaign".
                let mut j = i + 1;
                while j < b && j < i + 4 && self.tokens[j].kind == TokenKind::Word {
                    let title = self.tok_in(j, &lexicon().role_titles);
                    if title || self.tok_in(j, &lexicon().speaker_nouns) {
                        // Of several titles the last ends the role ("the secretary
                        // general"), as the grouping stage reads it.
                        while title && j + 1 < b && self.tok_in(j + 1, &lexicon().role_titles) {
                            j += 1;
                        }
                        let definite = !matches!(self.tok(i), "a" | "an" | "A" | "An");
                        let span = Span::new(start, self.tokens[j].span.end);
                        // A role the grouping stage linked ("the spokeswoman") names its
                        // person; another definite title takes the nearest person.
                        let linked = self.referred_by(span);
                        let nearest = definite && (title || self.tok(j) == "official");
                        out.push(Mention {
                            speaker: Speaker {
                                span,
                                entity: None,
                                group: linked.or_else(|| {
                                    if nearest {
                                        self.resolve_role(i)
                                    } else {
                                        None
                                    }
                                }),
                            },
                            kind: MentionKind::Role,
                            possessive: false,
                        });
                        step = j + 1 - i;
                        break;
                    }
                    j += 1;
                }
            } else if self.tok(i).ends_with('s') && self.tok_in(i, &lexicon().speaker_nouns) {
                // A plural alone: "Officials said", "analysts say".
                out.push(Mention {
                    speaker: Speaker {
                        span: self.tokens[i].span,
                        entity: None,
                        group: None,
                    },
                    kind: MentionKind::Role,
                    possessive: false,
                });
            }
            i += step;
        }
        out
    }

    /// Whether token `j`, case aside, is in `list` (the words looked up are short and
    /// ASCII: lower-cased on the stack).
    fn tok_in(&self, j: usize, list: &crate::lexicon::HashSet<&'static str>) -> bool {
        crate::lexicon::find_lower(list, self.tok(j)).is_some()
    }

    /// A speaker mention within tokens `a..b`: the first (`first`) or last name of a
    /// person or organisation, pronoun or role noun phrase, skipping possessive
    /// modifiers.
    fn candidate_in(&self, a: usize, b: usize, first: bool) -> Option<Speaker> {
        let mut found = None;
        let mut person: Option<Speaker> = None;
        for m in self
            .mentions(a, b, first)
            .into_iter()
            .filter(|m| !m.possessive)
        {
            let c = m.speaker;
            if first {
                return Some(c);
            }
            // "Ines Barros, head of the union in Port Elwin, said": a
            // person or role further back speaks rather than a place or body named
            // after it.
            let place_or_body = matches!(
                m.kind,
                speakers::MentionKind::Organization | speakers::MentionKind::Place
            );
            if !place_or_body {
                person = Some(c.clone());
            }
            found = Some(c);
        }
        person.or(found)
    }

    /// A pronoun before `b` in an earlier clause of the sentence ("he renewed his
    /// attack, tweeting that ...").
    fn pronoun_before(&self, a: usize, b: usize) -> Option<Speaker> {
        (a..b)
            .rev()
            .find(|&i| is_pronoun(self.tok(i)))
            .map(|i| Speaker {
                span: self.tokens[i].span,
                entity: None,
                group: self.resolve(i),
            })
    }

    /// The person group a pronoun or role at token `i` refers to: the nearest person
    /// before it in its sentence, else the first person named in an earlier sentence.
    fn resolve(&self, i: usize) -> Option<usize> {
        self.resolve_to(i, |_| true)
    }

    /// The person group the role phrase at token `i` ("the GOP nominee", whose
    /// grouping stage linked it to no one) most likely means: as [`Ctx::resolve`], but
    /// passing over a person introduced with the same title qualified otherwise
    /// ("Democratic nominee Hillary Clinton").
    fn resolve_role(&self, i: usize) -> Option<usize> {
        let Some((role, _)) = crate::groups::role_from(self.text, self.tokens, i + 1) else {
            return self.resolve(i);
        };
        self.resolve_to(i, |g| {
            !self.groups[g].roles.iter().any(|r| role.excludes(r))
        })
    }

    /// As [`Ctx::resolve`], among the persons whose group `fits`.
    fn resolve_to(&self, i: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let at = self.tokens[i].span.start;
        let si = self.sentence_at(at)?;
        let person = |e: &&Entity| {
            e.kind == EntityKind::Person
                && !self.text[e.span.end..].starts_with(['\'', '’'])
                && e.group.is_some_and(&fits)
        };
        let here = self.entities_in(self.sentences[si].span);
        if let Some(e) = here.iter().filter(person).rfind(|e| e.span.end <= at) {
            return e.group;
        }
        // Look back a few sentences at most: a pronoun does not reach further; nor
        // to the writer named in a byline.
        let from = si.saturating_sub(MAX_PRONOUN_REACH);
        (from..si)
            .rev()
            .filter(|&k| !self.is_byline(k))
            .find_map(|k| self.entities_in(self.sentences[k].span).iter().find(person))
            .and_then(|e| e.group)
    }

    /// Whether a name is no speaker candidate: the place of a dateline, or the writer
    /// named in a byline (whom [`Ctx::resolve`] skips too); `near_sentence` is a sentence
    /// near it, where the search for its own starts.
    fn never_speaks(&self, e: &Entity, near_sentence: usize) -> bool {
        self.is_dateline(e.span)
            || self
                .sentence_at_near(e.span.start, near_sentence)
                .is_some_and(|k| self.is_byline(k))
    }

    /// Whether `span` is a dateline ("WASHINGTON — A Senate committee ..."): a place in
    /// capitals that opens its line, followed by a dash. It tells where, not who.
    fn is_dateline(&self, span: Span) -> bool {
        // Only white space back to the line's start (read no further: a text of one
        // long line would be read again for every name).
        let before =
            self.text[..span.start].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        let name = &self.text[span.range()];
        let after = self.text[span.end..].trim_start_matches([' ', '\t']);
        (before.is_empty() || before.ends_with('\n'))
            && is_all_caps(name)
            && (SIGNATURE_DASHES.iter().any(|d| after.starts_with(d)) || after.starts_with("- "))
    }

    /// Whether sentence `k` is a byline: a short line of its own that opens with "By"
    /// ("By Niamh Kelleher").
    fn is_byline(&self, k: usize) -> bool {
        let s = &self.sentences[k];
        let alone = |j: Option<usize>| {
            j.and_then(|j| self.sentences.get(j))
                .is_none_or(|o| o.paragraph != s.paragraph)
        };
        s.tokens.len() <= 8
            && matches!(self.tok(s.tokens.start), "By" | "BY")
            && alone(k.checked_sub(1))
            && alone(Some(k + 1))
    }

    /// Indirect speech in sentence `si`, which holds no quotation marks, from its token
    /// `from` on; with the token where the next may start ("Hale believes that ..., and
    /// the Gazette reported that ..." holds two).
    fn indirect(&self, si: usize, from: usize) -> Option<(Quote, usize)> {
        let s = &self.sentences[si];
        let r = from.max(s.tokens.start)..s.tokens.end;
        if r.is_empty() {
            return None;
        }
        let last = if self.tokens[r.end - 1].kind == TokenKind::Punct {
            r.end - 1
        } else {
            r.end
        };
        let span_of =
            |a: usize, b: usize| Span::new(self.tokens[a].span.start, self.tokens[b - 1].span.end);
        for c in r.clone() {
            if !self.opens_cue(c) {
                continue;
            }
            if self.according_to(c) {
                // "According to X, content." or "content, according to X."
                let comma = (c..last).find(|&j| self.tok(j) == ",");
                let (content, speaker) = if c == r.start {
                    (
                        comma.map(|k| (k + 1, last)),
                        self.speaker_after_cue(c, comma.unwrap_or(last)),
                    )
                } else if c > r.start + 3 && self.tok(c - 1) == "," {
                    (Some((r.start, c - 1)), self.speaker_after_cue(c, last))
                } else {
                    continue;
                };
                let (a, b) = content?;
                if b > a + 2 && speaker.is_some() {
                    return Some((
                        Quote {
                            span: span_of(a, b),
                            kind: QuoteKind::Indirect,
                            cue: Some(self.cue_span(c)),
                            speaker,
                            parts: Vec::new(),
                            quoted: Vec::new(),
                        },
                        r.end,
                    ));
                }
                continue;
            }
            // "X said (that) content.", or "X, who chairs the committee, said ..."
            if c > r.start && c + 3 < last {
                let subject_before = |at: usize| {
                    self.candidate_in(at.saturating_sub(4).max(r.start), at, false)
                        .filter(|sp| self.token_at(sp.span.end) == at)
                };
                let described = || {
                    if self.tok(c - 1) != "," {
                        return None;
                    }
                    let open = (c.saturating_sub(14).max(r.start + 1)..c - 1)
                        .rev()
                        .find(|&k| self.tok(k) == ",")?;
                    subject_before(open)
                };
                // "the engineer J.P. Mulcahy, who told councillors ...": "who" speaks, as
                // the name before the comma.
                let relative = || {
                    if c < r.start + 3 || self.tok(c - 1) != "who" || self.tok(c - 2) != "," {
                        return None;
                    }
                    let named = subject_before(c - 2).filter(|sp| sp.entity.is_some())?;
                    Some(Speaker {
                        span: self.tokens[c - 1].span,
                        ..named
                    })
                };
                if let Some(speaker) = subject_before(c).or_else(described).or_else(relative) {
                    let cue = self.cue_span(c);
                    // The cue, an "on" and a date may end the sentence (and the
                    // text): `a` stays at most `last`.
                    let mut a = self.token_at(cue.end).min(last);
                    if a < last && self.tok(a) == "on" {
                        a += 1;
                    }
                    if let Some((_, d)) = (a < last)
                        .then(|| self.entity_at(self.tokens[a].span.start))
                        .flatten()
                        .filter(|(_, e)| e.kind == EntityKind::Date)
                    {
                        a = self.token_at(d.span.end).min(last);
                    }
                    // "told the Echo that ...": past the listener.
                    let to_someone = takes_listener(self.tok(c));
                    if to_someone && a < last && self.tok(a) != "that" {
                        if let Some(k) = (a + 1..last.min(a + 7)).find(|&k| self.tok(k) == "that") {
                            a = k;
                        }
                    }
                    if a < last && self.tok(a) == "that" {
                        a += 1;
                    }
                    // "Content, X told investors, more content.": the content is on
                    // both sides, in two parts (not "X said, however, that ...").
                    let before = self.token_at(speaker.span.start);
                    let aside = a + 1 < last
                        && self.tok(a) == ","
                        && before > r.start + 2
                        && self.tok(before - 1) == ",";
                    if aside {
                        let parts = vec![span_of(r.start, before - 1), span_of(a + 1, last)];
                        return Some((
                            Quote {
                                span: span_of(r.start, last),
                                kind: QuoteKind::Indirect,
                                cue: Some(cue),
                                speaker: Some(speaker),
                                parts,
                                quoted: Vec::new(),
                            },
                            r.end,
                        ));
                    }
                    // ", and the Gazette reported that ...": a second attribution ends
                    // this one's content.
                    let end = (a + 2..last)
                        .find(|&k| {
                            self.tok(k) == ","
                                && matches!(self.tok(k + 1), "and" | "but" | "while")
                                && (k + 3..last.min(k + 9)).any(|c2| {
                                    self.is_cue(c2)
                                        && self
                                            .candidate_in(k + 2, c2, false)
                                            .is_some_and(|sp| self.token_at(sp.span.end) == c2)
                                })
                        })
                        .unwrap_or(last);
                    if end > a + 2 {
                        return Some((
                            Quote {
                                span: span_of(a, end),
                                kind: QuoteKind::Indirect,
                                cue: Some(cue),
                                speaker: Some(speaker),
                                parts: Vec::new(),
                                quoted: Vec::new(),
                            },
                            if end < last { end + 2 } else { r.end },
                        ));
                    }
                }
            }
            // "content, X said."
            if c + 2 >= last && c > r.start + 4 {
                let comma = (r.start..c).rev().find(|&j| self.tok(j) == ",")?;
                if comma + 4 >= c && comma > r.start + 2 {
                    let speaker = self.candidate_in(comma + 1, last, true);
                    if speaker.is_some() {
                        return Some((
                            Quote {
                                span: span_of(r.start, comma),
                                kind: QuoteKind::Indirect,
                                cue: Some(self.cue_span(c)),
                                speaker,
                                parts: Vec::new(),
                                quoted: Vec::new(),
                            },
                            r.end,
                        ));
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
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
            pieces("The mayor, Ilse Brandt, called the budget \"reckless\" and \"a gift to landlords\"."),
            [["\"reckless\"", "\"a gift to landlords\""]]
        );
        assert_eq!(
            pieces(
                "Ilse Brandt called the landlord a \"bully,\" an \"absentee\" and a \"menace.\""
            ),
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
        let ctx = Ctx::new(text, &tokens, &[], &[], &[]);
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
        };
        let someone = Speaker {
            span: Span::new(5, 7),
            entity: None,
            group: None,
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
        assert!(crate::attribution::cues().grade_of("Cheyenne") >= 4);
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
            let q = doc.quotes.first().unwrap_or_else(|| panic!("no quote in {text}"));
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
}
