//! Byte spans into the analysed text.

use serde::Serialize;

/// A half-open range of UTF-8 byte offsets, `start..end`, into the analysed text.
///
/// Every span the pipeline produces lies on `char` boundaries, so `&text[span.range()]`
/// never panics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no text.
    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely within this span.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Spans indexed for "which of them overlap this one?" in about logarithmic time (for
/// spans that rarely nest), instead of a pass over all of them: a text of many quotes
/// compares each with its neighbours only.
#[derive(Clone, Debug, Default)]
pub(crate) struct SpanIndex {
    /// The spans sorted by start, each with its position in the list given.
    sorted: Vec<(Span, usize)>,
    /// The greatest end among `sorted[..=k]`.
    reach: Vec<usize>,
}

impl SpanIndex {
    /// An index of `spans` (positions are their order here).
    pub(crate) fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        Self::with_positions(spans.into_iter().enumerate().map(|(i, s)| (s, i)).collect())
    }

    /// The index of spans with their positions (some of a list's only): not generic, so
    /// that the sort is compiled once, not once for each kind of iterator
    /// [`SpanIndex::new`] is given (in the wasm, 5.7 KB for each).
    pub(crate) fn with_positions(mut sorted: Vec<(Span, usize)>) -> Self {
        // By start, end, then position: each pair is unique, so an unstable sort gives
        // the one order, with less code than a stable one.
        sorted.sort_unstable();
        let mut reach = Vec::with_capacity(sorted.len());
        let mut most = 0;
        for (s, _) in &sorted {
            most = most.max(s.end);
            reach.push(most);
        }
        SpanIndex { sorted, reach }
    }

    /// The positions of the spans that overlap `span` ([`Span::overlaps`]), in no order.
    pub(crate) fn overlapping(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let hi = self.sorted.partition_point(|(s, _)| s.start < span.end);
        (0..hi)
            .rev()
            .take_while(move |&k| self.reach[k] > span.start)
            .filter(move |&k| self.sorted[k].0.overlaps(span))
            .map(move |k| self.sorted[k].1)
    }
}

/// `xs.partition_point(pred)` searched outward from `near`, in time logarithmic in the
/// distance from `near` to the answer rather than in the length of `xs`: a look-up next
/// to a place already known stays among a few cache lines (a line of 100,000 short
/// quotes looks up each quote's neighbours).
pub(crate) fn partition_point_near<T>(xs: &[T], near: usize, pred: impl Fn(&T) -> bool) -> usize {
    let near = near.min(xs.len());
    let (mut lo, mut hi) = (0, xs.len());
    let mut step = 1;
    if near < xs.len() && pred(&xs[near]) {
        // After `near`: double the step until past the answer.
        lo = near + 1;
        while let Some(probe) = near.checked_add(step).filter(|&p| p < xs.len()) {
            if !pred(&xs[probe]) {
                hi = probe;
                break;
            }
            lo = probe + 1;
            step *= 2;
        }
    } else {
        // At or before `near`.
        hi = near;
        while let Some(probe) = near.checked_sub(step) {
            if pred(&xs[probe]) {
                lo = probe + 1;
                break;
            }
            hi = probe;
            step *= 2;
        }
    }
    lo + xs[lo..hi].partition_point(pred)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_what_a_pass_over_all_finds() {
        // Spans of every shape over a short text, nested and empty ones too.
        let mut spans = Vec::new();
        for a in 0..12 {
            for b in a..12 {
                if (a * 7 + b * 3) % 5 == 0 {
                    spans.push(Span::new(a, b));
                }
            }
        }
        let index = SpanIndex::new(spans.iter().copied());
        for a in 0..13 {
            for b in a..13 {
                let q = Span::new(a, b);
                let mut got: Vec<usize> = index.overlapping(q).collect();
                got.sort_unstable();
                let want: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].overlaps(q)).collect();
                assert_eq!(got, want, "{q:?}");
            }
        }
    }

    #[test]
    fn a_search_from_near_finds_what_a_search_from_the_middle_finds() {
        for len in 0..40 {
            let xs: Vec<usize> = (0..len).map(|i| i * 2).collect();
            for x in 0..=(2 * len + 1) {
                let want = xs.partition_point(|&v| v < x);
                for near in 0..=(len + 2) {
                    assert_eq!(
                        partition_point_near(&xs, near, |&v| v < x),
                        want,
                        "{len} {x} {near}"
                    );
                }
            }
        }
    }
}
