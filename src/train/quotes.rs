//! Training the quote stage's two rankers on PolNeAR: the speaker ranker's lists (each
//! quote's candidates, which of them the gold source names) and the keep model's
//! (each reported clause, kept or dropped), the perceptron that learns either, and its
//! accuracy.

use super::attribution::{charset, role_ok};
use super::polnear;
use crate::options::QuoteMode;
use crate::quotes::confidence::{Model, FEATURES};
use crate::quotes::{keep, speakers, Ctx, Quote, Speaker};
use crate::span::{Span, SpanIndex};
use crate::tagger::Weights;

/// A training list: the candidates of one quote the pipeline found (the first the
/// speaker the rules and attribution model chose, or "none"), and which of them are
/// right by the gold attribution it matches.
pub struct Example {
    /// Each candidate's feature ids.
    pub feats: Vec<Vec<u32>>,
    /// Whether each is right.
    pub gold: Vec<bool>,
}

/// For training on PolNeAR articles: runs the stages before quotes on each of `docs`,
/// finds its quotes with `find` (in `--quotes all` mode), matches them to the gold
/// attributions as the scorer does, and hands `each` the article, its context, the
/// quotes and the matches (gold index, quote index).
pub(crate) fn for_each_article(
    docs: &[polnear::Doc],
    find: fn(&Ctx<'_>, QuoteMode) -> Vec<Quote>,
    mut each: impl FnMut(&polnear::Doc, &Ctx<'_>, &[Quote], Vec<(usize, usize)>),
) {
    for d in docs {
        let text = &d.text;
        let doc = crate::stages_before_quotes(text, &crate::ner::ModelNameFinder);
        let ctx = Ctx::new(
            text,
            &doc.tokens,
            &doc.sentences,
            &doc.paragraphs,
            &doc.entities,
            &doc.groups,
        );
        let quotes = find(&ctx, QuoteMode::All);
        let gold: Vec<Vec<Span>> = d.attributions.iter().map(|a| a.content.clone()).collect();
        let pred: Vec<Vec<Span>> = quotes.iter().map(|q| vec![q.span]).collect();
        let matches = super::attribution::matches(text, &gold, &pred);
        each(d, &ctx, &quotes, matches);
    }
}

/// Training lists from PolNeAR articles: each quote the pipeline finds (with the
/// compiled attribution model on every sentence it can read, `--quotes all`, so that
/// reported speech is among them; before ranking) that matches a gold attribution, its
/// candidates, and which of them overlap the gold source ("no speaker" is right when
/// the gold has none), those that name someone preferred. Lists with no right
/// candidate are left out.
pub fn speaker_examples(docs: &[polnear::Doc]) -> Vec<Example> {
    let mut out = Vec::new();
    for_each_article(
        docs,
        crate::quotes::find_unranked,
        |d, ctx, quotes, matches| {
            let text = ctx.text;
            let mut nearby = speakers::Nearby::default();
            for (gi, pi) in matches {
                let source = charset(text, &d.attributions[gi].source);
                let c = speakers::candidates(ctx, quotes, pi, &mut nearby);
                let right: Vec<bool> = c
                    .speakers
                    .iter()
                    .map(|s| {
                        let mine = s.as_ref().map(|s| s.span);
                        role_ok(&source, &charset(text, mine.as_slice()))
                    })
                    .collect();
                // Of the right ones, those that name someone (a name, or a pronoun or role
                // resolved to one) are better: the product reports the name. Not a name
                // that only qualifies an unnamed role before it ("an aide to Reyes"), unlike
                // one in apposition ("a spokeswoman, Lena Ortiz").
                let right_role = |x: Span| {
                    c.speakers.iter().zip(&right).any(|(s, &r)| {
                        s.as_ref().is_some_and(|s| {
                            r && s.entity.is_none()
                                && s.group.is_none()
                                && s.span.end <= x.start
                                && !matches!(text[s.span.end..x.start].trim(), "" | ",")
                        })
                    })
                };
                // The right candidates that also pass `test` (never "no speaker").
                let only = |flags: &[bool], test: &dyn Fn(&Speaker) -> bool| -> Vec<bool> {
                    flags
                        .iter()
                        .zip(&c.speakers)
                        .map(|(&r, s)| r && s.as_ref().is_some_and(test))
                        .collect()
                };
                let right: Vec<bool> = right
                    .iter()
                    .zip(&c.speakers)
                    .map(|(&r, s)| r && !s.as_ref().is_some_and(|s| right_role(s.span)))
                    .collect();
                let named = only(&right, &|s| s.entity.is_some() || s.group.is_some());
                // Of those, a person is better than the body or place that qualifies them
                // ("White House Press Secretary Jen Psaki", "Kremlin spokesman Dmitry
                // Peskov": the source holds both, the person speaks).
                let person = only(&named, &|s| {
                    s.group
                        .is_some_and(|g| ctx.groups[g].kind == crate::entities::EntityKind::Person)
                });
                let gold = [person, named]
                    .into_iter()
                    .find(|f| f.contains(&true))
                    .unwrap_or(right);
                if gold.iter().any(|&r| r) {
                    out.push(Example {
                        feats: c.feats.iter().map(|f| f.to_vec()).collect(),
                        gold,
                    });
                }
            }
        },
    );
    out
}

/// Learns ranker weights (a table of `2^bits`) from `examples` with an averaged
/// perceptron (`epochs` passes, in an order shuffled by `seed`).
pub fn train(examples: &[Example], bits: u32, epochs: usize, seed: u64) -> Weights {
    let n = 1usize << bits;
    let mut w = vec![0.0f32; n];
    let mut total = vec![0.0f32; n];
    let mut stamp = vec![0usize; n];
    let mut step = 0usize;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffle = crate::tagger::Shuffle::new(seed);
    let score = |w: &[f32], f: &[u32]| f.iter().map(|&i| w[i as usize]).sum::<f32>();
    for _ in 0..epochs {
        shuffle.shuffle(&mut order);
        for &e in &order {
            step += 1;
            let ex = &examples[e];
            let best = |only_gold: bool| {
                (0..ex.feats.len())
                    .filter(|&i| !only_gold || ex.gold[i])
                    .map(|i| (i, score(&w, &ex.feats[i])))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(i, _)| i)
            };
            let (Some(guess), Some(right)) = (best(false), best(true)) else {
                continue;
            };
            if ex.gold[guess] {
                continue;
            }
            for (list, d) in [(&ex.feats[right], 1.0f32), (&ex.feats[guess], -1.0)] {
                for &f in list {
                    let f = f as usize;
                    total[f] += (step - stamp[f]) as f32 * w[f];
                    stamp[f] = step;
                    w[f] += d;
                }
            }
        }
    }
    let mut out = Weights::zeros(n, 1);
    for f in 0..n {
        total[f] += (step - stamp[f]) as f32 * w[f];
        out.features[f] = total[f] / step.max(1) as f32;
    }
    out
}

/// How often `weights` rank a right candidate first on `examples`, and how often the
/// rules' and attribution model's choice is right, in percent.
pub fn accuracy(weights: &Weights, examples: &[Example]) -> (f64, f64) {
    let (mut ranked, mut chosen) = (0usize, 0usize);
    for ex in examples {
        let best = (0..ex.feats.len())
            .map(|i| (i, weights.score(&ex.feats[i])))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        ranked += usize::from(best.is_some_and(|i| ex.gold[i]));
        chosen += usize::from(ex.gold.first().copied().unwrap_or(false));
    }
    let n = examples.len().max(1) as f64;
    (100.0 * ranked as f64 / n, 100.0 * chosen as f64 / n)
}

/// Training lists from PolNeAR articles: each reported clause the pipeline finds (the
/// default analysis, all but this model), as "drop" against "keep", "keep" right when
/// it matches a gold attribution and its speaker overlaps the gold source (both absent
/// also counts), as the scorer counts it.
pub fn keep_examples(docs: &[polnear::Doc]) -> Vec<Example> {
    let mut out = Vec::new();
    for_each_article(docs, crate::quotes::found, |d, ctx, quotes, matches| {
        let text = ctx.text;
        let index = SpanIndex::new(quotes.iter().map(|q| q.span));
        let mut right = vec![false; quotes.len()];
        for (gi, pi) in matches {
            let source = charset(text, &d.attributions[gi].source);
            let mine = quotes[pi].speaker.as_ref().map(|s| s.span);
            right[pi] = role_ok(&source, &charset(text, mine.as_slice()));
        }
        for (k, q) in quotes.iter().enumerate() {
            if keep::judged(q) {
                out.push(Example {
                    feats: vec![
                        vec![keep::drop_feature()],
                        keep::features(ctx, quotes, &index, k),
                    ],
                    gold: vec![!right[k], right[k]],
                });
            }
        }
    });
    out
}

/// Each quote the default analysis finds in `docs`, with the values its confidence
/// weighs and whether it is right as the scorer counts an attribution: its content
/// matches a gold one and its speaker overlaps the gold source (both absent also
/// counts). What [`fit_confidence`] learns from, by article.
pub fn confidence_examples(docs: &[polnear::Doc]) -> Vec<Vec<([f32; FEATURES.len()], bool)>> {
    let mut out = Vec::new();
    for_each_article(docs, crate::quotes::kept, |d, ctx, quotes, matches| {
        let mut right = vec![false; quotes.len()];
        for (gi, pi) in matches {
            let source = charset(ctx.text, &d.attributions[gi].source);
            let mine = quotes[pi].speaker.as_ref().map(|s| s.span);
            right[pi] = role_ok(&source, &charset(ctx.text, mine.as_slice()));
        }
        out.push(
            quotes
                .iter()
                .zip(right)
                .map(|(q, r)| (crate::quotes::confidence_features(ctx, q), r))
                .collect(),
        );
    });
    out
}

/// The logistic model that fits `examples` best, with a little L2 weight on all but
/// the bias (0.5, so that a feature seen on a few quotes only stays near zero): Newton
/// steps until they move no weight by more than 1e-6.
pub fn fit_confidence(examples: &[([f32; FEATURES.len()], bool)]) -> Model {
    const N: usize = FEATURES.len();
    const L2: f64 = 0.5;
    let mut w = [0.0f64; N];
    for _ in 0..100 {
        let mut grad = [0.0f64; N];
        let mut hess = [[0.0f64; N]; N];
        for (x, y) in examples {
            let x: [f64; N] = x.map(f64::from);
            let z: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let r = p - f64::from(u8::from(*y));
            for i in 0..N {
                grad[i] += r * x[i];
                for j in 0..N {
                    hess[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..N {
            grad[i] += L2 * w[i];
            hess[i][i] += L2;
        }
        hess[0][0] += 1e-9;
        let step = solve(hess, grad);
        let mut most = 0.0f64;
        for i in 0..N {
            w[i] -= step[i];
            most = most.max(step[i].abs());
        }
        if most < 1e-6 {
            break;
        }
    }
    Model {
        weights: w.map(|v| v as f32),
    }
}

impl Model {
    /// The model as [`Model::parse`] reads it, after a `#` comment line per line of
    /// `header`.
    pub fn to_tsv(&self, header: &str) -> String {
        use std::fmt::Write;
        let mut out = super::commented(header);
        for (name, w) in FEATURES.iter().zip(self.weights) {
            let _ = writeln!(out, "{name}\t{w:.4}");
        }
        out
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`a` positive
/// definite here, so it never meets a zero pivot).
#[allow(clippy::needless_range_loop)] // row operations read two rows of one matrix
fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> [f64; N] {
    for c in 0..N {
        let p = (c..N)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        for r in c + 1..N {
            let f = a[r][c] / a[c][c];
            for k in c..N {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0.0; N];
    for r in (0..N).rev() {
        let s: f64 = (r + 1..N).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::FeatureHasher;

    #[test]
    fn the_confidence_fit_learns_a_feature_and_reads_back() {
        // Quotes with a speaker are right 9 times in 10, those without 1 in 10.
        let examples: Vec<_> = (0..200)
            .map(|i| {
                let mut x = [0.0; FEATURES.len()];
                x[0] = 1.0;
                let none = i % 2 == 0;
                x[5] = f32::from(u8::from(none));
                (x, if none { i % 20 == 0 } else { i % 20 != 1 })
            })
            .collect();
        let m = fit_confidence(&examples);
        let (mut with, mut without) = ([0.0; FEATURES.len()], [0.0; FEATURES.len()]);
        (with[0], without[0], without[5]) = (1.0, 1.0, 1.0);
        assert!((m.probability(&with) - 0.9).abs() < 0.03, "{m:?}");
        assert!((m.probability(&without) - 0.1).abs() < 0.03, "{m:?}");
        let read = Model::parse(&m.to_tsv("a test")).expect("reads back");
        assert!((read.probability(&with) - m.probability(&with)).abs() < 1e-3);
    }

    #[test]
    fn training_prefers_the_right_candidate_and_is_deterministic() {
        let h = FeatureHasher::new(speakers::BITS);
        let (a, b, c) = (h.id_of(1, 1), h.id_of(1, 2), h.id_of(1, 3));
        // The right candidate always has feature `b`; its place in the list varies.
        let examples: Vec<Example> = (0..20)
            .map(|i| {
                let mut feats = vec![vec![a], vec![c], vec![a, c]];
                let at = i % 3;
                feats[at].push(b);
                let mut gold = vec![false; 3];
                gold[at] = true;
                Example { feats, gold }
            })
            .collect();
        let w = train(&examples, speakers::BITS, 5, 7);
        assert!(accuracy(&w, &examples).0 > 99.9);
        assert_eq!(w, train(&examples, speakers::BITS, 5, 7));
    }
}
