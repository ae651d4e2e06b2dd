//! A name's confidence: the probability that the name finder has it right (its span
//! and its kind), from the tagger's margin ([`crate::Entity::margin`]) through a
//! monotone curve: isotonic regression of rightness on the margin, fitted on the
//! CoNLL-2003, GUM and UNER English-EWT dev sets by `train-ner --calibrate` and compiled in from `models/confidence.tsv` as knots
//! (margin, probability), read between them linearly. docs/ner-corpora.md has the
//! reliability tables. The file holds whole numbers (margins rounded, probabilities in
//! thousandths): reading decimals would compile the float parser into the wasm.

use std::sync::OnceLock;

/// The calibration curve.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Calibration {
    /// (margin, probability), margins rising, probabilities never falling.
    pub knots: Vec<(f32, f32)>,
}

impl Calibration {
    /// Reads the tab-separated knots (whole `margin`, `probability` in thousandths,
    /// one a line after `#` comments); `None` unless there is one at least, in order.
    pub fn parse(tsv: &str) -> Option<Self> {
        let mut knots = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let (m, p) = line.split_once('\t')?;
            let (m, p): (u32, u32) = (m.trim().parse().ok()?, p.trim().parse().ok()?);
            knots.push((m as f32, p.min(1000) as f32 / 1000.0));
        }
        let ordered = knots
            .windows(2)
            .all(|w: &[(f32, f32)]| w[0].0 < w[1].0 && w[0].1 <= w[1].1);
        (!knots.is_empty() && ordered).then_some(Calibration { knots })
    }

    /// The probability that a name of this margin is right.
    pub fn probability(&self, margin: f32) -> f32 {
        let k = &self.knots;
        let Some((first, last)) = k.first().zip(k.last()) else {
            return 0.5;
        };
        if margin <= first.0 {
            return first.1;
        }
        if margin >= last.0 {
            return last.1;
        }
        let i = k.partition_point(|x| x.0 <= margin);
        let ((m0, p0), (m1, p1)) = (k[i - 1], k[i]);
        p0 + (p1 - p0) * (margin - m0) / (m1 - m0)
    }
}

/// The compiled calibration.
///
/// # Panics
/// If `models/confidence.tsv` is malformed (a test reads it).
pub fn compiled() -> &'static Calibration {
    static C: OnceLock<Calibration> = OnceLock::new();
    C.get_or_init(|| {
        Calibration::parse(include_str!("../../models/confidence.tsv"))
            .expect("models/confidence.tsv holds knots in order")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_rises_and_is_read_between_its_knots() {
        let c = compiled();
        let p: Vec<f32> = [0.0, 10.0, 50.0, 200.0, 1000.0]
            .iter()
            .map(|&m| c.probability(m))
            .collect();
        assert!(p.windows(2).all(|w| w[0] <= w[1]), "{p:?}");
        assert!(p.iter().all(|&x| (0.0..=1.0).contains(&x)), "{p:?}");
        assert!(p[0] < p[4], "{p:?}");
        let c = Calibration::parse("# x\n0\t200\n10\t600\n").expect("two knots");
        let got = [-1.0, 0.0, 5.0, 10.0, 99.0].map(|m| c.probability(m));
        let want = [0.2, 0.2, 0.4, 0.6, 0.6];
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6),
            "{got:?}"
        );
        assert_eq!(
            Calibration::parse("10\t0.6\n0\t0.2\n"),
            None,
            "out of order"
        );
        assert_eq!(Calibration::parse("# nothing\n"), None);
    }
}
