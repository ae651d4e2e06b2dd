//! The trained name finder: a structured perceptron over BIO tags ([`crate::tagger`]),
//! reading the text as the product tokenises it.
//!
//! Features per token: the word, its lower case and shape, prefixes and suffixes, the
//! words and shapes around it, its place in the sentence, whether the sentence is a
//! headline in capitals, and gazetteer membership (first names, surnames, places,
//! nationalities, organisations, organisation words, titles, common words), both for
//! the word alone and for the longest multi-word gazetteer name it is part of.
//!
//! The model is trained by `train-ner` (see docs/models.md) on CoNLL-2003 train, compiled in
//! from `models/ner.bin`, and maps PER/ORG/LOC/MISC onto the product's kinds.
//!
//! Cost: linear in the text. The document's word statistics are one pass into a hash
//! map; each sentence's features and its Viterbi decoding are linear in its length
//! (at most [`crate::sentences::MAX_TOKENS`] tokens) times the tags; a title-case
//! headline looks its runs of at most six words up in a hash map of the body's names;
//! transcript labels are counted, and names' kinds agreed, in hash maps.

pub mod confidence;

use crate::clusters::{self, Clusters};
use crate::entities::{
    line_case, push_title_case, strip_possessive, title_case, Entity, EntityKind, LineCase,
    NameFinder,
};
use crate::layout::Paragraph;
use crate::lexicon::{lexicon, Fnv, Lexicon};
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tagger::{self, mix, Decoder, Feats, FeatureHasher, Weights};
use crate::tokens::{Token, TokenKind};
pub use crate::words::normalise;
use crate::words::{push_lowercase, shape_into, word_hash, ByHash};
use std::hash::Hasher;
use std::sync::OnceLock;

/// Feature-hash bits of the compiled model: `2^18` buckets.
pub const BITS: u32 = 18;

/// Names seen in training data, each with the types it was annotated with (a bit mask:
/// PER 1, ORG 2, LOC 4, MISC 8): "lists mined from the training data".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub(crate) map: crate::lexicon::HashMap<String, u8>,
    /// For the first word of each name of two words or more, the most words such a
    /// name has: a lookup for "New" says how far "New York Stock Exchange" could go.
    longest: crate::lexicon::HashMap<String, u8>,
}

impl Names {
    /// Fills [`Names::longest`] from the names.
    pub(crate) fn indexed(mut self) -> Self {
        self.longest.clear();
        for name in self.map.keys() {
            let mut words = name.split(' ');
            let first = words.next().unwrap_or_default();
            let n = u8::try_from(1 + words.count()).unwrap_or(u8::MAX);
            if n >= 2 {
                let m = self.longest.entry(first.to_owned()).or_default();
                *m = (*m).max(n);
            }
        }
        self
    }

    /// The most words a name starting with `first` has (1 when none has more).
    pub fn longest_from(&self, first: &str) -> usize {
        self.longest.get(first).map_or(1, |&n| usize::from(n))
    }

    /// Parses the tab-separated form (`name`, type mask) that training writes
    /// (`Names::to_tsv`, with the `train` feature).
    pub fn parse(tsv: &str) -> Self {
        let mut map = crate::lexicon::HashMap::with_capacity_and_hasher(
            crate::lexicon::lines(tsv),
            std::hash::BuildHasherDefault::default(),
        );
        map.extend(
            crate::lexicon::lines_of(tsv)
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| {
                    let (name, mask) = l.rsplit_once('\t')?;
                    Some((name.to_owned(), mask.parse().ok()?))
                }),
        );
        Names {
            map,
            longest: crate::lexicon::HashMap::default(),
        }
        .indexed()
    }

    /// The types a name was seen with (0 when never).
    pub fn get(&self, name: &str) -> u8 {
        self.map.get(name).copied().unwrap_or(0)
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// What the model learned besides its weights.
#[derive(Clone, Copy, Debug)]
pub struct Learned<'a> {
    /// Word clusters, with the word lists, by word.
    pub words: &'a Words,
    /// Names from the training data.
    pub names: &'a Names,
}

/// The compiled-in clusters and names.
pub fn learned() -> Learned<'static> {
    static NAMES: OnceLock<Names> = OnceLock::new();
    static WORDS: OnceLock<Words> = OnceLock::new();
    Learned {
        // Straight from the compiled-in rows: the word table needs no map of owned words.
        words: WORDS.get_or_init(|| {
            let (count, rows) = clusters::compiled_rows();
            Words::with_clusters(lexicon(), count, rows)
        }),
        names: NAMES.get_or_init(|| Names::parse(include_str!("../../models/names.tsv"))),
    }
}

/// The word lists behind a word's gazetteer bits, one bit each in this order. The
/// first eight are asked about the word as written ("Paris"), the last three about its
/// lower case ("said").
const GAZETTEER_LISTS: usize = 11;

/// What the word lists and the clusters say about each word they know, in one table
/// keyed by the word's 64-bit FNV hash: a token's facts cost one or two lookups that
/// touch no key string (the lists and clusters were 15% of the time as separate sets).
/// A false match needs a 64-bit collision with one of some 80,000 words.
#[derive(Debug, Default)]
pub struct Words {
    map: ByHash<Fact>,
}

/// One word's facts.
#[derive(Clone, Copy, Debug, Default)]
struct Fact {
    /// Bit `i` set when the word is in list `i` of [`GAZETTEER_LISTS`].
    lists: u16,
    /// Coarse and fine cluster, if clustered.
    cluster: Option<(u16, u16)>,
}

impl Words {
    /// The facts of every word of `lex`'s lists and of `clusters`.
    pub fn new(lex: &Lexicon, clusters: &Clusters) -> Self {
        Self::with_clusters(lex, clusters.len(), clusters.iter())
    }

    /// The facts of every word of `lex`'s lists and of the clustered words `rows`
    /// (at most `count` of them).
    fn with_clusters<'c>(
        lex: &Lexicon,
        count: usize,
        rows: impl Iterator<Item = (&'c str, (u16, u16))>,
    ) -> Self {
        let lists: [&crate::lexicon::HashSet<&str>; GAZETTEER_LISTS] = [
            &lex.first_names,
            &lex.surnames,
            &lex.places,
            &lex.nationalities,
            &lex.organizations,
            &lex.org_words,
            &lex.misc_words,
            &lex.title_modifiers,
            &lex.titles,
            &lex.common,
            &lex.cues,
        ];
        let room = lists.iter().map(|l| l.len()).sum::<usize>() + count;
        let mut map = std::collections::HashMap::with_capacity_and_hasher(
            room,
            std::hash::BuildHasherDefault::default(),
        );
        for (i, list) in lists.iter().enumerate() {
            for w in *list {
                map.entry(word_hash(w)).or_insert(Fact::default()).lists |= 1 << i;
            }
        }
        for (w, c) in rows {
            map.entry(word_hash(w)).or_insert(Fact::default()).cluster = Some(c);
        }
        Words { map }
    }

    fn get(&self, w: &str) -> Fact {
        self.of_hash(word_hash(w))
    }

    fn of_hash(&self, h: u64) -> Fact {
        self.map.get(&h).copied().unwrap_or_default()
    }

    /// The coarse and fine cluster of the word whose [`word_hash`] is `h`, if clustered.
    pub(crate) fn clusters_of_hash(&self, h: u64) -> Option<(u16, u16)> {
        self.map.get(&h).and_then(|f| f.cluster)
    }
}

/// Feature groups, as a bit mask, so that training can leave one out (the ablation
/// table in docs/models.md).
pub mod groups {
    /// The word, its lower case, prefixes, suffixes, possessive.
    pub const LEXICAL: u8 = 1;
    /// Word shapes, sentence position, headline in capitals.
    pub const SHAPE: u8 = 2;
    /// The words around.
    pub const CONTEXT: u8 = 4;
    /// Gazetteer membership, alone and in phrases.
    pub const GAZETTEER: u8 = 8;
    /// What the rest of the document says about the word.
    pub const DOCUMENT: u8 = 16;
    /// Word clusters.
    pub const CLUSTERS: u8 = 32;
    /// Names mined from the training data.
    pub const NAMES: u8 = 64;
    /// Everything: what the compiled model uses.
    pub const ALL: u8 = 127;
    /// The group names, for the command line.
    pub const BY_NAME: [(&str, u8); 7] = [
        ("lexical", LEXICAL),
        ("shape", SHAPE),
        ("context", CONTEXT),
        ("gazetteer", GAZETTEER),
        ("document", DOCUMENT),
        ("clusters", CLUSTERS),
        ("names", NAMES),
    ];

    /// The group of a feature template.
    pub(super) fn of(template: u8) -> u8 {
        match template {
            1 | 2 | 4 | 5 | 23 => LEXICAL,
            3 | 10 | 11 | 12 | 15 | 24 | 25 => SHAPE,
            6..=9 | 13 | 14 => CONTEXT,
            17..=22 => GAZETTEER,
            34 => NAMES,
            26..=28 => DOCUMENT,
            29..=33 => CLUSTERS,
            _ => ALL,
        }
    }
}

/// The tags, BIO over CoNLL's four types (tag `1 + 2 × type + inside`). Index 0 is
/// "outside". BILOU was tried and scored a little lower on dev with twice the weights
/// (see docs/models.md).
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

pub(crate) const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Location,
    EntityKind::Misc,
];

/// The entity type of a tag (0..4), or `None` for "O".
fn tag_type(tag: usize) -> Option<usize> {
    (tag > 0).then(|| (tag - 1) / 2)
}

/// Whether a tag opens a name (B).
fn is_begin(tag: usize) -> bool {
    tag > 0 && tag % 2 == 1
}

/// The tag pairs BIO allows (`None` is the sentence's start or end): I-X only after
/// B-X or I-X.
pub fn allowed(prev: Option<usize>, tag: Option<usize>) -> bool {
    match tag {
        Some(t) if t > 0 && !is_begin(t) => prev.is_some_and(|p| tag_type(p) == tag_type(t)),
        _ => true,
    }
}

/// The name finder backed by the compiled model.
#[derive(Clone, Copy, Debug, Default)]
pub struct ModelNameFinder;

/// The compiled model, loaded on first use.
fn model() -> &'static Weights {
    static MODEL: OnceLock<Weights> = OnceLock::new();
    MODEL.get_or_init(|| {
        let (w, bits) = tagger::load(include_bytes!("../../models/ner.bin"))
            .expect("models/ner.bin is a model written by train-ner");
        assert_eq!(
            bits, BITS,
            "models/ner.bin was trained with other hash bits"
        );
        w
    })
}

impl NameFinder for ModelNameFinder {
    fn find_names(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        paragraphs: &[Paragraph],
        _taken: &[Span],
    ) -> Vec<Entity> {
        find_with(
            model(),
            learned(),
            groups::ALL,
            text,
            tokens,
            sentences,
            paragraphs,
        )
    }
}

/// The compiled model's tags for one sentence's tokens (indices into [`TAGS`]), read
/// as a document of its own.
pub fn tag(text: &str, toks: &[Token]) -> Vec<usize> {
    let doc = DocStats::new(text, toks, std::iter::once(0..toks.len()));
    let mut scratch = Scratch::default();
    let feats = features(
        FeatureHasher::new(BITS),
        lexicon(),
        learned(),
        &doc,
        text,
        toks,
        groups::ALL,
        &mut scratch,
    );
    model().viterbi(feats, allowed)
}

/// What the whole document says about each word, for non-local features: whether it
/// also occurs in lower case, capitalised mid-sentence, or first or last in a run of
/// capitalised words ("Clinton" after "Bill Clinton"; "JAPAN" in a headline after
/// "Japan" in the text).
#[derive(Debug, Default)]
pub struct DocStats {
    seen: SeenMap,
}

/// Flags by the [`word_hash`] of the word's [`key`]: no key string is kept or compared
/// (as in [`Words`], a false match needs a 64-bit collision).
type SeenMap = ByHash<u8>;

const SEEN_LOWER: u8 = 1;
const SEEN_CAP_MID: u8 = 2;
const SEEN_RUN_FIRST: u8 = 4;
const SEEN_RUN_LAST: u8 = 8;

/// The key of `w` (straight apostrophes, no possessive, lower case), written into
/// `buf` when it differs from `w`.
fn key<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    // One pass over the bytes for an ASCII word (most are), as the test below reads it.
    let plain = if w.is_ascii() {
        !w.bytes().any(|b| b == b'\'' || b.is_ascii_uppercase())
    } else {
        !w.contains(['’', '\'']) && !w.chars().any(char::is_uppercase)
    };
    if plain {
        return w;
    }
    buf.clear();
    let straight: std::borrow::Cow<str> = if w.contains('’') {
        w.replace('’', "'").into()
    } else {
        w.into()
    };
    push_lowercase(strip_possessive(&straight), buf);
    buf
}

/// Sets `flags` on a word.
fn mark(seen: &mut SeenMap, buf: &mut String, w: &str, flags: u8) {
    *seen.entry(word_hash(key(w, buf))).or_default() |= flags;
}

impl DocStats {
    /// Statistics of `tokens`, read sentence by sentence (`sentences` are token ranges).
    pub fn new(
        text: &str,
        tokens: &[Token],
        sentences: impl Iterator<Item = std::ops::Range<usize>>,
    ) -> Self {
        let mut seen = SeenMap::with_capacity_and_hasher(
            (tokens.len() / 2).min(1 << 12),
            std::hash::BuildHasherDefault::default(),
        );
        let mut buf = String::new();
        // A run of capitalised words, kept from sentence to sentence.
        let mut run: Vec<usize> = Vec::new();
        for r in sentences {
            let toks = &tokens[r];
            let words = toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == TokenKind::Word)
                .map(|(i, t)| (i, &text[t.span.range()]));
            // In a headline, in capitals or title case, capitals say nothing.
            let caps = line_case(text, toks) != LineCase::Plain;
            run.clear();
            for (n, (i, w)) in words.enumerate() {
                let upper = w.chars().next().is_some_and(char::is_uppercase);
                let mut flags = 0;
                if !upper {
                    flags |= SEEN_LOWER;
                } else if !caps && n > 0 {
                    flags |= SEEN_CAP_MID;
                }
                if flags != 0 {
                    mark(&mut seen, &mut buf, w, flags);
                }
                let joined = run.last().is_some_and(|&p| {
                    p + 1 == i && &text[toks[p].span.end..toks[i].span.start] == " "
                });
                if upper && !caps && (run.is_empty() || joined) {
                    run.push(i);
                } else {
                    close_run(text, toks, &run, &mut seen, &mut buf);
                    run.clear();
                    if upper && !caps {
                        run.push(i);
                    }
                }
            }
            close_run(text, toks, &run, &mut seen, &mut buf);
        }
        DocStats { seen }
    }

    /// The flags of a word given as the [`word_hash`] of its [`key`] (normalised, no
    /// possessive, lower case).
    fn flags_of_hash(&self, key: u64) -> u8 {
        self.seen.get(&key).copied().unwrap_or(0)
    }
}

fn close_run(text: &str, toks: &[Token], run: &[usize], seen: &mut SeenMap, buf: &mut String) {
    if run.len() >= 2 {
        mark(seen, buf, &text[toks[run[0]].span.range()], SEEN_RUN_FIRST);
        mark(
            seen,
            buf,
            &text[toks[run[run.len() - 1]].span.range()],
            SEEN_RUN_LAST,
        );
    }
}

/// How many words past a name its margin looks ([`Decoder::margins`]).
const MARGIN_AHEAD: usize = 2;

/// Tags every sentence with `weights` and turns the tags into entities.
pub fn find_with(
    weights: &Weights,
    learned: Learned<'_>,
    enabled: u8,
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    paragraphs: &[Paragraph],
) -> Vec<Entity> {
    let lex = lexicon();
    let h = FeatureHasher::new(BITS);
    let doc = DocStats::new(text, tokens, sentences.iter().map(|s| s.tokens.clone()));
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    let mut decoder = Decoder::new(weights, allowed);
    // Room for the longest sentence at once, not grown sentence by sentence.
    let (most_tokens, most_bytes) = sentences.iter().fold((0, 0), |(a, b), s| {
        (a.max(s.tokens.len()), b.max(s.span.len()))
    });
    scratch.reserve(most_tokens, most_bytes);
    decoder.reserve(most_tokens);
    // Each sentence's names in `out`, and whether it is a title-case headline.
    let mut lines = Vec::with_capacity(sentences.len());
    for s in sentences {
        let toks = &tokens[s.tokens.clone()];
        let feats = features(h, lex, learned, &doc, text, toks, enabled, &mut scratch);
        let tags = decoder.decode(feats);
        let from = out.len();
        spans_of(text, toks, tags, &mut out);
        // A name's margin is its least sure word's, looking two words past it.
        let mut k = 0;
        for e in &mut out[from..] {
            while k < toks.len() && toks[k].span.end <= e.span.start {
                k += 1;
            }
            let first = k;
            while k < toks.len() && toks[k].span.start < e.span.end {
                k += 1;
            }
            let least = decoder
                .margins(first..k, MARGIN_AHEAD)
                .iter()
                .copied()
                .fold(f32::INFINITY, f32::min);
            e.margin = least.is_finite().then_some(least);
        }
        join_hyphenated(text, &mut out, from);
        // A headline: a title-case line in the headline's paragraph.
        let title = paragraphs.get(s.paragraph).is_some_and(|p| p.headline)
            && line_case(text, toks) == LineCase::Title;
        lines.push((toks, from..out.len(), title));
    }
    if lines.iter().any(|l| l.2) {
        out = headline_names_from_body(text, &lines, out);
    }
    transcript_labels(paragraphs, &mut out);
    plural_names_are_groups(text, &mut out);
    named_storms(text, &mut out);
    companies_by_trade(text, &mut out);
    agree_on_kinds(text, &mut out);
    let calibration = confidence::compiled();
    for e in &mut out {
        e.confidence = e.margin.map(|m| calibration.probability(m));
    }
    out
}

/// "The Kestrels", "the Harriers": a one-word plural name after "the" that some
/// mention reads as a person or an organisation is a team, a band or a company (a
/// family, "the Smiths", is a surname the lists know; "the Olympics", read as MISC
/// only, stays so), and every mention of it read as a person or as MISC is made one
/// ("Kestrels manager Elena Marsh").
fn plural_names_are_groups(text: &str, names: &mut [Entity]) {
    let lex = lexicon();
    let after_the = |e: &Entity| {
        text[..e.span.start]
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(|c: char| !c.is_alphanumeric()).next())
            .is_some_and(|w| w == "the" || w == "The")
    };
    if !names
        .iter()
        .any(|e| after_the(e) && text[e.span.range()].ends_with('s'))
    {
        return;
    }
    let read_as_named: crate::lexicon::HashSet<&str> = names
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization))
        .map(|e| &text[e.span.range()])
        .collect();
    let mut groups = crate::lexicon::HashSet::default();
    for e in names.iter().filter(|e| e.kind != EntityKind::Location) {
        let name = &text[e.span.range()];
        let Some(stem) = name.strip_suffix('s') else {
            continue;
        };
        let the = after_the(e);
        let single = !name.contains(|c: char| !c.is_alphanumeric());
        let family = [stem, name]
            .iter()
            .any(|w| lex.surnames.contains(w) || lex.first_names.contains(w));
        if the && single && !family && read_as_named.contains(name) {
            groups.insert(name);
        }
    }
    if groups.is_empty() {
        return;
    }
    for e in names.iter_mut() {
        if matches!(e.kind, EntityKind::Person | EntityKind::Misc)
            && groups.contains(&text[e.span.range()])
        {
            e.kind = EntityKind::Organization;
        }
    }
}

/// "Harlow Appliances", "Kelso Foods": a name of two words or more that ends in a trade
/// of `trade_words.txt` is a company, whatever place or person its first words name.
fn companies_by_trade(text: &str, names: &mut [Entity]) {
    let lex = lexicon();
    for e in names.iter_mut() {
        if !matches!(e.kind, EntityKind::Person | EntityKind::Location) {
            continue;
        }
        let name = &text[e.span.range()];
        // A byte scan: names are short, and a search's set-up would cost more.
        if let Some(space) = name.bytes().rposition(|b| b == b' ') {
            if lex.trade_words.contains(&name[space + 1..]) {
                e.kind = EntityKind::Organization;
            }
        }
    }
}

/// "Storm Agnes", "Hurricane Katrina": a name opened by a word of `storm_words.txt`,
/// or right after one ("Storm" left out of a headline's name), is a storm's, MISC as
/// CoNLL-2003 marks events, with the word in its span; so is every other mention of
/// the bare name ("Agnes brought down trees"). Not a place so named ("Storm Lake") nor
/// a person whose name goes on with a surname ("Storm Reid").
fn named_storms(text: &str, names: &mut [Entity]) {
    let lex = lexicon();
    // Whether `rest` can be a storm's name: no place, and no surname but a first name.
    let can_be_storm = |rest: &str| {
        !rest.is_empty()
            && !lex.places.contains(rest)
            && (!lex.surnames.contains(rest) || lex.first_names.contains(rest))
    };
    let mut storms = crate::lexicon::HashSet::default();
    let mut before_end = 0;
    for e in names.iter_mut() {
        let name = &text[e.span.range()];
        // Byte scans, as names and words are short; a storm word is capitalised ASCII.
        let opened = name
            .bytes()
            .position(|b| b == b' ')
            .map(|space| (&name[..space], &name[space + 1..]))
            .filter(|(first, rest)| lex.storm_words.contains(first) && can_be_storm(rest));
        // The word right before the name (after the name before it): from the last byte
        // that is ASCII and no letter or digit (a non-ASCII character's bytes are a
        // word's).
        let word_before = || {
            text[before_end..e.span.start]
                .strip_suffix(' ')
                .map(|b| {
                    let start = b
                        .bytes()
                        .rposition(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
                        .map_or(0, |i| i + 1);
                    &b[start..]
                })
                .filter(|w| w.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
                .filter(|w| lex.storm_words.contains(w))
        };
        if let Some((_, rest)) = opened {
            e.kind = EntityKind::Misc;
            storms.insert(rest);
        } else if let Some(word) = word_before().filter(|_| can_be_storm(name)) {
            e.span.start -= word.len() + 1;
            e.kind = EntityKind::Misc;
            storms.insert(name);
        }
        before_end = e.span.end;
    }
    if storms.is_empty() {
        return;
    }
    for e in names.iter_mut() {
        if storms.contains(&text[e.span.range()]) {
            e.kind = EntityKind::Misc;
        }
    }
}

/// A transcript's speaker labels are people: a paragraph the layout found to be a
/// speaker's turn ([`crate::layout::Label::turn`]: "WALLACE: Why now?") is said by a
/// person of that label, whatever the model, which reads capitals as a headline's,
/// made of it (a place, an organisation or nothing).
fn transcript_labels(paragraphs: &[Paragraph], names: &mut Vec<Entity>) {
    let labels: Vec<Span> = paragraphs
        .iter()
        .filter_map(|p| p.label.filter(|l| l.turn).map(|l| l.span))
        .collect();
    if labels.is_empty() {
        return;
    }
    // The names the labels replace (both lists in text order: one walk).
    let mut next = 0;
    names.retain(|e| {
        while next < labels.len() && labels[next].end <= e.span.start {
            next += 1;
        }
        !labels.get(next).is_some_and(|l| l.overlaps(e.span))
    });
    let people: Vec<Entity> = labels
        .into_iter()
        .map(|span| Entity {
            span,
            kind: EntityKind::Person,
            group: None,
            titled: false,
            margin: None,
            confidence: None,
        })
        .collect();
    let mut merged = Vec::with_capacity(names.len() + people.len());
    merge_in_text_order(std::mem::take(names), people, &mut merged);
    *names = merged;
}

/// Pushes the names of `a` and `b`, each in text order, onto `out` in text order (one
/// of `b` before one of `a` only where it starts earlier): merged, not sorted (a sort
/// is 5 KB of wasm).
fn merge_in_text_order(a: Vec<Entity>, b: Vec<Entity>, out: &mut Vec<Entity>) {
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let Some(first) = match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y.span.start < x.span.start => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    } {
        out.push(first);
    }
}

/// A title-case headline's names read as the rest of the document reads them: its
/// capitals say nothing, but "Mitt Romney" in a headline is the "Mitt Romney" of the
/// text below it. In each title-case line the longest runs of words (up to six, joined
/// by single spaces) that the other lines name are names, of the kind found there; a
/// name the model found in the line gives way to them where they overlap, unless it
/// ends with them and has their kind ("Hillary Clinton" where the text says "Clinton";
/// not "Harbour Bank Deal Stalls" where it says "Harbour Bank"). A person's surname
/// alone is the person. A name so found carries the margin of its first mention below.
///
/// `lines` holds each sentence's tokens, the range of its names in `names`, and whether
/// it is a title-case line.
fn headline_names_from_body(
    text: &str,
    lines: &[(&[Token], std::ops::Range<usize>, bool)],
    names: Vec<Entity>,
) -> Vec<Entity> {
    // Each name of the body with its kind and its first mention's margin, which a
    // headline's copy of it carries.
    let mut known: crate::lexicon::HashMap<&str, (EntityKind, Option<f32>)> =
        crate::lexicon::HashMap::default();
    for (_, r, title) in lines {
        if !title {
            for e in &names[r.clone()] {
                let name = &text[e.span.range()];
                known.entry(name).or_insert((e.kind, e.margin));
                // A person's surname is the person ("Tarrow" of "Dan Tarrow").
                if let (EntityKind::Person, Some((_, last))) = (e.kind, name.rsplit_once(' ')) {
                    known.entry(last).or_insert((EntityKind::Person, e.margin));
                }
            }
        }
    }
    if known.is_empty() {
        return names;
    }
    let mut out = Vec::with_capacity(names.len());
    for (toks, r, title) in lines {
        let model = &names[r.clone()];
        if !title {
            out.extend_from_slice(model);
            continue;
        }
        let mut found: Vec<Entity> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut best = None;
            for end in i..toks.len().min(i + 6) {
                let joined = end == i || &text[toks[end - 1].span.end..toks[end].span.start] == " ";
                if toks[end].kind != TokenKind::Word || !joined {
                    break;
                }
                let last = &text[toks[end].span.range()];
                let span = Span::new(
                    toks[i].span.start,
                    toks[end].span.end - (last.len() - strip_possessive(last).len()),
                );
                if let Some(&(kind, margin)) = known.get(&text[span.range()]) {
                    best = Some((end + 1, span, kind, margin));
                }
            }
            let Some((next, span, kind, margin)) = best else {
                i += 1;
                continue;
            };
            found.push(Entity {
                span,
                kind,
                group: None,
                titled: false,
                margin,
                confidence: None,
            });
            i = next;
        }
        let stays = |m: &Entity| {
            found
                .iter()
                .filter(|f| f.span.overlaps(m.span))
                .all(|f| f.kind == m.kind && m.span.contains(f.span) && m.span.end == f.span.end)
        };
        let kept: Vec<Entity> = model.iter().filter(|m| stays(m)).cloned().collect();
        found.retain(|f| !kept.iter().any(|m| m.span.overlaps(f.span)));
        merge_in_text_order(kept, found, &mut out);
    }
    out
}

/// One name, one kind per document: where the same name was tagged with different
/// kinds, the kind most of its mentions got wins (a tie goes to a place the word lists
/// know, "Kharkiv, Ukraine" at a sentence's start read as "Smith, 45"; other ties stay
/// as tagged).
fn agree_on_kinds(text: &str, names: &mut [Entity]) {
    let mut votes: crate::lexicon::HashMap<&str, [usize; 4]> = crate::lexicon::HashMap::default();
    for e in names.iter() {
        if let Some(k) = KINDS.iter().position(|k| *k == e.kind) {
            votes.entry(&text[e.span.range()]).or_default()[k] += 1;
        }
    }
    // A one-word name that ends a person's full name in the document is that person
    // ("Clinton" after "Bill Clinton", "CLINTON" too).
    let surnames: crate::lexicon::HashSet<&str> = names
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| {
            let t = &text[e.span.range()];
            t.contains(' ').then(|| t.rsplit(' ').next()).flatten()
        })
        .collect();
    for e in names.iter_mut() {
        let t = &text[e.span.range()];
        // In capitals too: a transcript's "REYLAND:" is "Tom Reyland".
        let caps = || crate::words::is_all_caps(t) && surnames.contains(title_case(t).as_str());
        if !t.contains(' ') && (surnames.contains(t) || caps()) {
            e.kind = EntityKind::Person;
            continue;
        }
        let Some(v) = votes.get(t) else { continue };
        let Some(own) = KINDS.iter().position(|k| *k == e.kind) else {
            continue;
        };
        let known_place = lexicon().places.contains(t);
        let place = |k: usize| known_place && KINDS[k] == EntityKind::Location;
        let best = (0..4)
            .max_by_key(|&k| (v[k], place(k), k == own))
            .unwrap_or(own);
        if v[best] > v[own] || place(best) && !place(own) {
            e.kind = KINDS[best];
        }
    }
}

/// Joins names of one kind that a tight hyphen or ampersand links ("EPA-EFE",
/// "Mercedes-Benz", "AT&T"): CoNLL's tokens keep such a compound whole, the product's
/// split it, and the model may tag the halves apart; or leave the second half out when
/// it is an acronym ("EPA" of "EPA-EFE"), which then joins an organisation's name.
fn join_hyphenated(text: &str, out: &mut Vec<Entity>, from: usize) {
    for i in from..out.len() {
        let e = &out[i];
        let rest = &text[e.span.end..];
        let Some(acronym) = rest.strip_prefix('-') else {
            continue;
        };
        let len = acronym.bytes().take_while(u8::is_ascii_uppercase).count();
        let whole = !acronym[len..].starts_with(|c: char| c.is_alphanumeric());
        let free = out
            .get(i + 1)
            .is_none_or(|n| n.span.start > e.span.end + 1 + len);
        if e.kind == EntityKind::Organization && len >= 2 && whole && free {
            out[i].span.end += 1 + len;
        }
    }
    let mut i = from.max(1);
    while i < out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        if i > from && a.kind == b.kind && matches!(&text[a.span.end..b.span.start], "-" | "&") {
            out[i - 1].span.end = out[i].span.end;
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Entities from a sentence's tags; a trailing possessive "'s" is left out of a name.
fn spans_of(text: &str, toks: &[Token], tags: &[usize], out: &mut Vec<Entity>) {
    let word = |k: usize| &text[toks[k].span.range()];
    let mut i = 0;
    while i < tags.len() {
        let Some(ty) = tag_type(tags[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while i < tags.len() && tag_type(tags[i]) == Some(ty) && !is_begin(tags[i]) {
            i += 1;
        }
        let mut start = start;
        // A name never starts with punctuation (". Haldane" after "Mr", "― Ana Ruiz" after
        // a quote): the model sometimes opens it there.
        while start + 1 < i && is_leading_punct(word(start)) {
            start += 1;
        }
        if KINDS[ty] == EntityKind::Person && i - start >= 3 {
            // "Harbour Master Fiona Grant": words before a first name that are not names
            // themselves are a title.
            let lex = lexicon();
            if let Some(k) = (start + 1..i - 1).find(|&k| lex.first_names.contains(word(k))) {
                if (start..k).all(|j| !lex.first_names.contains(word(j))) {
                    start = k;
                }
            }
        }
        // An Irish surname's particle ("Conor Ó Briain", "Seán Mac Diarmada"): the name is
        // a person's, and a capitalised word right before a name that opens with the
        // particle is its first name. The model, trained on 1996 Reuters, reads such
        // names as organisations or leaves the first name out.
        let particle = |k: usize| IRISH_PARTICLES.contains(&word(k)) && k + 1 < i;
        let irish = (start..i).any(particle);
        if irish
            && particle(start)
            && start > 0
            && crate::entities::is_capitalised(word(start - 1))
            && text[toks[start - 1].span.end..toks[start].span.start] == *" "
            && out
                .last()
                .is_none_or(|e| e.span.end <= toks[start - 1].span.start)
        {
            start -= 1;
        }
        let last = toks[i - 1].span;
        let end = last.start + strip_possessive(&text[last.range()]).len();
        let span = Span::new(toks[start].span.start, end);
        if span.is_empty() {
            continue;
        }
        // The hand-written list of organisations outranks the 1996 annotation habits the
        // model learned ("White House" was a place in CoNLL-2003).
        let kind = if lexicon().organizations.contains(&text[span.range()]) {
            EntityKind::Organization
        } else if irish {
            EntityKind::Person
        } else if KINDS[ty] == EntityKind::Person
            && i - start >= 2
            && STREET_WORDS.contains(&word(i - 1))
        {
            // No one is called "Dominick Street": a person's name that ends in a street
            // word is a place.
            EntityKind::Location
        } else {
            KINDS[ty]
        };
        let titled = start > 0
            && lexicon()
                .titles
                .contains(text[toks[start - 1].span.range()].to_lowercase().as_str());
        out.push(Entity {
            span,
            kind,
            group: None,
            titled,
            margin: None,
            confidence: None,
        });
    }
}

/// The last words of street names.
const STREET_WORDS: [&str; 9] = [
    "Street",
    "Road",
    "Avenue",
    "Lane",
    "Square",
    "Quay",
    "Boulevard",
    "Drive",
    "Terrace",
];

/// The particles of Irish surnames, written apart from the name they open ("Ó Briain",
/// "Ní Bhriain", "Mac Diarmada", "Uí Néill").
const IRISH_PARTICLES: [&str; 7] = ["Ó", "Ní", "Nic", "Uí", "Ua", "Mac", "Mhic"];

/// Punctuation that cannot open a name: stops, commas, dashes, brackets and quotation
/// marks (not "@", "#" or "&", which handles and names may start with).
fn is_leading_punct(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(|c| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"' | '\''
            ) || matches!(c, '‐'..='―' | '‘'..='‟')
        })
}

/// "Xxxx" → "Xx", "U.S" → "X.X", "1996-08-22" → "d-d-d": each run of a class once.
#[cfg(test)]
fn shape(w: &str) -> String {
    let mut out = String::new();
    shape_into(w, &mut out);
    out
}

/// A token's gazetteer bits and clusters. The lists are asked about the word
/// without a possessive, in title case when it is all capitals ("PARIS"), and about its
/// lower case; the clusters about the word, or in a capitals headline its title case.
fn facts(words: &Words, w: &str, lower: &str, h: Hashes) -> (u16, Option<(u16, u16)>) {
    let whole = words.of_hash(h.raw);
    let bare = strip_possessive(w);
    let shouting = bare.chars().all(|c| !c.is_lowercase()) && bare.chars().count() > 1;
    let cased = if shouting {
        // In a capitals headline the title case of the whole word is hashed already.
        match h.title {
            Some(t) if bare.len() == w.len() => words.of_hash(t),
            _ => words.get(&title_case(bare)),
        }
    } else if bare.len() == w.len() {
        whole
    } else {
        words.get(bare)
    };
    let lowered = if !shouting && lower == bare {
        cased
    } else {
        words.of_hash(h.lower)
    };
    let cluster = whole
        .cluster
        .or_else(|| h.title.and_then(|t| words.of_hash(t).cluster));
    ((cased.lists & 0xff) | (lowered.lists & 0x700), cluster)
}

/// A token's [`word_hash`]es: as written, in lower case (its document-statistics
/// key), and in title case in a capitals headline.
#[derive(Clone, Copy)]
struct Hashes {
    raw: u64,
    lower: u64,
    title: Option<u64>,
}

/// For each token, the kind (1 org, 2 place, 3 nationality) and position (begin or
/// inside) of the longest multi-word gazetteer name it belongs to.
fn phrase_matches(
    lex: &Lexicon,
    text: &str,
    toks: &[Token],
    caps: bool,
    titled: &mut String,
    out: &mut Vec<u8>,
) {
    out.clear();
    out.resize(toks.len(), 0);
    let mut i = 0;
    while i < toks.len() {
        let mut found = None;
        let capital = text[toks[i].span.range()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        for e in (i + 2..=toks.len().min(i + 4)).rev().filter(|_| capital) {
            let joined = (i..e - 1).all(|k| &text[toks[k].span.end..toks[k + 1].span.start] == " ");
            if !joined {
                continue;
            }
            let raw = &text[toks[i].span.start..toks[e - 1].span.end];
            let name = if caps {
                titled.clear();
                for (k, word) in raw.split(' ').enumerate() {
                    if k > 0 {
                        titled.push(' ');
                    }
                    push_title_case(word, titled);
                }
                titled.as_str()
            } else {
                raw
            };
            let kind = if lex.organizations.contains(name) {
                1
            } else if lex.places.contains(name) {
                2
            } else if lex.nationalities.contains(name) {
                3
            } else {
                continue;
            };
            found = Some((e, kind));
            break;
        }
        if let Some((e, kind)) = found {
            out[i] = kind * 2;
            for o in &mut out[i + 1..e] {
                *o = kind * 2 + 1;
            }
            i = e;
        } else {
            i += 1;
        }
    }
}

/// What [`features`] works out about each token before it makes the features, and the
/// features themselves: buffers kept from sentence to sentence (one set a document), so
/// that once the longest sentence has been read a sentence allocates only the list of
/// its words.
#[derive(Default)]
pub struct Scratch {
    /// The lower cases of the words with capitals, one after another.
    buffer: String,
    /// Where each token's lower case is in `buffer` (`None`: the word is its own).
    lower_at: Vec<Option<std::ops::Range<usize>>>,
    /// One token's shape, or a name of several words joined by spaces.
    word: String,
    /// Per token: its hashes and word-list facts.
    facts: Vec<TokenFacts>,
    /// Per token: its multi-word gazetteer name ([`phrase_matches`]).
    phrases: Vec<u8>,
    /// Per token: the training name it is part of (kinds, and B 16 or I 32).
    names: Vec<u8>,
    /// The sentence's features.
    feats: Feats,
}

impl Scratch {
    /// Makes room for sentences of up to `tokens` tokens and `bytes` bytes, so that
    /// reading them allocates only each one's list of words.
    pub fn reserve(&mut self, tokens: usize, bytes: usize) {
        self.buffer.reserve(bytes);
        self.lower_at.reserve(tokens);
        self.facts.reserve(tokens);
        self.phrases.reserve(tokens);
        self.names.reserve(tokens);
        self.feats.reset(tokens, FEATURES_A_TOKEN);
    }
}

/// About how many features a token has (the most is about 55).
const FEATURES_A_TOKEN: usize = 48;

/// What [`features`] knows of one token before making its features.
#[derive(Clone, Copy)]
struct TokenFacts {
    hash: Hashes,
    /// The hash of its shape.
    shape: u64,
    /// Its gazetteer bits and clusters ([`facts`]).
    lists: u16,
    clusters: Option<(u16, u16)>,
}

/// The features of every token of one sentence, made in `scratch` (whose earlier
/// contents go).
#[allow(clippy::too_many_arguments)] // the sentence, what it is read with, and the buffers
pub fn features<'s>(
    h: FeatureHasher,
    lex: &Lexicon,
    learned: Learned<'_>,
    doc: &DocStats,
    text: &str,
    toks: &[Token],
    enabled: u8,
    scratch: &'s mut Scratch,
) -> &'s Feats {
    let Scratch {
        buffer,
        lower_at,
        word,
        facts: known,
        phrases,
        names,
        feats: out,
    } = scratch;
    let words: Vec<std::borrow::Cow<str>> = toks
        .iter()
        .map(|t| normalise(&text[t.span.range()]))
        .collect();
    // The lower cases in one buffer. A word without capitals is its own lower case
    // and stays in the text.
    buffer.clear();
    lower_at.clear();
    for w in &words {
        let w = strip_possessive(w);
        lower_at.push(if w.chars().any(char::is_uppercase) {
            let start = buffer.len();
            push_lowercase(w, buffer);
            Some(start..buffer.len())
        } else {
            None
        });
    }
    let buffer = &*buffer;
    let lower = |i: usize| -> &str {
        lower_at[i]
            .clone()
            .map_or_else(|| strip_possessive(&words[i]), |r| &buffer[r])
    };
    let case = line_case(text, toks);
    let caps = case == LineCase::Caps;
    // Each token's word, lower case and shape are hashed once; the word lists are
    // asked by these hashes, and a feature's id mixes its template with them (and small
    // numbers) in a few multiplications, instead of hashing the same bytes again for
    // every template that reads them.
    known.clear();
    for (i, w) in words.iter().enumerate() {
        let l = lower(i);
        let raw = word_hash(w);
        let hash = Hashes {
            raw,
            // Most words are their own lower case.
            lower: if l.len() == w.len() && lower_at[i].is_none() {
                raw
            } else {
                word_hash(l)
            },
            // In a capitals headline the word reads as its title case ("JAPAN" as
            // "Japan"), sharing what the model learned from running text.
            title: caps.then(|| {
                word.clear();
                push_title_case(w, word);
                word_hash(word)
            }),
        };
        word.clear();
        shape_into(w, word);
        let (lists, clusters) = facts(learned.words, w, l, hash);
        // A title-case headline's shapes are a vocabulary of their own: "Xx" there says
        // little of a name.
        let shape = word_hash(word);
        known.push(TokenFacts {
            hash,
            shape: if case == LineCase::Title {
                mix(shape, TITLE_SHAPE)
            } else {
                shape
            },
            lists,
            clusters,
        });
    }
    phrase_matches(lex, text, toks, caps, word, phrases);
    let n = toks.len();
    // Training names: the longest known name (up to 4 words) each token is part of;
    // the mask carries the position (B 16, I 32) with the types.
    names.clear();
    names.resize(n, 0);
    let mut i = 0;
    while i < n {
        let capital = words[i].chars().next().is_some_and(char::is_uppercase);
        // Only as far as a known name starting with this word goes.
        let most = if capital {
            learned.names.longest_from(&words[i]).min(4)
        } else {
            0
        };
        // The words joined once, as far as single spaces join them; each shorter name is
        // a prefix of that text, asked from the longest.
        word.clear();
        let mut ends = [0usize; 4];
        let mut len = 0;
        for k in i..n.min(i + most) {
            if k > i {
                if &text[toks[k - 1].span.end..toks[k].span.start] != " " {
                    break;
                }
                word.push(' ');
            }
            word.push_str(&words[k]);
            ends[len] = word.len();
            len += 1;
        }
        let found = (0..len).rev().find_map(|j| {
            let m = learned.names.get(strip_possessive(&word[..ends[j]]));
            (m != 0).then_some((i + j + 1, m))
        });
        if let Some((e, m)) = found {
            names[i] = m | 16;
            for x in &mut names[i + 1..e] {
                *x = m | 32;
            }
            i = e;
        } else {
            i += 1;
        }
    }
    // A neighbour's value (its lower case's or shape's hash), or the sentence's edge.
    let at = |value: fn(&TokenFacts) -> u64, i: isize| -> u64 {
        if i < 0 {
            SENTENCE_START
        } else {
            known.get(i as usize).map_or(SENTENCE_END, value)
        }
    };
    let hl: fn(&TokenFacts) -> u64 = |f| f.hash.lower;
    let hs: fn(&TokenFacts) -> u64 = |f| f.shape;
    let fine = |i: isize| -> u64 {
        if i < 0 {
            SENTENCE_START
        } else if i as usize >= n {
            SENTENCE_END
        } else {
            known[i as usize]
                .clusters
                .map_or(0xffff, |(_, b)| u64::from(b))
        }
    };
    let caps_flag = case as u64;
    out.reset(n, FEATURES_A_TOKEN);
    let add = |out: &mut Feats, template: u8, value: u64| {
        if enabled & groups::of(template) != 0 {
            out.push(h.id_of(template, value));
        }
    };
    for i in 0..n {
        let ii = i as isize;
        let w = &*words[i];
        let k = known[i];
        let (l, s) = (k.hash.lower, k.shape);
        add(out, 0, 0);
        add(out, 1, k.hash.title.unwrap_or(k.hash.raw));
        add(out, 2, l);
        add(out, 3, mix(s, caps_flag));
        // Prefixes and suffixes of 1 to 4 characters, hashed as they grow.
        let (mut pre, mut suf) = (Fnv::default(), Fnv::default());
        for (c, d) in lower(i).chars().zip(lower(i).chars().rev()).take(4) {
            let mut bytes = [0u8; 4];
            pre.write(c.encode_utf8(&mut bytes).as_bytes());
            add(out, 4, pre.finish());
            suf.write(d.encode_utf8(&mut bytes).as_bytes());
            add(out, 5, suf.finish());
        }
        add(out, 6, at(hl, ii - 1));
        add(out, 7, at(hl, ii + 1));
        add(out, 8, at(hl, ii - 2));
        add(out, 9, at(hl, ii + 2));
        add(out, 10, at(hs, ii - 1));
        add(out, 11, at(hs, ii + 1));
        add(out, 12, mix(mix(at(hs, ii - 1), s), at(hs, ii + 1)));
        add(out, 13, mix(at(hl, ii - 1), l));
        add(out, 14, mix(l, at(hl, ii + 1)));
        if i == 0 {
            add(out, 15, s);
        }
        add(out, 17, u64::from(k.lists));
        for bit in 0..11 {
            if k.lists & (1 << bit) != 0 {
                add(out, 18, mix(bit, caps_flag));
            }
        }
        let gp = if i > 0 { known[i - 1].lists } else { 0xffff };
        let gn = if i + 1 < n {
            known[i + 1].lists
        } else {
            0xffff
        };
        add(out, 19, u64::from(gp));
        add(out, 20, u64::from(gn));
        add(out, 21, u64::from(phrases[i]));
        add(out, 22, mix(u64::from(phrases[i]), s));
        if names[i] != 0 {
            add(out, 34, mix(u64::from(names[i]), caps_flag));
        }
        if w.len() != strip_possessive(w).len() {
            add(out, 23, 0);
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            let d = u64::from(doc.flags_of_hash(l));
            add(out, 26, d | caps_flag << 8 | u64::from(i == 0) << 10);
            add(out, 27, mix(d, s));
            for bit in 0..4 {
                if d & (1 << bit) != 0 {
                    add(out, 28, mix(bit, caps_flag));
                }
            }
        }
        if let Some((a, b)) = k.clusters {
            add(out, 29, u64::from(a));
            add(out, 30, u64::from(b));
            add(out, 33, mix(u64::from(b), s));
        }
        add(out, 31, fine(ii - 1));
        add(out, 32, fine(ii + 1));
        add(out, 24, mix(at(hs, ii - 1), s));
        add(out, 25, mix(s, at(hs, ii + 1)));
        out.end_token();
    }
    out
}

/// Mixed into every shape of a title-case headline ("Title").
const TITLE_SHAPE: u64 = 0x5469_746c_6500_0003;
/// The value features read before a sentence's first token ("<s>").
const SENTENCE_START: u64 = 0x3c73_3e00_0000_0001;
/// The value features read after a sentence's last token ("</s>").
const SENTENCE_END: u64 = 0x3c2f_733e_0000_0002;

#[cfg(test)]
mod tests;
