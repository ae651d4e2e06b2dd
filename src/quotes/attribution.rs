//! Attributions learned from PolNeAR: what was said (quoted or reported), who said it,
//! and the words that say so.
//!
//! A token tagger on the engine of [`crate::tagger`] reads each paragraph and marks
//! three roles, BIO: the *content* ("that the plan was dead", "“We will win”"), the
//! *source* ("Senator Lee", "he", "the campaign") and the *cue* ("said", "told
//! reporters", "according to"). The features read the words around, their shapes,
//! whether they stand inside quotation marks, the names the entity stage found, and a
//! cue lexicon learned from the training data ([`Cues`]). [`decode`] then ties each
//! content to its nearest cue and that cue's source.
//!
//! Cost: linear in the text. The context is one pass over the tokens; the tagger reads
//! units of at most [`MAX_UNIT_TOKENS`] tokens, each in time linear in its length, and
//! each unit's r runs of tags are decoded in O(r log r).

use crate::entities::{Entity, EntityKind};
use crate::options::QuoteMode;
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tagger::{mix, Decoder, Feats, FeatureHasher, Weights};
use crate::tokens::{Token, TokenKind};
use std::sync::OnceLock;

/// Feature-hash bits of the attribution model.
pub const BITS: u32 = 16;

/// The tags, in model order.
pub const TAGS: [&str; 7] = [
    "O",
    "B-CONTENT",
    "I-CONTENT",
    "B-SOURCE",
    "I-SOURCE",
    "B-CUE",
    "I-CUE",
];

/// A role a token can play in an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// What was said.
    Content,
    /// Who said it.
    Source,
    /// The words that mark it as said.
    Cue,
}

pub(crate) const ROLES: [Role; 3] = [Role::Content, Role::Source, Role::Cue];

fn role_of(tag: usize) -> Option<Role> {
    (tag > 0).then(|| ROLES[(tag - 1) / 2])
}

/// The tag that begins a run of `role` (the next one continues it).
pub fn begin_tag(role: Role) -> usize {
    1 + 2 * ROLES.iter().position(|r| *r == role).unwrap_or(0)
}

/// Whether tag `tag` may follow `prev` (`None` at the sentence edges): an inside tag
/// only continues its own role.
pub fn allowed(prev: Option<usize>, tag: Option<usize>) -> bool {
    match tag {
        Some(t) if t > 0 && t % 2 == 0 => prev.is_some_and(|p| role_of(p) == role_of(t)),
        _ => true,
    }
}

/// The cue lexicon learned from training data: for each lower-case word, how often it
/// was part of an annotated cue and how often it occurred.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cues {
    pub(crate) map: crate::lexicon::HashMap<String, (u32, u32)>,
    /// The grade of each word, keyed by the hash of its lower case.
    grades: crate::words::ByHash<u8>,
}

impl Cues {
    /// Parses the tab-separated form (`word`, times in a cue, times seen) that training
    /// writes (`Cues::to_tsv`, with the `train` feature).
    pub fn parse(tsv: &str) -> Self {
        let mut map = crate::lexicon::HashMap::with_capacity_and_hasher(
            crate::lexicon::lines(tsv),
            std::hash::BuildHasherDefault::default(),
        );
        map.extend(crate::lexicon::word_pairs(tsv).map(|(w, p)| (w.to_owned(), p)));
        Cues::indexed(map)
    }

    pub(crate) fn indexed(map: crate::lexicon::HashMap<String, (u32, u32)>) -> Self {
        let grades = map
            .iter()
            .map(|(w, &(c, n))| (crate::words::word_hash(w), grade(c, n)))
            .collect();
        Cues { map, grades }
    }

    /// The grade of a token as written: its lower case looked up by hash, without
    /// allocating for an ASCII word.
    pub fn grade_of(&self, token: &str) -> u8 {
        let h = if token.is_ascii() {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for b in token.bytes() {
                h ^= u64::from(b.to_ascii_lowercase());
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h
        } else {
            crate::words::word_hash(&lower(token))
        };
        self.grades.get(&h).copied().unwrap_or(0)
    }

    /// How likely the word (in lower case) is part of a cue, in five steps (0: never
    /// or unknown).
    pub fn grade(&self, lower: &str) -> u8 {
        self.map.get(lower).map_or(0, |&(c, n)| grade(c, n))
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn grade(c: u32, n: u32) -> u8 {
    let r = f64::from(c) / f64::from(n);
    if r >= 0.5 {
        4
    } else if r >= 0.2 {
        3
    } else if r >= 0.05 {
        2
    } else {
        1
    }
}

pub(crate) fn lower(w: &str) -> String {
    crate::words::normalise(w).to_lowercase()
}

/// The compiled-in cue lexicon.
pub fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| Cues::parse(include_str!("../../models/cues.tsv")))
}

/// The compiled-in model.
fn model() -> &'static Weights {
    static MODEL: OnceLock<Weights> = OnceLock::new();
    MODEL.get_or_init(|| {
        let (w, bits) = crate::tagger::load(include_bytes!("../../models/quotes.bin"))
            .expect("models/quotes.bin is a model written by train-quotes");
        assert_eq!(bits, BITS, "models/quotes.bin has other hash bits");
        w
    })
}

/// A paragraph: its tokens, as a range into the document's, and its sentences'
/// first tokens.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The tokens.
    pub tokens: std::ops::Range<usize>,
    /// Where each sentence starts (token indices into the document's tokens).
    pub starts: Vec<usize>,
}

/// The paragraphs of a document, from its sentences.
pub fn paragraphs(sentences: &[Sentence]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut last = usize::MAX;
    for s in sentences {
        if s.paragraph == last {
            if let Some(p) = out.last_mut() {
                p.tokens.end = s.tokens.end;
                p.starts.push(s.tokens.start);
            }
        } else {
            out.push(Paragraph {
                tokens: s.tokens.clone(),
                starts: vec![s.tokens.start],
            });
            last = s.paragraph;
        }
    }
    out
}

/// The most tokens the tagger reads in one unit ([`units`]): no paragraph of PolNeAR
/// comes near, and a longer one (thousands of quotes on one line) is read in parts, so
/// that the tagger's memory and the decoding of a unit stay bounded.
pub const MAX_UNIT_TOKENS: usize = 2048;

/// The stretches of a document the tagger reads: within each paragraph, each run of
/// consecutive sentences that `reach` takes for a token that `claimed` does not mark
/// (tokens whose speech is already attributed; empty for none), of at most
/// [`MAX_UNIT_TOKENS`] tokens but for a single sentence. Other sentences (tables,
/// scores, plain narration) cannot be tagged cheaper. `reach` [`QuoteMode::All`] takes
/// sentences that hold quotation marks or a likely cue word (grade 4, or grade 3 before
/// "that": "argued that", where "argued" alone is often no cue), all the attributions
/// the model can find; [`QuoteMode::Quoted`] only those with quotation marks, quoted
/// speech and its speaker for a fraction of the time (news has far fewer quoted
/// sentences than "said"s).
pub fn units(
    sentences: &[Sentence],
    cx: &Context<'_>,
    reach: QuoteMode,
    claimed: &[bool],
) -> Vec<Paragraph> {
    let by_cue = reach == QuoteMode::All;
    let mut out: Vec<Paragraph> = Vec::new();
    let mut last: Option<(usize, usize)> = None; // (paragraph, sentence index) of the last unit's end
    for (k, s) in sentences.iter().enumerate() {
        let worth = s.tokens.clone().any(|i| {
            !claimed.get(i).copied().unwrap_or(false)
                && (cx.quoted[i] != 0 || (by_cue && cx.likely_cue(i, s.tokens.end)))
        });
        if !worth {
            continue;
        }
        match (last, out.last_mut()) {
            (Some((par, prev)), Some(p))
                if par == s.paragraph
                    && prev + 1 == k
                    && p.tokens.len() + s.tokens.len() <= MAX_UNIT_TOKENS =>
            {
                p.tokens.end = s.tokens.end;
                p.starts.push(s.tokens.start);
            }
            _ => out.push(Paragraph {
                tokens: s.tokens.clone(),
                starts: vec![s.tokens.start],
            }),
        }
        last = Some((s.paragraph, k));
    }
    out
}

/// What a document says about its tokens, once for all its paragraphs.
pub struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Per token: 0 outside quotation marks, 1 inside, 2 an opening mark, 3 a closing
    /// one.
    quoted: Vec<u8>,
    /// Per token: 0 no name, else 1 + 2 × kind (+1 inside a name).
    names: Vec<u8>,
    /// Per token: how likely it is part of a cue ([`Cues::grade`]).
    grades: Vec<u8>,
}

impl<'a> Context<'a> {
    /// The context of a document whose entities are found, for the sentences `reach`
    /// takes.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        entities: &[Entity],
        cues: &Cues,
        quotes: &[Span],
        sentences: &[Sentence],
        reach: QuoteMode,
    ) -> Self {
        let mut marks = vec![0u8; tokens.len()];
        for q in quotes {
            let a = tokens.partition_point(|t| t.span.start < q.start);
            let b = tokens.partition_point(|t| t.span.start < q.end);
            for (k, x) in marks[a..b].iter_mut().enumerate() {
                *x = if k == 0 {
                    2
                } else if a + k + 1 == b {
                    3
                } else {
                    1
                };
            }
        }
        let mut names = vec![0u8; tokens.len()];
        // Entities are in text order: walk the tokens once.
        let mut a = 0;
        for e in entities {
            let kind = match e.kind {
                EntityKind::Person => 0,
                EntityKind::Organization => 1,
                EntityKind::Location => 2,
                EntityKind::Misc => 3,
                _ => continue,
            };
            while a < tokens.len() && tokens[a].span.start < e.span.start {
                a += 1;
            }
            let mut b = a;
            while b < tokens.len() && tokens[b].span.start < e.span.end {
                names[b] = 1 + 2 * kind + u8::from(b > a);
                b += 1;
            }
        }
        // Cue grades: of every word when they choose the sentences to read, else only
        // of the words in sentences with quotation marks.
        let mut grades = vec![0u8; tokens.len()];
        for s in sentences {
            if reach == QuoteMode::Quoted && !marks[s.tokens.clone()].iter().any(|&m| m != 0) {
                continue;
            }
            for i in s.tokens.clone() {
                if tokens[i].kind == TokenKind::Word {
                    grades[i] = cues.grade_of(&text[tokens[i].span.range()]);
                }
            }
        }
        Context {
            text,
            tokens,
            quoted: marks,
            names,
            grades,
        }
    }

    /// Whether token `i` (of a sentence ending before token `end`) is a likely cue: a
    /// word of grade 4, or of grade 3 before "that" ("warned that"), which finds more
    /// reported speech for about 1% more instructions; a grade-3 word after a
    /// determiner ("a dispute that had run") counts too, as leaving it out found less.
    fn likely_cue(&self, i: usize, end: usize) -> bool {
        self.grades[i] >= 4
            || (self.grades[i] == 3
                && i + 1 < end
                && self.text[self.tokens[i + 1].span.range()].eq_ignore_ascii_case("that"))
    }
}

/// A distance in tokens in seven steps: 0, 1, 2, 3, 4-6, 7-12, more.
pub(crate) fn bucket(d: usize) -> u8 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

/// What lies on one side of a token in its sentence ([`features`]).
#[derive(Clone, Copy)]
struct Side {
    /// Tokens to the nearest likely cue word (grade 3 or more); `usize::MAX` for none.
    cue: usize,
    /// That cue word's hash (0 for none).
    word: u64,
    /// The hash of the word after that cue word in its sentence (what the cue takes:
    /// "that", "to", a name; 2 at the sentence's end, 0 for no cue).
    next: u64,
    /// Commas between the token and that cue word, at most 3.
    commas: u64,
    /// Tokens to the sentence's edge.
    edge: usize,
}

impl Default for Side {
    fn default() -> Self {
        Side {
            cue: usize::MAX,
            word: 0,
            next: 0,
            commas: 0,
            edge: 0,
        }
    }
}

/// The features of every token of one paragraph, into `out` (emptied first).
pub fn features(h: FeatureHasher, cx: &Context<'_>, p: &Paragraph, out: &mut Feats) {
    let range = p.tokens.clone();
    let n = range.len();
    let toks = &cx.tokens[range.clone()];
    // Each token's word (in lower case), shape and last three letters hashed once; the
    // features combine these hashes instead of hashing the words again.
    let (mut lower, mut shape) = (String::new(), String::new());
    let mut words = Vec::with_capacity(n);
    let mut shapes = Vec::with_capacity(n);
    let mut suffixes = Vec::with_capacity(n);
    for t in toks {
        let raw = &cx.text[t.span.range()];
        let w = crate::words::normalise(raw);
        lower.clear();
        if w.chars().any(char::is_uppercase) {
            crate::words::push_lowercase(&w, &mut lower);
        } else {
            lower.push_str(&w);
        }
        shape.clear();
        crate::words::shape_into(raw, &mut shape);
        words.push(crate::words::word_hash(&lower));
        shapes.push(crate::words::word_hash(&shape));
        let cut = lower.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
        suffixes.push(crate::words::word_hash(&lower[cut..]));
    }
    let grades = &cx.grades[range.clone()];
    let quoted = &cx.quoted[range.clone()];
    let names = &cx.names[range.clone()];
    // The sentence of each token.
    let mut sentence = vec![0usize; n];
    for (k, &s) in p.starts.iter().enumerate() {
        let end = p.starts.get(k + 1).map_or(range.end, |&e| e);
        sentence[s - range.start..end - range.start].fill(k);
    }
    // Looking back and ahead from each token within its sentence: the distance to the
    // nearest likely cue word, that word and the commas between (where a clause of
    // reported speech ends), and the distance to the sentence's edge.
    let is_comma = |i: usize| &cx.text[toks[i].span.range()] == ",";
    let side = |order: &mut dyn Iterator<Item = (usize, usize)>| {
        let mut out = vec![Side::default(); n];
        for (i, from) in order {
            if sentence[from] != sentence[i] {
                continue;
            }
            let prev = out[from];
            out[i] = if grades[from] >= 3 {
                Side {
                    cue: 1,
                    word: words[from],
                    next: if from + 1 < n && sentence[from + 1] == sentence[from] {
                        words[from + 1]
                    } else {
                        2
                    },
                    commas: 0,
                    edge: prev.edge + 1,
                }
            } else {
                Side {
                    cue: prev.cue.saturating_add(1),
                    word: prev.word,
                    next: prev.next,
                    commas: (prev.commas + u64::from(is_comma(from))).min(3),
                    edge: prev.edge + 1,
                }
            };
        }
        out
    };
    let before = side(&mut (1..n).map(|i| (i, i - 1)));
    let after = side(&mut (0..n.saturating_sub(1)).rev().map(|i| (i, i + 1)));
    // Fine word clusters, looked up by the hash already taken.
    let known = crate::ner::learned().words;
    let fine: Vec<u64> = words
        .iter()
        .map(|&w| {
            known
                .clusters_of_hash(w)
                .map_or(0xffff, |(_, b)| u64::from(b))
        })
        .collect();
    let fine_at = |i: isize| -> u64 {
        if i < 0 || i as usize >= n {
            0xfffe
        } else {
            fine[i as usize]
        }
    };
    let mut sentence_has_quote = vec![false; p.starts.len()];
    for i in 0..n {
        sentence_has_quote[sentence[i]] |= quoted[i] != 0;
    }
    let word = |i: isize| -> u64 {
        if i < 0 {
            1
        } else if i as usize >= n {
            2
        } else {
            words[i as usize]
        }
    };
    let at = |v: &[u8], i: isize| -> u64 {
        if i < 0 || i as usize >= n {
            0xff
        } else {
            u64::from(v[i as usize])
        }
    };
    let small = |xs: &[u64]| xs.iter().fold(0u64, |a, x| (a << 8) ^ x);
    out.reset(n, 32);
    for i in 0..n {
        let ii = i as isize;
        let w = words[i];
        let first = i == 0 || sentence[i - 1] != sentence[i];
        let q = u64::from(quoted[i]);
        let grade = u64::from(grades[i]);
        let name = u64::from(names[i]);
        let (b, a) = (before[i], after[i]);
        let l = if b.cue == usize::MAX {
            9
        } else {
            u64::from(bucket(b.cue))
        };
        let r = if a.cue == usize::MAX {
            9
        } else {
            u64::from(bucket(a.cue))
        };
        let mut add = |template: u8, v: u64| out.push(h.id_of(template, v));
        add(0, 0);
        add(1, w);
        add(2, shapes[i]);
        add(3, word(ii - 1));
        add(4, word(ii + 1));
        add(5, word(ii - 2));
        add(6, word(ii + 2));
        // Template numbers are the model's. Those missing were tried and left out: the
        // tagger did no worse without them (8, 9, 13, 19, 20, 25, 38), or they never
        // helped (36).
        add(7, mix(word(ii - 1), w));
        add(10, small(&[at(quoted, ii - 1), q, at(quoted, ii + 1)]));
        add(11, name);
        add(12, small(&[at(names, ii - 1), name]));
        add(14, grade);
        add(15, small(&[at(grades, ii - 1), grade, at(grades, ii + 1)]));
        add(16, at(grades, ii - 2));
        add(17, at(grades, ii + 2));
        add(18, l);
        add(21, mix(u64::from(first), shapes[i]));
        add(22, small(&[u64::from(i == 0), q]));
        add(23, suffixes[i]);
        add(
            24,
            small(&[u64::from(sentence_has_quote[sentence[i]]), q, l.min(r)]),
        );
        add(26, mix(grade, word(ii + 1)));
        add(27, mix(word(ii - 1), grade));
        add(28, small(&[name, grade, q]));
        add(29, fine[i]);
        add(30, small(&[fine_at(ii - 1), fine[i]]));
        add(31, small(&[fine[i], fine_at(ii + 1)]));
        add(32, mix(b.word, small(&[l, b.commas])));
        add(33, mix(a.word, small(&[r, a.commas])));
        add(34, small(&[b.commas, a.commas, q]));
        add(
            35,
            small(&[u64::from(bucket(b.edge)), u64::from(bucket(a.edge))]),
        );
        add(37, mix(b.word, w));
        add(39, mix(a.word, w));
        add(40, mix(mix(b.word, b.next), l));
        add(41, mix(mix(a.word, a.next), r));
        out.end_token();
    }
}

/// One attribution found in a text: byte spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// What was said, from its first to its last content token.
    pub content: Span,
    /// The cue, if one was found.
    pub cue: Option<Span>,
    /// The source, if one was found.
    pub source: Option<Span>,
}

/// Runs of one role in a paragraph's tags: token ranges (paragraph-relative).
fn runs(tags: &[usize]) -> Vec<(Role, std::ops::Range<usize>)> {
    let mut out: Vec<(Role, std::ops::Range<usize>)> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let Some(role) = role_of(t) else { continue };
        match out.last_mut() {
            Some((r, range)) if t % 2 == 0 && *r == role && range.end == i => range.end = i + 1,
            _ => out.push((role, i..i + 1)),
        }
    }
    out
}

/// Turns one paragraph's tags into attributions: content runs that only a source, a cue
/// or punctuation separate are one content ("“We won,” she said, “and we will win
/// again.”"); each content takes the nearest cue, and the source nearest to that cue.
///
/// Cost: O(r log r) for r runs of tags (each nearest run found by binary search).
pub fn decode(toks: &[Token], starts: &[usize], tags: &[usize]) -> Vec<Found> {
    let runs = runs(tags);
    let span =
        |r: &std::ops::Range<usize>| Span::new(toks[r.start].span.start, toks[r.end - 1].span.end);
    let of = |role: Role| -> Vec<std::ops::Range<usize>> {
        runs.iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, x)| x.clone())
            .collect()
    };
    let (cues, sources) = (of(Role::Cue), of(Role::Source));
    // The sentences that start at or before token `k`.
    let sentences_to = |k: usize| starts.partition_point(|&s| s <= k);
    let mut contents: Vec<std::ops::Range<usize>> = Vec::new();
    for c in of(Role::Content) {
        if let Some(prev) = contents.last_mut() {
            let between = prev.end..c.start;
            let bridged = between.len() <= 10
                && sentences_to(prev.start) == sentences_to(c.start)
                && between
                    .clone()
                    .all(|k| tags[k] != 0 || toks[k].kind == TokenKind::Punct)
                && between
                    .clone()
                    .any(|k| role_of(tags[k]).is_some_and(|r| r != Role::Content))
                // Two cues between are two attributions ("“...,” said Kamin, who
                // stressed that ..."), not one in parts.
                && cues[cues.partition_point(|q| q.start < between.start)..]
                    .iter()
                    .take_while(|q| q.start < between.end)
                    .filter(|q| q.end <= between.end)
                    .count()
                    < 2;
            if bridged {
                prev.end = c.end;
                continue;
            }
        }
        contents.push(c);
    }
    contents
        .iter()
        .map(|c| {
            let cue = nearest(&cues, c);
            let source = nearest(&sources, cue.unwrap_or(c));
            Found {
                content: span(c),
                cue: cue.map(span),
                source: source.map(span),
            }
        })
        .collect()
}

/// Of `runs` (in text order, none overlapping), the first of those nearest to `c`,
/// counting the tokens between (0 where they touch or overlap). Those that end before
/// `c` come nearer the later they are; from the first that does not on, they go
/// further away: the nearest is one of the two where the order turns.
fn nearest<'r>(
    runs: &'r [std::ops::Range<usize>],
    c: &std::ops::Range<usize>,
) -> Option<&'r std::ops::Range<usize>> {
    let gap = |r: &std::ops::Range<usize>| {
        r.start
            .saturating_sub(c.end)
            .max(c.start.saturating_sub(r.end))
    };
    let k = runs.partition_point(|r| r.end <= c.start);
    match (k.checked_sub(1).map(|j| &runs[j]), runs.get(k)) {
        (Some(a), Some(b)) => Some(if gap(a) <= gap(b) { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The attributions of a document, with the compiled model.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    quotes: &[Span],
    reach: QuoteMode,
    claimed: &[bool],
) -> Vec<Found> {
    if reach == QuoteMode::Quoted && quotes.is_empty() {
        return Vec::new();
    }
    find_with(
        model(),
        cues(),
        text,
        tokens,
        sentences,
        entities,
        quotes,
        reach,
        claimed,
    )
}

/// The attributions of a document, with the given model and cue lexicon; `quotes`
/// are its quoted spans (the quotation marks' spans), `claimed` marks the tokens
/// whose speech is already attributed ([`units`]).
#[allow(clippy::too_many_arguments)] // the document's stages, the model and its reach
pub fn find_with(
    weights: &Weights,
    cues: &Cues,
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    quotes: &[Span],
    reach: QuoteMode,
    claimed: &[bool],
) -> Vec<Found> {
    let h = FeatureHasher::new(BITS);
    let cx = Context::new(text, tokens, entities, cues, quotes, sentences, reach);
    let mut out = Vec::new();
    let mut feats = Feats::default();
    let mut decoder = Decoder::new(weights, allowed);
    for p in units(sentences, &cx, reach, claimed) {
        features(h, &cx, &p, &mut feats);
        let tags = decoder.decode(&feats);
        let starts: Vec<usize> = p.starts.iter().map(|s| s - p.tokens.start).collect();
        let toks = &tokens[p.tokens.clone()];
        out.extend(decode(toks, &starts, tags).into_iter().map(|mut f| {
            f.content = whole_names(text, toks, entities, f.content);
            f
        }));
    }
    out
}

/// `content` with a name it cuts taken whole ("Authority has spent ..." of "The Elwin
/// Harbour Authority has spent ...", with the article before the name); `toks` are the
/// content's paragraph's tokens, `entities` in text order.
fn whole_names(text: &str, toks: &[Token], entities: &[Entity], content: Span) -> Span {
    let inside = |at: usize| {
        let k = entities.partition_point(|e| e.span.start < at);
        k.checked_sub(1)
            .map(|k| entities[k].span)
            .filter(|e| e.start < at && at < e.end)
    };
    let mut span = content;
    if let Some(e) = inside(span.start) {
        span.start = e.start;
        let k = toks.partition_point(|t| t.span.start < e.start);
        let before = k.checked_sub(1).map(|j| toks[j].span);
        if let Some(b) = before
            .filter(|b| ["The", "the"].contains(&&text[b.range()]) && text[b.end..e.start] == *" ")
        {
            span.start = b.start;
        }
    }
    if let Some(e) = inside(span.end) {
        span.end = e.end;
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributions of one paragraph tagged by hand: each token inside a phrase
    /// takes its role.
    fn decoded(text: &str, roles: &[(&str, Role)]) -> Vec<Found> {
        let toks = crate::tokens::tokenize(text);
        let mut tags = vec![0; toks.len()];
        for (phrase, role) in roles {
            let at = text.find(phrase).expect("the phrase is in the text");
            let span = Span::new(at, at + phrase.len());
            let mut first = true;
            for (k, t) in toks.iter().enumerate() {
                if span.contains(t.span) {
                    tags[k] = begin_tag(*role) + usize::from(!first);
                    first = false;
                }
            }
        }
        decode(&toks, &[0], &tags)
    }

    #[test]
    fn content_on_both_sides_of_one_cue_is_one_but_two_cues_make_two() {
        let text = "\"We won,\" she said, \"and we will win again.\"";
        let found = decoded(
            text,
            &[
                ("\"We won,\"", Role::Content),
                ("she", Role::Source),
                ("said", Role::Cue),
                ("\"and we will win again.\"", Role::Content),
            ],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].content, Span::new(0, text.len()));

        let text = "\"Costs will rise,\" said Kamin, who stressed that the plan was simple.";
        let found = decoded(
            text,
            &[
                ("\"Costs will rise,\"", Role::Content),
                ("said", Role::Cue),
                ("Kamin", Role::Source),
                ("who", Role::Source),
                ("stressed that", Role::Cue),
                ("the plan was simple", Role::Content),
            ],
        );
        let contents: Vec<&str> = found.iter().map(|f| &text[f.content.range()]).collect();
        assert_eq!(contents, ["\"Costs will rise,\"", "the plan was simple"]);
        assert_eq!(
            found[1].cue.map(|c| &text[c.range()]),
            Some("stressed that")
        );
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    proptest::proptest! {
        /// The binary search finds what a pass over all runs finds: the first of the
        /// nearest.
        #[test]
        fn the_nearest_run_is_the_first_nearest(
            lens in proptest::collection::vec((0usize..4, 1usize..4), 0..12),
            a in 0usize..40,
            len in 1usize..6,
        ) {
            let mut runs = Vec::new();
            let mut at = 0;
            for (skip, n) in lens {
                runs.push(at + skip..at + skip + n);
                at += skip + n;
            }
            let c = a..a + len;
            let gap = |r: &std::ops::Range<usize>| {
                r.start.saturating_sub(c.end).max(c.start.saturating_sub(r.end))
            };
            proptest::prop_assert_eq!(nearest(&runs, &c), runs.iter().min_by_key(|r| gap(r)));
        }
    }
}
