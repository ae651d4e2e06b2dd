//! Training and scoring the name finder on CoNLL-2003: the names mined from the gold
//! annotations, the perceptron's training, and exact-span scores as conlleval counts.

use super::conll;
use crate::lexicon::lexicon;
use crate::ner::confidence::Calibration;
use crate::ner::{allowed, find_with, Learned, Names, BITS, KINDS, TAGS};
use crate::tagger::{self, Example, Weights};
use std::fmt::Write as _;

impl Names {
    /// The names of `docs`' gold annotations.
    pub fn from_docs<'a>(docs: impl Iterator<Item = &'a conll::Doc>) -> Self {
        let mut n = Names::default();
        let docs: Vec<&conll::Doc> = docs.filter(|d| d.mined != conll::Mined::Nothing).collect();
        // How often each single word is annotated in the documents that need two.
        let mut singles = std::collections::HashMap::<String, usize>::default();
        for d in docs.iter().filter(|d| d.mined == conll::Mined::Twice) {
            for (span, _) in &d.gold {
                let name = name_key(&d.text[span.range()]);
                if !name.contains(' ') {
                    *singles.entry(name).or_default() += 1;
                }
            }
        }
        for d in docs {
            for (span, ty) in &d.gold {
                let name = name_key(&d.text[span.range()]);
                // A single word that the word lists know better stays out: a common word
                // ("City", the football club) or a place seen as something else ("Cork",
                // the cricketer) would carry 1996's habits into today's news.
                let lex = lexicon();
                let single = !name.contains(' ');
                let common = lex.common.contains(name.to_lowercase().as_str());
                let other_place = lex.places.contains(name.as_str()) && *ty != 2;
                // A title is no part of a name ("President Barack Obama", as some
                // corpora annotate it).
                let titled = name
                    .split(' ')
                    .next()
                    .is_some_and(|w| lex.titles.contains(w.to_lowercase().as_str()));
                let phrases_only = match d.mined {
                    conll::Mined::Phrases => true,
                    conll::Mined::Twice => singles.get(&name).copied().unwrap_or(0) < 2,
                    _ => false,
                };
                if !(single && (common || other_place || phrases_only)) && !titled {
                    *n.map.entry(name).or_default() |= 1 << ty;
                }
            }
        }
        n.indexed()
    }

    /// The tab-separated form (`name`, type mask), sorted, with a header comment.
    pub fn to_tsv(&self, header: &str) -> String {
        use std::fmt::Write;
        let mut names: Vec<_> = self.map.iter().collect();
        names.sort();
        let mut out = format!("# {header}\n");
        for (n, m) in names {
            let _ = writeln!(out, "{n}\t{m}");
        }
        out
    }
}

impl Calibration {
    /// The form [`Calibration::parse`] reads: the `header` lines as comments, then
    /// each knot as a whole margin and a probability in thousandths. Knots whose
    /// margins round to one keep the first.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = super::commented(header);
        out.push_str("# margin (whole), probability (thousandths)\n");
        let mut last = None;
        for (m, p) in &self.knots {
            let m = m.round() as u32;
            if last != Some(m) {
                let _ = writeln!(out, "{m}\t{}", (p * 1000.0).round() as u32);
                last = Some(m);
            }
        }
        out
    }
}

/// A name as [`Names`] keys it: white space folded, curly quotes straightened.
fn name_key(s: &str) -> String {
    crate::words::normalise(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Exact-span precision, recall and F1 of `weights` on `docs`, as conlleval counts.
pub fn evaluate(
    weights: &Weights,
    learned: Learned<'_>,
    enabled: u8,
    docs: &[conll::Doc],
) -> Scores {
    let mut counts = [[0usize; 3]; 4]; // per type: true positives, predicted, gold
    for d in docs {
        let tokens = crate::tokens::tokenize(&d.text);
        let sentences = crate::sentences::split_sentences(&d.text, &tokens);
        let paragraphs = crate::layout::find_layout(&d.text, &tokens, &sentences);
        let pred: std::collections::HashSet<(usize, usize, usize)> = find_with(
            weights,
            learned,
            enabled,
            &d.text,
            &tokens,
            &sentences,
            &paragraphs,
        )
        .iter()
        .filter_map(|e| {
            KINDS
                .iter()
                .position(|k| *k == e.kind)
                .map(|t| (e.span.start, e.span.end, t))
        })
        .collect();
        let gold: std::collections::HashSet<(usize, usize, usize)> =
            d.gold.iter().map(|(s, t)| (s.start, s.end, *t)).collect();
        for x in &pred {
            counts[x.2][1] += 1;
            counts[x.2][0] += usize::from(gold.contains(x));
        }
        for x in &gold {
            counts[x.2][2] += 1;
        }
    }
    let prf = |tp: usize, np: usize, ng: usize| {
        let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
        let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    };
    let sum = |k: usize| counts.iter().map(|c| c[k]).sum::<usize>();
    Scores {
        all: prf(sum(0), sum(1), sum(2)),
        per_type: counts.map(|c| prf(c[0], c[1], c[2])),
    }
}

/// Precision, recall and F1, overall and per type (PER, ORG, LOC, MISC).
#[derive(Clone, Copy, Debug)]
pub struct Scores {
    /// Over all four types.
    pub all: (f64, f64, f64),
    /// PER, ORG, LOC, MISC.
    pub per_type: [(f64, f64, f64); 4],
}

/// Trains on `train` for `epochs`, visiting sentences in an order drawn from `seed`,
/// calling `report(epoch, errors, weights)` after each epoch.
pub fn train(
    train: &[Example],
    epochs: usize,
    seed: u64,
    report: &mut dyn FnMut(usize, usize, &Weights),
) -> Weights {
    tagger::train(1 << BITS, TAGS.len(), &allowed, train, epochs, seed, report)
}

/// Each name the whole analysis finds in `docs` with a margin, and whether it is right:
/// a gold name of the same span and kind. What [`fit_confidence`] learns from.
pub fn margins_and_truth(docs: &[conll::Doc]) -> Vec<(f32, bool)> {
    let mut out = Vec::new();
    for d in docs {
        let gold: std::collections::HashSet<(usize, usize, usize)> =
            d.gold.iter().map(|(s, t)| (s.start, s.end, *t)).collect();
        for e in crate::analyze(&d.text).entities {
            let (Some(margin), Some(t)) = (e.margin, KINDS.iter().position(|k| *k == e.kind))
            else {
                continue;
            };
            out.push((margin, gold.contains(&(e.span.start, e.span.end, t))));
        }
    }
    out
}

/// The calibration curve fitted to `pairs`: the names in order of margin, in runs of
/// at least 1/40 of them (and 50), each run's share right (add-one smoothed) at its
/// mean margin; where a run is no more often right than the one before (smoothed, as
/// written: a short last run of names all right is less sure than a long one nearly
/// all right), the two pool (isotonic regression by pool-adjacent-violators), so the
/// curve never falls.
pub fn fit_confidence(pairs: &[(f32, bool)]) -> Calibration {
    let mut sorted = pairs.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let per = (sorted.len() / 40).max(50);
    // Each block: margin sum, right, names; its share right, add-one smoothed.
    let mut blocks: Vec<(f64, f64, f64)> = Vec::new();
    let share = |(_, right, n): (f64, f64, f64)| (right + 1.0) / (n + 2.0);
    for run in sorted.chunks(per) {
        let mut block = (0.0, 0.0, 0.0);
        for &(m, right) in run {
            block.0 += f64::from(m);
            block.1 += f64::from(u8::from(right));
            block.2 += 1.0;
        }
        blocks.push(block);
        while blocks.len() >= 2 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            if share(b) > share(a) {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    Calibration {
        knots: blocks
            .iter()
            .map(|&b| ((b.0 / b.2) as f32, share(b) as f32))
            .collect(),
    }
}

/// A reliability table of `calibration` on `pairs` ([`super::reliability`]).
pub fn reliability(calibration: &Calibration, pairs: &[(f32, bool)]) -> String {
    let probabilities: Vec<(f32, bool)> = pairs
        .iter()
        .map(|&(m, right)| (calibration.probability(m), right))
        .collect();
    super::reliability(&probabilities, "names")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters;
    use crate::ner::groups;

    #[test]
    fn the_fitted_curve_never_falls_as_written() {
        // 2,000 names whose share right rises with the margin, then a short last run
        // all right: its smoothed share (5 of 7) is below the long run's before it.
        let mut pairs: Vec<(f32, bool)> = (0..2000)
            .map(|i| (i as f32 / 10.0, i % 100 < 50 + i / 50))
            .collect();
        pairs.extend((0..5).map(|i| (300.0 + i as f32, true)));
        let c = fit_confidence(&pairs);
        assert!(
            c.knots.windows(2).all(|w| w[0].1 <= w[1].1),
            "{:?}",
            c.knots
        );
        let read = Calibration::parse(&c.to_tsv("a test")).expect("knots in order");
        assert!(read.knots.len() >= 3, "{:?}", read.knots);
        assert!(read.probability(0.0) < read.probability(150.0));
    }

    #[test]
    fn training_on_a_tiny_corpus_is_deterministic() {
        let docs = conll::parse(include_str!("../../tests/fixtures/tiny.conll"));
        let examples = conll::examples(&docs, &clusters::compiled(), groups::ALL);
        let run = || tagger::save(&train(&examples, 3, 7, &mut |_, _, _| {}), BITS);
        let (a, b) = (run(), run());
        assert!(a == b, "two trainings differ");
        let (w, _) = tagger::load(&a).expect("loads");
        let names = Names::from_docs(docs.iter());
        let learned = Learned {
            words: crate::ner::learned().words,
            names: &names,
        };
        let (_, _, f1) = evaluate(&w, learned, groups::ALL, &docs).all;
        assert!(f1 > 0.99, "learns its own training data: F1 {f1}");
    }

    #[test]
    fn names_are_mined_as_each_corpus_allows() {
        let doc = |conll_text: &str, mined| {
            let mut d = conll::parse(conll_text).remove(0);
            d.mined = mined;
            d
        };
        let a = "President B-PER\nOla I-PER\nNwosu I-PER\nvisited O\nTramco B-ORG\n\nKestrel B-ORG\nCity I-ORG\n";
        let b = "Tramco B-ORG\nwon O\n";
        let names = |docs: &[conll::Doc]| {
            let n = Names::from_docs(docs.iter());
            let mut v: Vec<String> = n.map.keys().cloned().collect();
            v.sort();
            v
        };
        // A title is no part of a name; a single word needs two annotations where the
        // corpus asks for them, none where it is CoNLL-2003's.
        assert_eq!(names(&[doc(a, conll::Mined::Twice)]), ["Kestrel City"]);
        assert_eq!(
            names(&[doc(a, conll::Mined::Twice), doc(b, conll::Mined::Twice)]),
            ["Kestrel City", "Tramco"]
        );
        assert_eq!(
            names(&[doc(a, conll::Mined::All)]),
            ["Kestrel City", "Tramco"]
        );
        assert_eq!(
            names(&[doc(a, conll::Mined::Phrases), doc(b, conll::Mined::Phrases)]),
            ["Kestrel City"]
        );
        assert!(names(&[doc(a, conll::Mined::Nothing)]).is_empty());
    }
}
