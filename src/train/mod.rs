//! Training and scoring, apart from the runtime (the `train` cargo feature): corpus
//! readers, the scorers' counts, example builders and trainers. The analysis never
//! imports this module; the CLI and the wasm are built without it, and `train-ner` and
//! `train-quotes` with it.

pub mod attribution;
pub mod conll;
pub mod corpora;
pub mod ner;
pub mod polnear;
pub mod quotes;

use std::fmt::Write as _;

/// `header` as a data file's comment: each of its lines after "# ".
pub(crate) fn commented(header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    out
}

/// A reliability table as Markdown: `pairs` (a probability, and whether the thing it
/// is of was right) by tenths of probability, with how many `things`, their mean
/// probability and the share of them right; then the Brier score.
pub fn reliability(pairs: &[(f32, bool)], things: &str) -> String {
    let mut bins = [(0usize, 0.0f64, 0usize); 10];
    let mut squares = 0.0;
    for &(p, right) in pairs {
        let bin = &mut bins[((p * 10.0) as usize).min(9)];
        bin.0 += 1;
        bin.1 += f64::from(p);
        bin.2 += usize::from(right);
        squares += (f64::from(p) - f64::from(u8::from(right))).powi(2);
    }
    let mut out =
        format!("| confidence | {things} | mean confidence | right |\n| --- | --- | --- | --- |\n");
    for (i, (n, sum, right)) in bins.iter().enumerate() {
        if *n > 0 {
            let _ = writeln!(
                out,
                "| {:.1}-{:.1} | {n} | {:.3} | {:.3} |",
                i as f32 / 10.0,
                (i + 1) as f32 / 10.0,
                sum / *n as f64,
                *right as f64 / *n as f64
            );
        }
    }
    let brier = squares / pairs.len().max(1) as f64;
    let _ = writeln!(out, "\n{} {things}, Brier score {brier:.4}", pairs.len());
    out
}
