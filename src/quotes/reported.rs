//! Reported speech: a clause without quotation marks that a cue reports ("officials
//! said that ..."), as the rules and the learned tagger find it.

// The stage's own helpers, as the methods were written beside them.
#[allow(clippy::wildcard_imports)]
use super::*;

impl Ctx<'_> {
    /// Indirect speech in sentence `si`, which holds no quotation marks, from its token
    /// `from` on; with the token where the next may start ("Hale believes that ..., and
    /// the Gazette reported that ..." holds two).
    pub(super) fn indirect(&self, si: usize, from: usize) -> Option<(Quote, usize)> {
        let s = &self.sentences[si];
        let r = from.max(s.tokens.start)..s.tokens.end;
        if r.is_empty() {
            return None;
        }
        let last = if self.tokens[r.end - 1].kind == TokenKind::Punct {
            r.end - 1
        } else {
            r.end
        };
        let span_of =
            |a: usize, b: usize| Span::new(self.tokens[a].span.start, self.tokens[b - 1].span.end);
        for c in r.clone() {
            if !self.opens_cue(c) {
                continue;
            }
            if self.according_to(c) {
                // "According to X, content." or "content, according to X."
                let comma = (c..last).find(|&j| self.tok(j) == ",");
                let (content, speaker) = if c == r.start {
                    (
                        comma.map(|k| (k + 1, last)),
                        self.speaker_after_cue(c, comma.unwrap_or(last)),
                    )
                } else if c > r.start + 3 && self.tok(c - 1) == "," {
                    (Some((r.start, c - 1)), self.speaker_after_cue(c, last))
                } else {
                    continue;
                };
                let (a, b) = content?;
                if b > a + 2 && speaker.is_some() {
                    return Some((
                        Quote {
                            span: span_of(a, b),
                            kind: QuoteKind::Indirect,
                            cue: Some(self.cue_span(c)),
                            speaker,
                            parts: Vec::new(),
                            quoted: Vec::new(),
                            sureness: Sureness::default(),
                            confidence: 0.0,
                        },
                        r.end,
                    ));
                }
                continue;
            }
            // "X said (that) content.", or "X, who chairs the committee, said ..."
            if c > r.start && c + 3 < last {
                let subject_before = |at: usize| {
                    self.candidate_in(at.saturating_sub(4).max(r.start), at, false)
                        .filter(|sp| self.token_at(sp.span.end) == at)
                };
                let described = || {
                    if self.tok(c - 1) != "," {
                        return None;
                    }
                    let open = (c.saturating_sub(14).max(r.start + 1)..c - 1)
                        .rev()
                        .find(|&k| self.tok(k) == ",")?;
                    subject_before(open)
                };
                // "the engineer J.P. Mulcahy, who told councillors ...": "who" speaks, as
                // the name before the comma.
                let relative = || {
                    if c < r.start + 3 || self.tok(c - 1) != "who" || self.tok(c - 2) != "," {
                        return None;
                    }
                    let named = subject_before(c - 2).filter(|sp| sp.entity.is_some())?;
                    Some(Speaker {
                        span: self.tokens[c - 1].span,
                        ..named
                    })
                };
                if let Some(speaker) = subject_before(c).or_else(described).or_else(relative) {
                    let cue = self.cue_span(c);
                    // The cue, an "on" and a date may end the sentence (and the
                    // text): `a` stays at most `last`.
                    let mut a = self.token_at(cue.end).min(last);
                    if a < last && self.tok(a) == "on" {
                        a += 1;
                    }
                    if let Some((_, d)) = (a < last)
                        .then(|| self.entity_at(self.tokens[a].span.start))
                        .flatten()
                        .filter(|(_, e)| e.kind == EntityKind::Date)
                    {
                        a = self.token_at(d.span.end).min(last);
                    }
                    // "told the Echo that ...": past the listener.
                    let to_someone = takes_listener(self.tok(c));
                    if to_someone && a < last && self.tok(a) != "that" {
                        if let Some(k) = (a + 1..last.min(a + 7)).find(|&k| self.tok(k) == "that") {
                            a = k;
                        }
                    }
                    if a < last && self.tok(a) == "that" {
                        a += 1;
                    }
                    // "Content, X told investors, more content.": the content is on
                    // both sides, in two parts (not "X said, however, that ...").
                    let before = self.token_at(speaker.span.start);
                    let aside = a + 1 < last
                        && self.tok(a) == ","
                        && before > r.start + 2
                        && self.tok(before - 1) == ",";
                    if aside {
                        let parts = vec![span_of(r.start, before - 1), span_of(a + 1, last)];
                        return Some((
                            Quote {
                                span: span_of(r.start, last),
                                kind: QuoteKind::Indirect,
                                cue: Some(cue),
                                speaker: Some(speaker),
                                parts,
                                quoted: Vec::new(),
                                sureness: Sureness::default(),
                                confidence: 0.0,
                            },
                            r.end,
                        ));
                    }
                    // ", and the Gazette reported that ...": a second attribution ends
                    // this one's content.
                    let end = (a + 2..last)
                        .find(|&k| {
                            self.tok(k) == ","
                                && matches!(self.tok(k + 1), "and" | "but" | "while")
                                && (k + 3..last.min(k + 9)).any(|c2| {
                                    self.is_cue(c2)
                                        && self
                                            .candidate_in(k + 2, c2, false)
                                            .is_some_and(|sp| self.token_at(sp.span.end) == c2)
                                })
                        })
                        .unwrap_or(last);
                    if end > a + 2 {
                        return Some((
                            Quote {
                                span: span_of(a, end),
                                kind: QuoteKind::Indirect,
                                cue: Some(cue),
                                speaker: Some(speaker),
                                parts: Vec::new(),
                                quoted: Vec::new(),
                                sureness: Sureness::default(),
                                confidence: 0.0,
                            },
                            if end < last { end + 2 } else { r.end },
                        ));
                    }
                }
            }
            // "content, X said."
            if c + 2 >= last && c > r.start + 4 {
                let comma = (r.start..c).rev().find(|&j| self.tok(j) == ",")?;
                if comma + 4 >= c && comma > r.start + 2 {
                    let speaker = self.candidate_in(comma + 1, last, true);
                    if speaker.is_some() {
                        return Some((
                            Quote {
                                span: span_of(r.start, comma),
                                kind: QuoteKind::Indirect,
                                cue: Some(self.cue_span(c)),
                                speaker,
                                parts: Vec::new(),
                                quoted: Vec::new(),
                                sureness: Sureness::default(),
                                confidence: 0.0,
                            },
                            r.end,
                        ));
                    }
                }
            }
        }
        None
    }

    /// Whether `cue`, before `content`, is a verb of speech or thought that reports
    /// a clause ("said the plan would work", "told reporters the ferry was safe"), not
    /// an act with an object ("ordered an invasion") or a preposition ("called for").
    pub(super) fn reports_a_clause(&self, cue: Span, content: Span) -> bool {
        let (a, b) = (self.token_at(cue.start), self.token_at(cue.end));
        cue.end <= content.start
            && b > a
            && (a..b).any(|i| self.tok_in(i, &lexicon().cues))
            && !matches!(
                self.tok(b - 1),
                "for" | "to" | "on" | "about" | "of" | "over" | "with" | "in" | "at"
            )
    }

    /// "... ordered an invasion, saying Russia wants ...": where reported content holds
    /// a comma and a participle that is a likely cue, what was said is what follows it
    /// ("that" aside), and the participle is the cue; after ", according to" it is what
    /// comes before, and what follows is the source. What comes before a participle,
    /// where the content's own cue reports it ("said the plan would work, adding that
    /// ..."), is returned as a quote of its own.
    pub(super) fn split_participle(&self, l: &mut Quote) -> Option<Quote> {
        if l.kind != QuoteKind::Indirect {
            return None;
        }
        let a = self.token_at(l.span.start);
        let b = self.tokens.partition_point(|t| t.span.start < l.span.end);
        let k = (a + 1..b.saturating_sub(2)).find(|&k| {
            let w = self.tok(k);
            self.tok(k - 1) == ","
                && w.ends_with("ing")
                && super::attribution::cues().grade_of(w) >= 4
        })?;
        let c = if self.tok(k + 1).eq_ignore_ascii_case("that") && k + 2 < b {
            k + 2
        } else {
            k + 1
        };
        if self.according_to(k) {
            // "..., according to a statement from the office": what comes before is
            // what was said, what comes after is the source.
            if k + 2 < b {
                let source = Span::new(self.tokens[k + 2].span.start, l.span.end);
                let named = self.candidate_in(k + 2, b, false);
                l.speaker = Some(Speaker {
                    span: source,
                    entity: named.as_ref().and_then(|n| n.entity),
                    group: named.and_then(|n| n.group),
                    named: None,
                });
            }
            l.cue = Some(Span::new(
                self.tokens[k].span.start,
                self.tokens[k + 1].span.end,
            ));
            l.span = Span::new(l.span.start, self.tokens[k - 2].span.end);
            return None;
        }
        let before =
            (k >= a + 3 && l.cue.is_some_and(|c| self.reports_a_clause(c, l.span))).then(|| {
                Quote {
                    span: Span::new(l.span.start, self.tokens[k - 2].span.end),
                    ..l.clone()
                }
            });
        l.cue = Some(self.tokens[k].span);
        l.span = Span::new(self.tokens[c].span.start, l.span.end);
        before
    }

    /// Whether learned reported speech hangs on a relative clause the tagger took for a
    /// cue and its content: "... ending a dispute that had run for two years", "the
    /// rumours that have circulated ...": the cue ends in a noun after a determiner, and
    /// "that" follows it with an auxiliary where a reported clause would have its
    /// subject ("the claim that the plan was ...").
    pub(super) fn relative_clause(&self, q: &Quote) -> bool {
        let Some(cue) = q.cue else { return false };
        let noun = self.token_at(cue.end).saturating_sub(1);
        q.kind == QuoteKind::Indirect
            && noun > 0
            && noun + 2 < self.tokens.len()
            && self.tok(noun + 1).eq_ignore_ascii_case("that")
            && is_determiner(self.tok(noun - 1))
            && is_auxiliary(self.tok(noun + 2))
    }

    /// A learned attribution as a quote: its kind from the quotation marks in it, its
    /// speaker the name, pronoun or role in its source (resolved like the rules').
    /// `None` for what is no attribution in the product's sense: content read after
    /// "according to" (that is the source).
    pub(super) fn learned_quote(&self, f: &super::attribution::Found) -> Option<Quote> {
        // The cue as the rules extend it ("told reporters", "according to", "said in a
        // statement"), where the extension stays clear of the content.
        let cue = f.cue.map(|c| {
            let wide = self.cue_span(self.token_at(c.start));
            let clear = wide.end <= f.content.start || wide.start >= f.content.end;
            if wide.end > c.end && clear {
                Span::new(c.start, wide.end)
            } else {
                c
            }
        });
        let mut content = f.content;
        if let Some(c) = cue {
            // "According to the coastguard, the crew ...": the source between is what
            // "according to" introduces, and the content after it is what they said.
            let source_between = f
                .source
                .is_some_and(|s| s.start >= c.end && s.end <= content.start);
            if self.according_to(self.token_at(c.start))
                && content.start >= c.start
                && !source_between
            {
                return None;
            }
        }
        // "said that the plan ...": what was said starts after "that".
        let first = self.token_at(content.start);
        let after_that = self.tok(first).eq_ignore_ascii_case("that");
        if after_that {
            if let Some(next) = self
                .tokens
                .get(first + 1)
                .filter(|t| t.span.end <= content.end)
            {
                content = Span::new(next.span.start, content.end);
            }
        }
        // "said Wednesday the plan ...": the day is when it was said, not what.
        if let Some((_, e)) = self
            .entity_at(content.start)
            .filter(|(_, e)| matches!(e.kind, EntityKind::Date | EntityKind::Time))
        {
            let next = self.token_at(e.span.end);
            if let Some(t) = self.tokens.get(next).filter(|t| t.span.end < content.end) {
                content = Span::new(t.span.start, content.end);
            }
        }
        let inside = quoted_spans(&self.text[content.range()]);
        let body = self.text[content.range()].trim_end_matches(['.', ',', ' ']);
        let kind = if inside.is_empty() {
            QuoteKind::Indirect
        } else if inside.len() == 1
            && inside[0].start == 0
            && content.start + inside[0].end >= content.start + body.len()
        {
            // "warned that "every week ..."": quoted from the cue on, lower case, is
            // reported speech in the speaker's words (mixed), as the rules call it.
            let lower = self.text[content.range()]
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_lowercase);
            if after_that && lower {
                QuoteKind::Mixed
            } else {
                QuoteKind::Direct
            }
        } else {
            QuoteKind::Mixed
        };
        // The speaker is the whole source ("a senior campaign official"); its entity
        // and group those of the name, pronoun or role in it, or for a relative
        // pronoun ("Ana Ruiz, who said ...") the name it follows.
        let speaker = f.source.map(|s| {
            let (a, b) = (self.token_at(s.start), self.token_at(s.end));
            let named = self.candidate_in(a, b, false);
            Speaker {
                span: s,
                entity: named.as_ref().and_then(|n| n.entity),
                group: named
                    .and_then(|n| n.group)
                    .or_else(|| (b == a + 1).then(|| self.antecedent(a)).flatten()),
                named: None,
            }
        });
        Some(Quote {
            span: content,
            kind,
            cue,
            speaker,
            parts: Vec::new(),
            quoted: Vec::new(),
            sureness: Sureness::default(),
            confidence: 0.0,
        })
    }
}
