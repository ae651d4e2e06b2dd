//! The first version's name finder, kept as the tested alternative behind
//! [`NameFinder`]: capitalised runs of tokens, split at titles and classified by
//! gazetteers, title cues, organisation words and document context.

use super::lines::{
    is_capitalised, is_possessive, line_case, strip_possessive, title_case, LineCase,
};
use super::{Entity, EntityKind, NameFinder};
use crate::layout::Paragraph;
use crate::lexicon::{lexicon, Lexicon};
use crate::lexicon::{HashMap, HashSet};
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tokens::{Token, TokenKind};
use crate::words::is_all_caps;

/// The first version's name finder: capitalised runs of tokens, split at titles and
/// classified by gazetteers, title cues, organisation words and document context.
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleNameFinder;

/// A capitalised chunk before its kind is settled.
struct Chunk {
    tokens: std::ops::Range<usize>,
    span: Span,
    kind: Option<EntityKind>,
    titled: bool,
}

impl NameFinder for RuleNameFinder {
    fn find_names(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        _paragraphs: &[Paragraph],
        taken: &[Span],
    ) -> Vec<Entity> {
        let lex = lexicon();
        let mut chunks: Vec<Chunk> = Vec::new();
        for sentence in sentences {
            let caps_line = line_case(text, &tokens[sentence.tokens.clone()]) == LineCase::Caps;
            for run in capitalised_runs(text, tokens, sentence, taken) {
                split_run(text, tokens, lex, run, caps_line, &mut chunks);
            }
        }
        settle_by_document(text, lex, tokens, &mut chunks);
        chunks
            .into_iter()
            .filter_map(|c| {
                c.kind.map(|kind| Entity {
                    span: c.span,
                    kind,
                    group: None,
                    titled: c.titled,
                    margin: None,
                    confidence: None,
                })
            })
            .collect()
    }
}

fn tok(text: &str, t: Token) -> &str {
    &text[t.span.range()]
}

/// Words after which an unknown name is more likely a place ("in Port Elwin").
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "from", "to", "near", "outside"];

const CONNECTORS: &[&str] = &[
    "of", "de", "del", "der", "van", "von", "da", "al", "bin", "la", "le",
];

/// Maximal runs of capitalised tokens in a sentence (joined by single spaces,
/// connectors such as "of", tight hyphens and initials), as token ranges.
fn capitalised_runs(
    text: &str,
    tokens: &[Token],
    sentence: &Sentence,
    taken: &[Span],
) -> Vec<std::ops::Range<usize>> {
    let is_taken = |span: Span| {
        let i = taken.partition_point(|t| t.end <= span.start);
        taken.get(i).is_some_and(|t| t.overlaps(span))
    };
    let is_cap = |i: usize| {
        let t = tokens[i];
        let s = tok(text, t);
        t.kind == TokenKind::Word && is_capitalised(s) && !is_taken(t.span) && s != "I"
    };
    let gap = |a: usize, b: usize| &text[tokens[a].span.end..tokens[b].span.start];
    let mut runs = Vec::new();
    let mut i = sentence.tokens.start;
    let end = sentence.tokens.end;
    while i < end {
        if !is_cap(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut last = i;
        loop {
            if is_possessive(tok(text, tokens[last])) {
                break;
            }
            let n = last + 1;
            if n >= end {
                break;
            }
            let g = gap(last, n);
            if g == " " && is_cap(n) {
                last = n;
                continue;
            }
            let ns = tok(text, tokens[n]);
            // "George W. Bush": an initial and its period.
            if g.is_empty()
                && ns == "."
                && tok(text, tokens[last]).chars().count() == 1
                && n + 1 < end
                && gap(n, n + 1) == " "
                && is_cap(n + 1)
            {
                last = n + 1;
                continue;
            }
            // "EPA-EFE", "AT&T": a tight hyphen or ampersand between capitals.
            if g.is_empty()
                && matches!(ns, "-" | "&")
                && n + 1 < end
                && gap(n, n + 1).is_empty()
                && is_cap(n + 1)
            {
                last = n + 1;
                continue;
            }
            // "Bank of America", "Ludwig van Beethoven".
            if g == " "
                && CONNECTORS.contains(&ns)
                && n + 1 < end
                && gap(n, n + 1) == " "
                && is_cap(n + 1)
            {
                last = n + 1;
                continue;
            }
            break;
        }
        runs.push(start..last + 1);
        i = last + 1;
    }
    runs
}

/// The kind a gazetteer gives a name, if any.
fn gazetteer_kind(lex: &Lexicon, name: &str) -> Option<EntityKind> {
    if lex.organizations.contains(name) {
        Some(EntityKind::Organization)
    } else if lex.nationalities.contains(name) {
        Some(EntityKind::Misc)
    } else if lex.places.contains(name) {
        Some(EntityKind::Location)
    } else if name.contains('.') {
        // "U.S." is "US", "U.K." is "UK".
        let bare: String = name.chars().filter(|c| *c != '.').collect();
        (bare != name).then(|| gazetteer_kind(lex, &bare)).flatten()
    } else {
        None
    }
}

/// The text of tokens `a..b` with white space folded, possessive dropped.
fn name_of(text: &str, tokens: &[Token], a: usize, b: usize, caps_line: bool) -> String {
    let raw = &text[tokens[a].span.start..tokens[b - 1].span.end];
    let raw = strip_possessive(raw);
    let folded: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if caps_line {
        folded
            .split(' ')
            .map(title_case)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        folded
    }
}

/// Splits a run at titles ("White House Press Secretary Jen Psaki" -> "White House",
/// title, "Jen Psaki") and classifies each piece.
fn split_run(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    run: std::ops::Range<usize>,
    caps_line: bool,
    out: &mut Vec<Chunk>,
) {
    if caps_line {
        split_caps_run(text, tokens, lex, run, out);
        return;
    }
    // A title word just before the run ("spokesman Dmitry Peskov").
    let before = run
        .start
        .checked_sub(1)
        .map(|p| tok(text, tokens[p]).to_lowercase());
    let mut titled = before.is_some_and(|b| lex.titles.contains(b.as_str()));
    // A run that ends in an organisation word ("Press Secretary Office") has no titles.
    let whole_org = ends_in_org_word(text, tokens, lex, run.clone());
    let mut start = run.start;
    let mut i = run.start;
    while i < run.end {
        let word = tok(text, tokens[i]).to_lowercase();
        let word = word.strip_suffix('.').unwrap_or(&word);
        if lex.titles.contains(word) && !whole_org && tokens[i].kind == TokenKind::Word {
            let mut m = i;
            while m > start && lex.title_modifiers.contains(tok(text, tokens[m - 1])) {
                m -= 1;
            }
            if m > start {
                classify(text, tokens, lex, start..m, titled, caps_line, out);
            }
            titled = true;
            // Skip an abbreviated title's period ("Gov. Smith").
            i += 1;
            if i < run.end && tok(text, tokens[i]) == "." {
                i += 1;
            }
            start = i;
            continue;
        }
        i += 1;
    }
    if start < run.end {
        classify(text, tokens, lex, start..run.end, titled, caps_line, out);
    }
}

/// In a headline in capitals, case tells nothing: keep only the longest gazetteer
/// names ("NEW YORK", "JAPAN"), read in title case.
fn split_caps_run(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    run: std::ops::Range<usize>,
    out: &mut Vec<Chunk>,
) {
    let mut i = run.start;
    while i < run.end {
        let found = (i + 1..=run.end.min(i + 4)).rev().find_map(|e| {
            let name = name_of(text, tokens, i, e, true);
            gazetteer_kind(lex, &name)
                .or_else(|| {
                    (e == i + 1)
                        .then(|| gazetteer_kind(lex, &name.to_uppercase()))
                        .flatten()
                })
                .map(|k| (e, k))
        });
        if let Some((e, kind)) = found {
            let last = tok(text, tokens[e - 1]);
            out.push(Chunk {
                tokens: i..e,
                span: Span::new(
                    tokens[i].span.start,
                    tokens[e - 1].span.start + strip_possessive(last).len(),
                ),
                kind: Some(kind),
                titled: false,
            });
            i = e;
        } else {
            i += 1;
        }
    }
}

fn ends_in_org_word(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    run: std::ops::Range<usize>,
) -> bool {
    run.len() >= 2
        && lex
            .org_words
            .contains(strip_possessive(tok(text, tokens[run.end - 1])))
}

/// Gives a chunk its kind, where the chunk alone can tell.
fn classify(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    mut r: std::ops::Range<usize>,
    titled: bool,
    caps_line: bool,
    out: &mut Vec<Chunk>,
) {
    // Drop leading common words at a sentence or quote start ("The Kremlin", "Later"),
    // unless they open a known name ("White House").
    while !r.is_empty() {
        let first = tok(text, tokens[r.start]);
        let lower = first.to_lowercase();
        let opens_known = (r.start + 1..=r.end.min(r.start + 4))
            .rev()
            .any(|e| gazetteer_kind(lex, &name_of(text, tokens, r.start, e, caps_line)).is_some());
        let common = lex.common.contains(lower.as_str()) && !opens_known;
        let sentence_initial = r.start == 0
            || !matches!(
                tokens[r.start - 1].kind,
                TokenKind::Word | TokenKind::Number
            );
        if common && (sentence_initial || lower.len() <= 3 || CONNECTORS.contains(&lower.as_str()))
        {
            r.start += 1;
        } else {
            break;
        }
    }
    // Trailing connectors cannot end a name.
    while !r.is_empty() && CONNECTORS.contains(&tok(text, tokens[r.end - 1])) {
        r.end -= 1;
    }
    if r.is_empty() || (r.len() == 1 && tok(text, tokens[r.start]).chars().count() == 1) {
        return;
    }
    let name = name_of(text, tokens, r.start, r.end, caps_line);
    let first_tok = tok(text, tokens[r.start]);
    let last_tok = strip_possessive(tok(text, tokens[r.end - 1]));
    let span = Span::new(
        tokens[r.start].span.start,
        tokens[r.end - 1].span.start + strip_possessive(tok(text, tokens[r.end - 1])).len(),
    );
    let n = r.len();
    let caps_form = is_all_caps(&name).then(|| {
        name.split(' ')
            .map(title_case)
            .collect::<Vec<_>>()
            .join(" ")
    });
    let prev = r.start.checked_sub(1).map(|p| tok(text, tokens[p]));
    let after_place_word = prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p));
    let gazetteer = gazetteer_kind(lex, &name);
    let kind = if titled && n == 1 && gazetteer == Some(EntityKind::Location) {
        // "President Clinton": a title makes a town's name a surname.
        Some(EntityKind::Person)
    } else if let Some(k) = gazetteer {
        Some(k)
    } else if let Some(k) = caps_form.as_deref().and_then(|n| gazetteer_kind(lex, n)) {
        Some(k)
    } else if n >= 2 && lex.misc_words.contains(last_tok) {
        Some(EntityKind::Misc)
    } else if n >= 2
        && (lex.org_words.contains(last_tok)
            || lex.org_words.contains(first_tok) && r.clone().any(|i| tok(text, tokens[i]) == "of"))
    {
        Some(EntityKind::Organization)
    } else if titled {
        Some(EntityKind::Person)
    } else if n >= 2 && gazetteer_kind(lex, first_tok).is_some_and(|k| k == EntityKind::Misc) {
        // "Russian Vladimir Putin" is rare; "Russian Foreign Ministry" ends in an org word.
        let rest = r.start + 1..r.end;
        out.push(Chunk {
            tokens: r.start..r.start + 1,
            span: tokens[r.start].span,
            kind: Some(EntityKind::Misc),
            titled: false,
        });
        return classify(text, tokens, lex, rest, titled, caps_line, out);
    } else if n >= 2 && lex.first_names.contains(first_tok) {
        Some(EntityKind::Person)
    } else if let Some(k) = (r.start + 1..r.end.saturating_sub(1))
        .find(|&k| lex.first_names.contains(tok(text, tokens[k])))
    {
        // "Harbour Master Fiona Grant": what comes before the first name is a title.
        return classify(text, tokens, lex, k..r.end, true, caps_line, out);
    } else if is_all_caps(&name)
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !caps_line
    {
        Some(EntityKind::Organization)
    } else if (2..=3).contains(&n)
        && !after_place_word
        && r.clone()
            .all(|i| tokens[i].kind == TokenKind::Word && !is_all_caps(tok(text, tokens[i])))
    {
        Some(EntityKind::Person)
    } else {
        None
    };
    out.push(Chunk {
        tokens: r,
        span,
        kind,
        titled,
    });
}

/// Settles chunks the chunk alone could not: a word that is part of a name already
/// found takes that name's kind ("Biden" after "Joe Biden"); then context decides.
fn settle_by_document(text: &str, lex: &Lexicon, tokens: &[Token], chunks: &mut [Chunk]) {
    // Words that occur in lower case somewhere in the text.
    let lower_words: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| tok(text, *t))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut known: HashMap<String, EntityKind> = HashMap::default();
    for c in chunks.iter() {
        if let Some(k) = c.kind {
            let name = &text[c.span.range()];
            known.entry(name.to_string()).or_insert(k);
            if k == EntityKind::Person {
                for part in name.split_whitespace() {
                    known.entry(part.to_string()).or_insert(k);
                }
            }
        }
    }
    let surnames: HashSet<&str> = chunks
        .iter()
        .filter(|c| c.kind == Some(EntityKind::Person) && (c.tokens.len() >= 2 || c.titled))
        .filter_map(|c| text[c.span.range()].split_whitespace().last())
        .collect();
    for c in chunks.iter_mut() {
        if c.tokens.len() == 1
            && c.kind.is_some_and(|k| k != EntityKind::Person)
            && surnames.contains(&text[c.span.range()])
        {
            c.kind = Some(EntityKind::Person);
        }
    }
    for c in chunks.iter_mut().filter(|c| c.kind.is_none()) {
        let name = &text[c.span.range()];
        let initial = c.tokens.start == 0 || tokens[c.tokens.start - 1].kind == TokenKind::Punct;
        if initial
            && c.tokens.len() == 1
            && (lower_words.contains(name.to_lowercase().as_str())
                || !(known.contains_key(name)
                    || lex.first_names.contains(name)
                    || lex.surnames.contains(name)))
        {
            continue;
        }
        c.kind = known.get(name).copied().or_else(|| {
            let next = tokens
                .get(c.tokens.end)
                .map(|t| tok(text, *t).to_lowercase());
            let prev = c.tokens.start.checked_sub(1).map(|p| tok(text, tokens[p]));
            let before_role = next.as_deref().is_some_and(|n| lex.titles.contains(n))
                && is_possessive(tok(text, tokens[c.tokens.end - 1]));
            if before_role
                || next.is_some_and(|n| lex.cues.contains(n.as_str()))
                || lex.first_names.contains(name)
                || lex.surnames.contains(name)
            {
                Some(EntityKind::Person)
            } else if prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p)) {
                Some(EntityKind::Location)
            } else if c.tokens.len() == 1 && lex.common.contains(name.to_lowercase().as_str()) {
                None
            } else {
                Some(EntityKind::Organization)
            }
        });
    }
}
