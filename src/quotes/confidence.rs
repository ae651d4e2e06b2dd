//! How sure to be of a quote: a logistic model over what the learned steps and the
//! quote's own form say, fitted on PolNeAR dev (`train-quotes --calibrate`; how, and
//! the reliability tables: docs/quotes.md). Its weights are data
//! (`models/quote_confidence.tsv`), read once.

use super::{Quote, QuoteKind, Sureness};
use std::sync::OnceLock;

/// The features' names, in the order [`features`] gives their values and the weights
/// file lists them.
pub const FEATURES: [&str; 14] = [
    "bias",
    "direct",
    "partial",
    "mixed",
    "in parts",
    "no speaker",
    "speaker not ranked",
    "speaker lead",
    "speaker lead small",
    "pronoun speaker",
    "unnamed speaker",
    "keep score",
    "no cue",
    "words",
];

/// The ranker's lead (score units) and the keep model's score above its threshold
/// beyond which more says nothing new.
const LEAD_CAP: f32 = 40.0;
const KEEP_CAP: f32 = 60.0;

/// The feature values of `q` ([`FEATURES`]), `words` tokens long; `pronoun` and `named`
/// tell its speaker's form: a pronoun ("he", "it"), a mention of a named group.
pub fn features(q: &Quote, words: usize, pronoun: bool, named: bool) -> [f32; FEATURES.len()] {
    let Sureness { speaker, keep } = q.sureness;
    let has_speaker = q.speaker.is_some();
    let lead = speaker.map_or(0.0, |m| m.clamp(0.0, LEAD_CAP) / LEAD_CAP);
    let flag = |b: bool| f32::from(u8::from(b));
    [
        1.0,
        flag(q.kind == QuoteKind::Direct),
        flag(q.kind == QuoteKind::Partial),
        flag(q.kind == QuoteKind::Mixed),
        flag(!q.parts.is_empty()),
        flag(!has_speaker),
        flag(speaker.is_none()),
        lead,
        flag(speaker.is_some_and(|m| m < 2.0)),
        flag(has_speaker && pronoun),
        flag(has_speaker && !named),
        keep.map_or(0.0, |k| k.clamp(0.0, KEEP_CAP) / KEEP_CAP),
        flag(q.cue.is_none()),
        (1.0 + words as f32).ln() / 4.0,
    ]
}

/// A fitted model: one weight a feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The weights, in [`FEATURES`] order.
    pub weights: [f32; FEATURES.len()],
}

impl Model {
    /// Reads `name<TAB>weight` lines (after `#` comments), one for each of
    /// [`FEATURES`] in order; `None` if any is missing, out of order or not a number.
    pub fn parse(tsv: &str) -> Option<Self> {
        let mut weights = [0.0; FEATURES.len()];
        let mut lines = tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty());
        for (name, w) in FEATURES.iter().zip(&mut weights) {
            let (n, v) = lines.next()?.split_once('\t')?;
            if n != *name {
                return None;
            }
            *w = v.trim().parse().ok()?;
        }
        lines.next().is_none().then_some(Model { weights })
    }

    /// The probability for feature values `x`.
    pub fn probability(&self, x: &[f32; FEATURES.len()]) -> f32 {
        let z: f32 = self.weights.iter().zip(x).map(|(w, v)| w * v).sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The compiled model.
///
/// # Panics
/// If the compiled file does not parse (a test reads it).
pub fn compiled() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::parse(include_str!("../../models/quote_confidence.tsv"))
            .expect("models/quote_confidence.tsv parses")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_model_loads_and_a_short_one_does_not() {
        assert!(compiled().weights.iter().any(|w| *w != 0.0));
        assert!(Model::parse("bias\t1\n").is_none());
    }
}
