//! Word clusters learned from unlabelled text, as features for the name finder.
//!
//! The predictive exchange algorithm (Uszkoreit & Brants, 2008): words are put in `k`
//! classes so as to maximise the likelihood of a class bigram model
//! `P(w | class(previous word))`; each pass moves every word to the class that raises
//! the likelihood most. Words that occur in similar contexts ("Monday", "Tuesday";
//! "Clinton", "Yeltsin") end up together, so the name finder generalises from words
//! it saw in training to words it only saw in the unlabelled text. Two clusterings, a
//! coarse and a fine one, give two features per word.
//!
//! The result is a word list, `models/clusters.tsv` (`word`, coarse id, fine id),
//! compiled in and parsed once.

use std::collections::HashMap;

type WordMap<K, V> = HashMap<K, V, crate::lexicon::FxBuild>;

/// Word → (coarse cluster, fine cluster).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clusters {
    map: WordMap<String, (u16, u16)>,
}

impl Clusters {
    /// Parses the tab-separated form written by [`Clusters::to_tsv`].
    pub fn parse(tsv: &str) -> Self {
        let mut map = WordMap::with_capacity_and_hasher(
            crate::lexicon::lines(tsv),
            std::hash::BuildHasherDefault::default(),
        );
        map.extend(crate::lexicon::word_pairs(tsv).map(|(w, p)| (w.to_owned(), p)));
        Clusters { map }
    }

    /// The tab-separated form, sorted by word, with a header comment.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut words: Vec<_> = self.map.iter().collect();
        words.sort();
        use std::fmt::Write;
        let mut out = format!("# {header}\n");
        for (w, (a, b)) in words {
            let _ = writeln!(out, "{w}\t{a}\t{b}");
        }
        out
    }

    /// The clusters of `word`, if it was frequent enough to be clustered.
    pub fn get(&self, word: &str) -> Option<(u16, u16)> {
        self.map.get(word).copied()
    }

    /// Every clustered word with its coarse and fine cluster, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, (u16, u16))> {
        self.map.iter().map(|(w, c)| (w.as_str(), *c))
    }

    /// How many words are clustered.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Clusters the words of `sentences` occurring at least `min_count` times, into
    /// `coarse` and `fine` classes, with `passes` exchange passes each.
    pub fn learn(
        sentences: &[Vec<String>],
        min_count: usize,
        coarse: usize,
        fine: usize,
        passes: usize,
    ) -> Self {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for s in sentences {
            for w in s {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
        let mut vocab: Vec<(&str, usize)> = counts
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let index: HashMap<&str, usize> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, i))
            .collect();
        let rare = vocab.len();
        // Successor counts of each clustered word; a rare word is one successor type.
        let mut succ: Vec<HashMap<usize, u32>> = vec![HashMap::new(); vocab.len()];
        for s in sentences {
            for pair in s.windows(2) {
                if let Some(&v) = index.get(pair[0].as_str()) {
                    let w = index.get(pair[1].as_str()).copied().unwrap_or(rare);
                    *succ[v].entry(w).or_default() += 1;
                }
            }
        }
        let succ: Vec<Vec<(usize, u32)>> = succ
            .into_iter()
            .map(|m| {
                let mut v: Vec<_> = m.into_iter().collect();
                v.sort_unstable();
                v
            })
            .collect();
        let a = exchange(&succ, rare + 1, coarse, passes);
        let b = exchange(&succ, rare + 1, fine, passes);
        Clusters {
            map: vocab
                .iter()
                .enumerate()
                .map(|(i, (w, _))| ((*w).to_owned(), (a[i] as u16, b[i] as u16)))
                .collect(),
        }
    }
}

fn xlogx(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// Assigns each word (by its successor counts) to one of `k` classes.
fn exchange(succ: &[Vec<(usize, u32)>], successors: usize, k: usize, passes: usize) -> Vec<usize> {
    let n = succ.len();
    // Frequent words first, dealt round-robin: a deterministic start.
    let mut class: Vec<usize> = (0..n).map(|i| i % k).collect();
    let mut table = vec![0i64; k * successors]; // N(class, successor)
    let mut totals = vec![0i64; k]; // N(class)
    let out_count: Vec<i64> = succ
        .iter()
        .map(|s| s.iter().map(|(_, c)| i64::from(*c)).sum())
        .collect();
    for v in 0..n {
        for &(w, c) in &succ[v] {
            table[class[v] * successors + w] += i64::from(c);
        }
        totals[class[v]] += out_count[v];
    }
    for _ in 0..passes {
        let mut moved = 0;
        for v in 0..n {
            let from = class[v];
            // Take v out of its class.
            for &(w, c) in &succ[v] {
                table[from * successors + w] -= i64::from(c);
            }
            totals[from] -= out_count[v];
            // The gain of putting it into each class.
            let mut best = from;
            let mut best_gain = f64::NEG_INFINITY;
            for c in 0..k {
                let row = &table[c * successors..(c + 1) * successors];
                let mut gain = 0.0;
                for &(w, cnt) in &succ[v] {
                    let before = row[w];
                    gain += xlogx(before + i64::from(cnt)) - xlogx(before);
                }
                gain -= xlogx(totals[c] + out_count[v]) - xlogx(totals[c]);
                if gain > best_gain + 1e-9 {
                    best_gain = gain;
                    best = c;
                }
            }
            for &(w, c) in &succ[v] {
                table[best * successors + w] += i64::from(c);
            }
            totals[best] += out_count[v];
            if best != from {
                moved += 1;
                class[v] = best;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class
}

/// The compiled-in clusters, as [`Clusters::to_tsv`] wrote them.
const COMPILED: &str = include_str!("../models/clusters.tsv");

/// The compiled-in clusters (`models/clusters.tsv`) as a map, for tests; the analysis
/// reads them as [`compiled_rows`].
#[cfg(test)]
pub(crate) fn compiled() -> Clusters {
    Clusters::parse(COMPILED)
}

/// The compiled-in clusters' rows, (word, (coarse, fine)), read from the text as they
/// come, and how many there are at most.
pub(crate) fn compiled_rows() -> (usize, impl Iterator<Item = (&'static str, (u16, u16))>) {
    (
        crate::lexicon::lines(COMPILED),
        crate::lexicon::word_pairs(COMPILED),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        let mut sents = Vec::new();
        for day in ["Monday", "Tuesday", "Friday"] {
            for _ in 0..5 {
                sents.push(vec!["on".to_owned(), day.to_owned(), "morning".to_owned()]);
            }
        }
        for name in ["Smith", "Jones", "Brown"] {
            for _ in 0..5 {
                sents.push(vec!["Mr".to_owned(), name.to_owned(), "said".to_owned()]);
            }
        }
        let c = Clusters::learn(&sents, 2, 4, 4, 10);
        let fine = |w: &str| c.get(w).unwrap().1;
        assert_eq!(fine("Monday"), fine("Friday"));
        assert_eq!(fine("Smith"), fine("Brown"));
        assert_ne!(fine("Monday"), fine("Smith"));
        let back = Clusters::parse(&c.to_tsv("test"));
        assert_eq!(back, c);
    }

    #[test]
    fn the_compiled_clusters_load() {
        assert!(compiled().len() > 1000);
    }
}
