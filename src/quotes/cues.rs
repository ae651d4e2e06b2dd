//! Cues: the words that introduce speech ("said", "told", "according to") and where
//! a quote's cue is: after it, before it, or near it in the sentence.

// The stage's own helpers, as the methods were written beside them.
use super::ctx::{Attribution, ACCORDING_TO, CUE};
#[allow(clippy::wildcard_imports)]
use super::*;

impl Ctx<'_> {
    /// Whether token `i` is a cue word.
    pub(super) fn is_cue(&self, i: usize) -> bool {
        self.cues[i] == CUE
    }

    /// Whether a cue starts at token `i`: a cue word or "according to".
    pub(super) fn opens_cue(&self, i: usize) -> bool {
        self.cues[i] != 0
    }

    /// The cue and speaker of a direct quote that has none in its own sentences: a
    /// sentence just before that introduces it with a colon ("Lee said in a statement:"),
    /// or a short one just after it in the same paragraph ("Lee said so on Monday.").
    pub(super) fn cue_nearby(&self, s0: usize, s1: usize) -> Option<Attribution> {
        if let Some(p) = s0.checked_sub(1).map(|i| &self.sentences[i]) {
            if self.text[p.span.range()].ends_with(':') {
                let cue_at = p.tokens.clone().rev().find(|&j| self.is_cue(j));
                let speaker = match cue_at {
                    Some(c) => self.candidate_in(p.tokens.start, c, false),
                    None => self.candidate_in(p.tokens.start, p.tokens.end, true),
                };
                if speaker.is_some() {
                    return Some((cue_at.map(|c| self.cue_span(c)), speaker));
                }
            }
        }
        let n = self.sentences.get(s1 + 1)?;
        if n.paragraph != self.sentences[s1].paragraph || n.tokens.len() > 10 {
            return None;
        }
        let cue_at = n.tokens.clone().find(|&j| self.is_cue(j))?;
        let speaker = self.candidate_in(n.tokens.start, n.tokens.end, true)?;
        Some((Some(self.cue_span(cue_at)), Some(speaker)))
    }

    pub(super) fn after_comma(&self, first: usize) -> bool {
        first > 0 && self.tok(first - 1) == ","
    }

    pub(super) fn after_colon(&self, first: usize) -> bool {
        first > 0 && self.tok(first - 1) == ":"
    }

    /// The cue and speaker after a quote that ends its clause, in sentence `si`:
    /// `"...," Biden told reporters.` or `"...," said Putin's spokesman Dmitry Peskov`.
    pub(super) fn cue_after(&self, span: Span, si: usize) -> Option<Attribution> {
        let s = &self.sentences[si];
        let end = span.end;
        let from = self.token_at(end).max(s.tokens.start);
        let quoted = self.text[span.range()].trim_end_matches(|c: char| {
            !c.is_alphanumeric() && !matches!(c, ',' | '.' | '!' | '?' | '—')
        });
        let closes_clause = quoted.ends_with([',', '.', '!', '?', '—'])
            || self
                .tokens
                .get(from)
                .is_some_and(|t| matches!(&self.text[t.span.range()], "," | "—" | "–"));
        if !closes_clause {
            return None;
        }
        let limit = s.tokens.end.min(from + 6);
        let mut i = from;
        while i < limit && self.tokens[i].kind == TokenKind::Punct {
            i += 1;
        }
        if i >= limit {
            return None;
        }
        // Further when a description in commas stands between ("a spokeswoman for the
        // senator, Hannah Brooks, said"): a cue right after a comma, with a comma before.
        let described = || {
            let far = s.tokens.end.min(from + 14);
            (limit..far)
                .find(|&j| self.opens_cue(j))
                .filter(|&j| self.tok(j - 1) == "," && (i..j - 1).any(|k| self.tok(k) == ","))
                .filter(|&j| (i..j).all(|k| !self.tok(k).contains(['"', '“', '”'])))
        };
        let cue_at = (i..limit).find(|&j| self.opens_cue(j)).or_else(described)?;
        // Something between the quote and the cue must be the speaker ("Biden told");
        // nothing between means the speaker follows ("said Peskov").
        let speaker = if cue_at > i {
            self.candidate_in(i, cue_at, true)
        } else {
            self.speaker_after_cue(cue_at, s.tokens.end)
        };
        Some((Some(self.cue_span(cue_at)), speaker))
    }

    /// The cue and speaker before a quote whose first token is `first`, in sentence
    /// `si`: the last cue before it, and the subject before that cue.
    pub(super) fn cue_before(&self, first: usize, si: usize) -> Option<Attribution> {
        let s = &self.sentences[si];
        // A vectorised byte search: a sentence of a hundred quotes reads it for each.
        let cue_at = s.tokens.start
            + memchr::memrchr2(CUE, ACCORDING_TO, &self.cues[s.tokens.start..first])?;
        let speaker = if self.according_to(cue_at) {
            self.speaker_after_cue(cue_at, first)
        } else {
            self.candidate_in(s.tokens.start, cue_at, false)
                .or_else(|| self.pronoun_before(s.tokens.start, cue_at))
        };
        Some((Some(self.cue_span(cue_at)), speaker))
    }

    /// Whether token `i` is the "according" of "according to".
    pub(super) fn according_to(&self, i: usize) -> bool {
        self.cues[i] == ACCORDING_TO
    }

    /// The cue's words: the verb, plus "to" after "according", the listener after
    /// "told", or "in a statement".
    pub(super) fn cue_span(&self, i: usize) -> Span {
        let mut end = i;
        let w = |j: usize| self.tokens.get(j).map(|t| &self.text[t.span.range()]);
        // "told reporters", "told CNN"; not "told a local radio station" (the cue is
        // "told") nor "told that".
        let listener = w(i).is_some_and(takes_listener)
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Word)
            && !matches!(w(i + 1), Some("that"))
            && !w(i + 1).is_some_and(is_determiner);
        if self.according_to(i) || listener {
            end = i + 1;
        } else if matches!(w(i + 1), Some("in"))
            && matches!(w(i + 2), Some("a" | "an"))
            && matches!(
                w(i + 3),
                Some("statement" | "interview" | "speech" | "tweet")
            )
        {
            end = i + 3;
        }
        Span::new(self.tokens[i].span.start, self.tokens[end].span.end)
    }

    /// How likely the cue's main word is part of a cue ([`super::attribution::Cues`]),
    /// auxiliaries aside ("has used" is graded by "used"); 0 without a cue.
    pub(super) fn cue_grade(&self, cue: Option<Span>) -> u8 {
        let Some(cue) = cue else { return 0 };
        let a = self.token_at(cue.start);
        self.tokens[a..]
            .iter()
            .take_while(|t| t.span.end <= cue.end)
            .map(|t| &self.text[t.span.range()])
            .filter(|w| !is_auxiliary(w))
            .map(|w| super::attribution::cues().grade_of(w))
            .max()
            .unwrap_or(0)
    }
}
