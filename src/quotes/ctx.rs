//! The quote stage's reading of one document: [`Ctx`] holds its stages and answers
//! what the rules ask of a token, a sentence or a span (is this a cue, who is the
//! speaker after it, which name does "he" mean).

// The stage's own helpers, as the methods were written beside them.
#[allow(clippy::wildcard_imports)]
use super::*;

/// One document's stages as the quote stage reads them, and what it looks up once for
/// all its quotes.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) sentences: &'a [Sentence],
    /// What each paragraph is (headline, byline, dateline, label).
    pub(super) paragraphs: &'a [Paragraph],
    pub(super) entities: &'a [Entity],
    pub(crate) groups: &'a [Group],
    /// Per token: [`CUE`] for a cue word, [`ACCORDING_TO`] for the "according" of
    /// "according to", else 0; looked up once, as the rules ask of many tokens, and
    /// of the same ones again for each quote of a sentence.
    pub(super) cues: Vec<u8>,
    /// The role phrases the grouping stage linked, each with its group, in the groups'
    /// order, and an index of their spans.
    pub(super) references: (Vec<(Span, usize)>, SpanIndex),
}

/// A cue word ([`Ctx::is_cue`]).
const CUE: u8 = 1;
/// "according" before "to" ([`Ctx::according_to`]).
const ACCORDING_TO: u8 = 2;

/// Person groups by the lower-cased last word of their names ([`Ctx::surnames`]).
type Surnames = crate::lexicon::HashMap<String, usize>;

/// A cue and a speaker, either of which may be missing.
type Attribution = (Option<Span>, Option<Speaker>);

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        paragraphs: &'a [Paragraph],
        entities: &'a [Entity],
        groups: &'a [Group],
    ) -> Self {
        let tok = |i: usize| tokens.get(i).map(|t| &text[t.span.range()]);
        let cues = (0..tokens.len())
            .map(|i| {
                if matches!(tok(i), Some("according" | "According")) && tok(i + 1) == Some("to") {
                    ACCORDING_TO
                } else if tokens[i].kind == TokenKind::Word
                    && tok(i).is_some_and(|w| lexicon().cues.contains(w))
                {
                    CUE
                } else {
                    0
                }
            })
            .collect();
        let linked: Vec<(Span, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.references.iter().map(move |&s| (s, g)))
            .collect();
        let index = SpanIndex::new(linked.iter().map(|(s, _)| *s));
        let references = (linked, index);
        Ctx {
            text,
            tokens,
            sentences,
            paragraphs,
            entities,
            groups,
            cues,
            references,
        }
    }

    /// The group a role phrase at `span` refers to, as the grouping stage linked it
    /// (the first such group).
    pub(super) fn referred_by(&self, span: Span) -> Option<usize> {
        let (linked, index) = &self.references;
        index
            .overlapping(span)
            .filter(|&k| linked[k].0 == span)
            .min()
            .map(|k| linked[k].1)
    }

    /// A learned attribution as a quote: its kind from the quotation marks in it, its
    /// speaker the name, pronoun or role in its source (resolved like the rules').
    /// `None` for what is no attribution in the product's sense: content read after
    /// "according to" (that is the source).
    pub(super) fn learned_quote(&self, f: &crate::attribution::Found) -> Option<Quote> {
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
            }
        });
        Some(Quote {
            span: content,
            kind,
            cue,
            speaker,
            parts: Vec::new(),
            quoted: Vec::new(),
        })
    }

    /// The group of the name a relative pronoun at token `i` follows ("Ana Ruiz, who",
    /// "the Harbour Board, which"): a person or organisation that ends right before its
    /// comma (without one, "a man close to Ruiz who" speaks for the man). An
    /// organisation that ends a description ("Ana Ruiz, the head of the Harbour Board,
    /// who") gives way to the person described.
    pub(super) fn antecedent(&self, i: usize) -> Option<usize> {
        if i < 2 || !matches!(self.tok(i), "who" | "which" | "that") || self.tok(i - 1) != "," {
            return None;
        }
        let end = self.tokens[i - 2].span.end;
        let k = self.entities.partition_point(|e| e.span.end < end);
        let e = self.entities.get(k).filter(|e| {
            e.span.end == end && matches!(e.kind, EntityKind::Person | EntityKind::Organization)
        })?;
        let mut first = self.token_at(e.span.start);
        if first > 0 && matches!(self.tok(first - 1), "the" | "a" | "an") {
            first -= 1;
        }
        let described = e.kind == EntityKind::Organization
            && first > 0
            && matches!(
                self.tok(first - 1),
                "of" | "for" | "at" | "from" | "with" | "on" | "in"
            );
        // The person before the description: "Ana Ruiz, the head of".
        let described_person = || {
            let p = self.entities[..k]
                .iter()
                .rev()
                .find(|p| p.kind == EntityKind::Person)?;
            let between = &self.text[p.span.end..e.span.start];
            let apposition = between.starts_with(", ")
                && between.matches(',').count() == 1
                && between.len() <= 80;
            apposition.then_some(p.group).flatten()
        };
        if described {
            described_person().or(e.group)
        } else {
            e.group
        }
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

    /// How likely the cue's main word is part of a cue ([`crate::attribution::Cues`]),
    /// auxiliaries aside ("has used" is graded by "used"); 0 without a cue.
    pub(super) fn cue_grade(&self, cue: Option<Span>) -> u8 {
        let Some(cue) = cue else { return 0 };
        let a = self.token_at(cue.start);
        self.tokens[a..]
            .iter()
            .take_while(|t| t.span.end <= cue.end)
            .map(|t| &self.text[t.span.range()])
            .filter(|w| !is_auxiliary(w))
            .map(|w| crate::attribution::cues().grade_of(w))
            .max()
            .unwrap_or(0)
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
                && crate::attribution::cues().grade_of(w) >= 4
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

    pub(super) fn tok(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span.range()]
    }

    /// "“...” ― Ana Ruiz": a name after a dash that follows the quote on its
    /// line signs it.
    pub(super) fn dash_signature(&self, span: Span) -> Option<Speaker> {
        // The rest of the quote's line, as far as a signature may reach (not the whole
        // line: a text of one long line would be read again for every quote).
        let near = at_most(&self.text[span.end..], 300);
        let line = &near[..near.find('\n').unwrap_or(near.len())];
        let after = line.trim_start();
        if !SIGNATURE_DASHES.iter().any(|d| after.starts_with(d)) {
            return None;
        }
        let dash = after.chars().next()?;
        let line_end = span.end + line.len();
        let a = self.token_at(span.end + (line.len() - after.len()) + dash.len_utf8());
        let b = self
            .tokens
            .partition_point(|t| t.span.start < line_end)
            .min(a + 6);
        self.candidate_in(a, b, true).filter(|sp| {
            sp.entity
                .is_some_and(|e| self.entities[e].kind == EntityKind::Person)
        })
    }

    /// The paragraphs outside quotation marks that open with a speaker's label and a
    /// colon, each as a quote with the colon as its cue and the label's speaker:
    /// - a headline ("Okoye: Bridge repairs ‘will not wait’ for the budget"), said or
    ///   reported by a person named in the article, an organisation the article names,
    ///   or a source noun ("Poll:", "IG report:"); its kind from its words: direct in
    ///   the first person, mixed with words in quotation marks, indirect else;
    /// - a transcript's turn ("REYLAND: Is the tram plan finished?", "Okafor: Not yet."),
    ///   direct, said by a person the article names or, where at least two turns of
    ///   the article have one, by a label in capitals.
    ///
    /// `quoted` are the quoted spans: a paragraph inside one or with one that runs
    /// out of it is left to the quotation rules, as is a text after the colon that
    /// opens with a quotation mark. Labels with a word of `not_speaker_labels.txt`
    /// ("The Latest:", "Editor's Note:") and lists ("Ohio: Ann Lee, Bo Park, ...")
    /// are no one's.
    pub(super) fn labelled_paragraphs(
        &self,
        quoted: &[Span],
        surnames: &std::cell::OnceCell<Surnames>,
    ) -> Vec<Quote> {
        /// A label is at most this many words (and 45 bytes: the layout looks no further
        /// for its colon).
        const MAX_WORDS: usize = 6;
        let text = self.text;
        // Each with whether its label is one in capitals that no person of the article
        // answers: such turns count only where there are two or more.
        let mut out: Vec<(Quote, bool)> = Vec::new();
        // The span of a slice of `text` (the lines, labels and words below are).
        let span_of = |s: &str| {
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            Span::new(start, start + s.len())
        };
        for p in self.paragraphs {
            // The label and its colon, as the layout found them; one after a quotation
            // mark is a quoted transcript's, left to the quotation rules.
            let Some(l) = p.label.filter(|l| !l.after_mark) else {
                continue;
            };
            let par_span = p.span;
            let par = &text[par_span.range()];
            let at = par_span.start;
            let is_headline = p.headline;
            let (colon, said) = (l.span.end - at, (l.said - at).min(par.len()));
            if in_order_overlapping(quoted, par_span)
                .iter()
                .any(|q| !par_span.contains(*q))
            {
                continue;
            }
            let label = &par[..colon];
            let rest = par[said..].trim();
            let words: Vec<&str> = label.split_whitespace().collect();
            let rest_words = rest.split_whitespace().count();
            let opens_with_mark = rest.starts_with(|c: char| QUOTE_CHARS.contains(c));
            if words.is_empty()
                || words.len() > MAX_WORDS
                || label
                    .chars()
                    .any(|c| c.is_ascii_digit() || QUOTE_CHARS.contains(c))
                || rest_words < 4
                || rest.matches(',').count() > 4
                || opens_with_mark
            {
                continue;
            }
            let lex = lexicon();
            let named = |w: &str| {
                w.starts_with(char::is_uppercase)
                    || matches!(w, "of" | "at" | "on" | "for" | "and" | "to" | "&")
            };
            if !words.iter().all(|w| named(w)) || crate::lexicon::names_no_one(label) {
                continue;
            }
            let label_span = span_of(label);
            // The last word of the label that is a person's surname: the label up to
            // it ("Okoye" of "Okoye on the Bridge", "Transport Chair Ruth Okoye").
            let person = words.iter().rev().find_map(|w| {
                let w = w.trim_end_matches(['.', ',']);
                let g = self.person_named(w, surnames)?;
                Some((Span::new(at, span_of(w).end), g))
            });
            let speaker = if let Some((span, g)) = person {
                Some(self.speaker(span, Some(g)))
            } else if is_headline {
                let org = self.groups.iter().position(|g| {
                    g.kind == EntityKind::Organization
                        && label.len() >= g.name.len()
                        && label.is_char_boundary(label.len() - g.name.len())
                        && label[label.len() - g.name.len()..].eq_ignore_ascii_case(&g.name)
                });
                let last = words[words.len() - 1].trim_end_matches('.');
                let source = [last, last.strip_suffix('s').unwrap_or(last)]
                    .iter()
                    .any(|w| {
                        crate::lexicon::find_lower(&lex.speaker_nouns, w).is_some()
                            || crate::lexicon::find_lower(&lex.titles, w).is_some()
                    });
                (org.is_some() || source).then(|| self.speaker(label_span, org))
            } else {
                None
            };
            let cue = Some(Span::new(at + colon, at + colon + 1));
            if !is_headline {
                let turn = Quote {
                    span: span_of(without_stage_directions(rest)),
                    kind: QuoteKind::Direct,
                    cue,
                    speaker: speaker.clone(),
                    parts: Vec::new(),
                    quoted: Vec::new(),
                };
                if speaker.is_some() {
                    out.push((turn, false));
                } else if is_all_caps(label)
                    && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
                {
                    let speaker = Some(self.label_speaker(label_span, surnames));
                    out.push((Quote { speaker, ..turn }, true));
                }
                continue;
            }
            let Some(speaker) = speaker else { continue };
            let first_person = rest.split(|c: char| !c.is_alphanumeric()).any(|w| {
                matches!(
                    w,
                    "I" | "me" | "Me" | "my" | "My" | "we" | "We" | "our" | "Our"
                )
            });
            let kind = if first_person {
                QuoteKind::Direct
            } else if !quoted_spans(rest).is_empty() {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            // A headline's closing full stop is no part of what was said.
            let said = if rest.ends_with(|c: char| QUOTE_CHARS.contains(c)) {
                rest
            } else {
                rest.trim_end_matches(['.', ';', ' '])
            };
            let quote = Quote {
                span: span_of(said),
                kind,
                cue,
                speaker: Some(speaker),
                parts: Vec::new(),
                quoted: Vec::new(),
            };
            out.push((quote, false));
        }
        let caps_turns = out.iter().filter(|(_, caps)| *caps).count();
        out.into_iter()
            .filter(|(_, caps)| !caps || caps_turns >= 2)
            .map(|(q, _)| q)
            .collect()
    }

    /// The person groups by the last word of their names, lower-cased ("tapper"): of
    /// several, the one with the fullest name (a headline's "Okoye" is a group of its
    /// own before the article names "Ruth Okoye"), the first of those.
    pub(super) fn surnames(&self) -> Surnames {
        let mut out = Surnames::default();
        for (i, g) in self.groups.iter().enumerate() {
            let Some(last) = g.name.rsplit(' ').next() else {
                continue;
            };
            if g.kind != EntityKind::Person || last.chars().count() < 2 {
                continue;
            }
            let words = |k: usize| self.groups[k].name.split(' ').count();
            out.entry(last.to_lowercase())
                .and_modify(|k| {
                    if words(i) > words(*k) {
                        *k = i;
                    }
                })
                .or_insert(i);
        }
        out
    }

    /// A speaker mention at `span`, resolved to `group`.
    pub(super) fn speaker(&self, span: Span, group: Option<usize>) -> Speaker {
        Speaker {
            span,
            entity: self.entity_at(span.start).map(|(i, _)| i),
            group,
        }
    }

    /// Whether `q` is a labelled paragraph's ([`Ctx::labelled_paragraphs`]): said by
    /// the label that opens its paragraph, the colon after it its cue.
    pub(super) fn labelled(&self, q: &Quote) -> bool {
        let (Some(cue), Some(sp)) = (q.cue, &q.speaker) else {
            return false;
        };
        let before = self.text[..sp.span.start].trim_end_matches([' ', '\t']);
        &self.text[cue.range()] == ":"
            && sp.span.end <= cue.start
            && self.text[cue.end..q.span.start.max(cue.end)]
                .trim()
                .is_empty()
            && (before.is_empty() || before.ends_with('\n'))
    }

    /// The speaker a transcript label names: its group is the person whose name ends
    /// in the label's last word ("OKOYE" → "Ruth Okoye"), when there is one.
    pub(super) fn label_speaker(
        &self,
        label: Span,
        surnames: &std::cell::OnceCell<Surnames>,
    ) -> Speaker {
        let last = self.text[label.range()]
            .rsplit(' ')
            .next()
            .unwrap_or_default();
        self.speaker(label, self.person_named(last, surnames))
    }

    /// The person group whose name ends in `word`, case aside ([`Ctx::surnames`],
    /// built on the first call).
    pub(super) fn person_named(
        &self,
        word: &str,
        surnames: &std::cell::OnceCell<Surnames>,
    ) -> Option<usize> {
        surnames
            .get_or_init(|| self.surnames())
            .get(&word.to_lowercase())
            .copied()
    }

    /// The entity that starts at `byte`, if any (entities are sorted by start).
    pub(super) fn entity_at(&self, byte: usize) -> Option<(usize, &Entity)> {
        let i = self.entities.partition_point(|e| e.span.start < byte);
        self.entities
            .get(i)
            .filter(|e| e.span.start == byte)
            .map(|e| (i, e))
    }

    /// The entities inside `span`.
    pub(super) fn entities_in(&self, span: Span) -> &[Entity] {
        let a = self.entities.partition_point(|e| e.span.start < span.start);
        let b = self.entities.partition_point(|e| e.span.start < span.end);
        &self.entities[a..b.max(a)]
    }

    /// The sentences a span starts and ends in, when both are known.
    pub(super) fn sentences_of(&self, span: Span) -> Option<std::ops::RangeInclusive<usize>> {
        Some(self.sentence_at(span.start)?..=self.sentence_at(span.end - 1)?)
    }

    pub(super) fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// The first token that starts at or after `byte`.
    pub(super) fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < byte)
    }

    /// [`Ctx::token_at`] for a byte near token `near`, searched from there.
    pub(super) fn token_at_near(&self, byte: usize, near: usize) -> usize {
        partition_point_near(self.tokens, near, |t| t.span.start < byte)
    }

    /// [`Ctx::sentence_at`] for a byte near sentence `near`, searched from there.
    pub(super) fn sentence_at_near(&self, byte: usize, near: usize) -> Option<usize> {
        let i = partition_point_near(self.sentences, near, |s| s.span.end <= byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// `span` without the punctuation tokens at its ends but full stops (a learned
    /// source may hold them: "The board's lawyer, Marta Quist,"); as it is when nothing
    /// else is left.
    pub(super) fn without_end_punct(&self, span: Span) -> Span {
        // A full stop may end an abbreviation ("Veltron Inc."): it stays.
        let punct = |i: usize| self.tokens[i].kind == TokenKind::Punct && self.tok(i) != ".";
        let (mut a, mut b) = (self.token_at(span.start), self.token_at(span.end));
        let (mut start, mut end) = (span.start, span.end);
        while a < b && punct(a) && self.tokens[a].span.start == start {
            a += 1;
            if a < b {
                start = self.tokens[a].span.start;
            }
        }
        while b > a && punct(b - 1) && self.tokens[b - 1].span.end == end {
            b -= 1;
            if b > a {
                end = self.tokens[b - 1].span.end;
            }
        }
        if a == b {
            span
        } else {
            Span::new(start, end)
        }
    }

    /// Whether token `i` is a cue word.
    pub(super) fn is_cue(&self, i: usize) -> bool {
        self.cues[i] == CUE
    }

    /// Whether a cue starts at token `i`: a cue word or "according to".
    pub(super) fn opens_cue(&self, i: usize) -> bool {
        self.cues[i] != 0
    }

    pub(super) fn quote_kind(&self, span: Span, s0: usize, first: usize) -> QuoteKind {
        let inner = self.text[span.range()].trim_start_matches(|c: char| !c.is_alphanumeric());
        let capital = inner.chars().next().is_some_and(char::is_uppercase);
        let sentence = &self.sentences[s0];
        let mut j = first;
        let mut before: Vec<&str> = Vec::new();
        while j > sentence.tokens.start && before.len() < 2 {
            j -= 1;
            before.push(self.tok(j));
        }
        let at_start = before.is_empty();
        let after_punct = matches!(before.first(), Some(&("," | ":")));
        let after_that = before.first() == Some(&"that");
        let after_cue = before.first().is_some_and(|w| lexicon().cues.contains(w))
            || (after_that && before.get(1).is_some_and(|w| lexicon().cues.contains(w)));
        if capital && (at_start || after_punct || after_cue) {
            QuoteKind::Direct
        } else if after_cue {
            QuoteKind::Mixed
        } else {
            QuoteKind::Partial
        }
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
                            },
                            r.end,
                        ));
                    }
                }
            }
        }
        None
    }
}
