//! Stage 6: quotations and who said them.
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
//! [`attribution::MAX_UNIT_TOKENS`] tokens; the speaker ranker reads a quote's
//! sentence and its two neighbours ([`speakers`]); the keep model a quote and the
//! words next to it ([`keep`]).
//!
//! One concern per file, each importing only this module's shared types and lower
//! stages: `marks` (quoted spans, quoted transcripts), `ctx` (the document as the
//! rules read it), `cues`, `mentions` (possible speakers, pronouns, roles), `labels`
//! (labelled paragraphs, signatures), `reported` (reported speech), [`attribution`]
//! (the learned tagger), [`speakers`] (the ranker), `join` (interrupted quotes) and
//! [`keep`] (the keep model).

use crate::entities::{Entity, EntityKind};
use crate::groups::Group;
use crate::layout::{Paragraph, SIGNATURE_DASHES};
use crate::lexicon::{find_lower, lexicon};
use crate::options::QuoteMode;
use crate::sentences::Sentence;
use crate::span::{partition_point_near, Span, SpanIndex};
use crate::tokens::{Token, TokenKind};
use crate::words::is_all_caps;
use serde::Serialize;

pub mod attribution;
mod bodies;
pub mod confidence;
mod ctx;
mod cues;
mod headlines;
mod join;
pub mod keep;
mod labels;
mod marks;
mod mentions;
mod relatives;
mod reported;
pub mod speakers;

pub(crate) use ctx::Ctx;
use join::{join_interrupted, within_clauses};
pub(crate) use marks::quoted_spans;
use marks::{at_most, in_order_overlapping, last_at_most, transcript_turns, QUOTE_CHARS};

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
    /// The words that say who a relative pronoun stands for, where no group does
    /// ("a veteran diplomat" of "a veteran diplomat who said").
    pub named: Option<Span>,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// How sure the learned models were of it: what `confidence` is made from.
    pub sureness: Sureness,
    /// The probability that these are someone's words, found as a careful reader
    /// would mark them and said by `speaker` (no one, where it is `None`): from
    /// `sureness`, the kind and the speaker's form, by a logistic model fitted on
    /// PolNeAR dev ([`confidence`]).
    pub confidence: f32,
}

/// How sure the learned models were of a quote, in their own score units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Sureness {
    /// How far the speaker ranker's choice scored above its next best candidate
    /// (another mention, or no one); `None` where the ranker did not choose (a
    /// transcript's label, a signature, no ranker).
    pub speaker: Option<f32>,
    /// How far a reported clause scored above the keep model's threshold; `None` for
    /// the quotes the keep model does not judge.
    pub keep: Option<f32>,
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
    paragraphs: &[Paragraph],
    entities: &[Entity],
    groups: &[Group],
    model: QuoteMode,
) -> Vec<Quote> {
    let ctx = Ctx::new(text, tokens, sentences, paragraphs, entities, groups);
    let mut quotes = kept(&ctx, model);
    let calibrated = confidence::compiled();
    for q in &mut quotes {
        q.confidence = calibrated.probability(&confidence_features(&ctx, q));
    }
    quotes
}

/// The quotes `model` finds, each with its speaker, those the keep model drops left
/// out: all but their confidence.
pub(crate) fn kept(ctx: &Ctx<'_>, model: QuoteMode) -> Vec<Quote> {
    let mut quotes = found(ctx, model);
    // The keep model judges what it was trained on: the default's findings. A
    // headline's own attributions ("Lawmaker urges retaliation on Russia") are reported
    // speech that no cue of the body's marks.
    if model == QuoteMode::All {
        quotes = keep::filter(ctx, quotes);
        headlines::attributions(ctx, &mut quotes);
    }
    headlines::resolve(ctx, &mut quotes);
    quotes
}

/// The values [`confidence`] weighs for `q`.
pub(crate) fn confidence_features(ctx: &Ctx<'_>, q: &Quote) -> [f32; confidence::FEATURES.len()] {
    let words = ctx.token_at(q.span.end) - ctx.token_at(q.span.start);
    let (pronoun, named) = q.speaker.as_ref().map_or((false, false), |s| {
        let w = &ctx.text[s.span.range()];
        (
            is_pronoun(w) || w.eq_ignore_ascii_case("it"),
            s.group.is_some(),
        )
    });
    confidence::features(q, words, pronoun, named)
}

/// The quotes `model` finds, each with its speaker, before the learned model of which
/// reported clauses to keep ([`keep`]) has its say.
pub(crate) fn found(ctx: &Ctx<'_>, model: QuoteMode) -> Vec<Quote> {
    let mut quotes = find_unranked(ctx, model);
    if model != QuoteMode::Rules {
        speakers::rerank(ctx, &mut quotes);
    }
    quotes.retain(|q| {
        is_attributed_or_quoted(q) && !names_a_thing(ctx.text, q) && !so_called(ctx.text, q)
    });
    for q in &mut quotes {
        if let Some(sp) = &mut q.speaker {
            sp.span = ctx.without_end_punct(sp.span);
        }
    }
    let mut quotes = within_clauses(ctx, join_interrupted(ctx, quotes));
    bodies::resolve(ctx, &mut quotes);
    relatives::resolve(ctx, &mut quotes);
    relatives::owners(ctx, &mut quotes);
    relatives::reported_words(ctx, &mut quotes);
    quotes
}

/// Whether a quote is a name or a title the text gives something: it opens with a
/// quotation mark right after a word of `naming_words.txt` that follows the noun it
/// names ("a campaign named “Fair Fares Now”", "a report titled “...” found", "the
/// so-called “Harbour Five”"). No one said those words, whatever cue the rules or the
/// tagger found near. After a name, or a comma not after "the NOUN", the word may be
/// someone's act ("Clinton, for example, named “Madam Secretary” as her favourite
/// show"), which stays.
fn names_a_thing(text: &str, q: &Quote) -> bool {
    if !text[q.span.range()].starts_with(|c: char| QUOTE_CHARS.contains(c)) {
        return false;
    }
    let before = text[..q.span.start].trim_end();
    let before = before.strip_suffix(',').unwrap_or(before).trim_end();
    let mut words = before.rsplit(char::is_whitespace);
    let Some(naming) = words
        .next()
        .and_then(|w| find_lower(&lexicon().naming_words, w))
    else {
        return false;
    };
    if naming == "so-called" {
        return true;
    }
    // The noun named: right before ("a campaign named"), or before a comma after a
    // determiner ("The campaign, named").
    let lower = |w: &str| !w.is_empty() && w.chars().all(char::is_lowercase);
    match words.next() {
        Some(noun) => match noun.strip_suffix(',') {
            None => lower(noun),
            Some(noun) => lower(noun) && words.next().is_some_and(is_determiner),
        },
        None => false,
    }
}

/// Whether a quote is cut by the "called" of "so-called", which names a thing and says
/// nothing: its cue is that "called", or its words end with the "so" ("The so-called
/// “Harbour Five” were arrested": the tagger, reading "so", "-" and "called" as words,
/// took "The so" for a reported clause).
fn so_called(text: &str, q: &Quote) -> bool {
    let cue = q.cue.is_some_and(|c| {
        let before = &text[..c.start];
        ["so-", "So-"].iter().any(|s| before.ends_with(s))
    });
    cue || (text[q.span.range()].ends_with("so") && text[q.span.end..].starts_with("-called"))
}

/// Whether a quote is kept: words in quotation marks always, reported speech only with
/// someone reporting it. A reported clause with no speaker is rarely speech ("plans to
/// ...", a clause after a lone cue-like word; in PolNeAR dev 6 of 42 were), and who
/// said what has nothing to show for it.
fn is_attributed_or_quoted(q: &Quote) -> bool {
    q.kind != QuoteKind::Indirect || q.speaker.is_some()
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
                sureness: Sureness::default(),
                confidence: 0.0,
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
            sureness: Sureness::default(),
            confidence: 0.0,
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
        attribution::find(text, tokens, sentences, entities, &spans, reach, &claimed)
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
    // which is what PolNeAR annotates as the attribution (docs/quotes.md has the
    // figures).
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

#[cfg(test)]
mod tests;
