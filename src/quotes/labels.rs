//! Paragraphs said by the label that opens them (a transcript's turn "OKOYE: ...", a
//! headline's "Poll: ..."), as the layout found the label, and quotes signed after a
//! dash ("“...” — Ana Ruiz").

// The stage's own helpers, as the methods were written beside them.
use super::ctx::Surnames;
#[allow(clippy::wildcard_imports)]
use super::*;

impl Ctx<'_> {
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
                    sureness: Sureness::default(),
                    confidence: 0.0,
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
                sureness: Sureness::default(),
                confidence: 0.0,
            };
            out.push((quote, false));
        }
        let caps_turns = out.iter().filter(|(_, caps)| *caps).count();
        out.into_iter()
            .filter(|(_, caps)| !caps || caps_turns >= 2)
            .map(|(q, _)| q)
            .collect()
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
}
