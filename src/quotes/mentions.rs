//! The possible speakers around a quote: names, pronouns, role phrases and
//! "officials" in a stretch of tokens, the speaker after a cue, and whom a pronoun or a
//! role phrase refers to; never the place of a dateline or the writer of a byline.

// The stage's own helpers, as the methods were written beside them.
#[allow(clippy::wildcard_imports)]
use super::*;

impl Ctx<'_> {
    /// The speaker that follows a cue, up to the next comma: the last name in that noun
    /// phrase that is not a possessive modifier ("Putin's spokesman Dmitry Peskov").
    pub(super) fn speaker_after_cue(&self, cue: usize, limit: usize) -> Option<Speaker> {
        let mut end = cue + 1;
        while end < limit && !matches!(self.tok(end), "," | "." | ";" | "\"" | "“" | "”") {
            end += 1;
        }
        let start = if self.according_to(cue) {
            cue + 2
        } else {
            cue + 1
        };
        self.candidate_in(start, end, false)
    }

    /// The possible speakers within tokens `a..b`, in text order: names of people,
    /// organisations and places (possessive modifiers marked), pronouns, role noun
    /// phrases ("the spokesman", "a White House official") and "officials"; with
    /// `first`, only up to the first that is not a possessive.
    pub(super) fn mentions(&self, a: usize, b: usize, first: bool) -> Vec<speakers::Mention> {
        use speakers::{Mention, MentionKind};
        let mut out: Vec<Mention> = Vec::new();
        let mut i = a;
        // Entities are in text order: the next one that may start at token `i`.
        let mut e_at = self.tokens.get(a).map_or(self.entities.len(), |t| {
            self.entities
                .partition_point(|e| e.span.start < t.span.start)
        });
        // The sentence of the first name, near which the others' are looked for.
        let mut near_sentence: Option<usize> = None;
        while i < b {
            if first && out.last().is_some_and(|m| !m.possessive) {
                break;
            }
            let start = self.tokens[i].span.start;
            let mut step = 1;
            while e_at < self.entities.len() && self.entities[e_at].span.start < start {
                e_at += 1;
            }
            let entity = self
                .entities
                .get(e_at)
                .filter(|e| e.span.start == start)
                .map(|e| (e_at, e));
            if let Some((ei, e)) = entity.filter(|(_, e)| {
                matches!(
                    e.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Location
                ) && !self.never_speaks(
                    e,
                    *near_sentence
                        .get_or_insert_with(|| self.sentence_at(e.span.start).unwrap_or_default()),
                )
            }) {
                out.push(Mention {
                    speaker: Speaker {
                        span: e.span,
                        entity: Some(ei),
                        group: e.group,
                        named: None,
                    },
                    kind: match e.kind {
                        EntityKind::Person => MentionKind::Person,
                        EntityKind::Organization => MentionKind::Organization,
                        _ => MentionKind::Place,
                    },
                    possessive: self.text[e.span.end..].starts_with(['\'', '’']),
                });
                step = self.token_at_near(e.span.end, i).max(i + 1) - i;
            } else if self.tokens[i].kind != TokenKind::Word || self.tokens[i].span.len() > 9 {
                // No pronoun, determiner or "officials".
            } else if is_pronoun(self.tok(i)) {
                out.push(Mention {
                    speaker: Speaker {
                        span: self.tokens[i].span,
                        entity: None,
                        group: self.resolve(i),
                        named: None,
                    },
                    kind: MentionKind::Pronoun,
                    possessive: false,
                });
            } else if is_determiner(self.tok(i)) {
                // "the spokesman", "a White House official", "the campaign".
                let mut j = i + 1;
                while j < b && j < i + 4 && self.tokens[j].kind == TokenKind::Word {
                    let title = self.tok_in(j, &lexicon().role_titles);
                    // "The Environmental Protection Agency": the noun ends a name,
                    // which the next token's turn reads.
                    let in_name = || {
                        self.entity_at(self.tokens[i + 1].span.start)
                            .is_some_and(|(_, e)| {
                                e.span.end >= self.tokens[j].span.end
                                    && matches!(
                                        e.kind,
                                        EntityKind::Person
                                            | EntityKind::Organization
                                            | EntityKind::Location
                                    )
                            })
                    };
                    let noun = title || self.tok_in(j, &lexicon().speaker_nouns);
                    if noun && in_name() {
                        break;
                    }
                    if noun {
                        // Of several titles the last ends the role ("the secretary
                        // general"), as the grouping stage reads it.
                        while title && j + 1 < b && self.tok_in(j + 1, &lexicon().role_titles) {
                            j += 1;
                        }
                        let definite = !matches!(self.tok(i), "a" | "an" | "A" | "An");
                        let span = Span::new(start, self.tokens[j].span.end);
                        // A role the grouping stage linked ("the spokeswoman") names its
                        // person; another definite title takes the nearest person.
                        let linked = self.referred_by(span);
                        let nearest = definite && (title || self.tok(j) == "official");
                        out.push(Mention {
                            speaker: Speaker {
                                span,
                                entity: None,
                                group: linked.or_else(|| {
                                    if nearest {
                                        self.resolve_role(i)
                                    } else {
                                        None
                                    }
                                }),
                                named: None,
                            },
                            kind: MentionKind::Role,
                            possessive: false,
                        });
                        step = j + 1 - i;
                        break;
                    }
                    j += 1;
                }
            } else if self.tok(i).ends_with('s') && self.tok_in(i, &lexicon().speaker_nouns) {
                // A plural alone: "Officials said", "analysts say".
                out.push(Mention {
                    speaker: Speaker {
                        span: self.tokens[i].span,
                        entity: None,
                        group: None,
                        named: None,
                    },
                    kind: MentionKind::Role,
                    possessive: false,
                });
            }
            i += step;
        }
        out
    }

    /// Whether token `j`, case aside, is in `list` (the words looked up are short and
    /// ASCII: lower-cased on the stack).
    pub(super) fn tok_in(&self, j: usize, list: &crate::lexicon::HashSet<&'static str>) -> bool {
        crate::lexicon::find_lower(list, self.tok(j)).is_some()
    }

    /// A speaker mention within tokens `a..b`: the first (`first`) or last name of a
    /// person or organisation, pronoun or role noun phrase, skipping possessive
    /// modifiers.
    pub(super) fn candidate_in(&self, a: usize, b: usize, first: bool) -> Option<Speaker> {
        let mut found = None;
        let mut person: Option<Speaker> = None;
        for m in self
            .mentions(a, b, first)
            .into_iter()
            .filter(|m| !m.possessive)
        {
            let c = m.speaker;
            if first {
                return Some(c);
            }
            // "Ines Barros, head of the union in Port Elwin, said": a
            // person or role further back speaks rather than a place or body named
            // after it.
            let place_or_body = matches!(
                m.kind,
                speakers::MentionKind::Organization | speakers::MentionKind::Place
            );
            if !place_or_body {
                person = Some(c.clone());
            }
            found = Some(c);
        }
        person.or(found)
    }

    /// A pronoun before `b` in an earlier clause of the sentence ("he renewed his
    /// attack, tweeting that ...").
    pub(super) fn pronoun_before(&self, a: usize, b: usize) -> Option<Speaker> {
        (a..b)
            .rev()
            .find(|&i| is_pronoun(self.tok(i)))
            .map(|i| Speaker {
                span: self.tokens[i].span,
                entity: None,
                group: self.resolve(i),
                named: None,
            })
    }

    /// The person group a pronoun or role at token `i` refers to: the nearest person
    /// before it in its sentence, else the first person named in an earlier sentence.
    pub(super) fn resolve(&self, i: usize) -> Option<usize> {
        self.resolve_to(i, |_| true)
    }

    /// The person group the role phrase at token `i` ("the GOP nominee", whose
    /// grouping stage linked it to no one) most likely means: as [`Ctx::resolve`], but
    /// passing over a person introduced with the same title qualified otherwise
    /// ("Democratic nominee Hillary Clinton").
    pub(super) fn resolve_role(&self, i: usize) -> Option<usize> {
        let Some((role, _)) = crate::groups::role_from(self.text, self.tokens, i + 1) else {
            return self.resolve(i);
        };
        self.resolve_to(i, |g| {
            !self.groups[g].roles.iter().any(|r| role.excludes(r))
        })
    }

    /// As [`Ctx::resolve`], among the persons whose group `fits`.
    pub(super) fn resolve_to(&self, i: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let at = self.tokens[i].span.start;
        let si = self.sentence_at(at)?;
        let person = |e: &&Entity| {
            e.kind == EntityKind::Person
                && !self.text[e.span.end..].starts_with(['\'', '’'])
                && e.group.is_some_and(&fits)
        };
        let here = self.entities_in(self.sentences[si].span);
        if let Some(e) = here.iter().filter(person).rfind(|e| e.span.end <= at) {
            return e.group;
        }
        // Look back a few sentences at most: a pronoun does not reach further; nor
        // to the writer named in a byline.
        let from = si.saturating_sub(MAX_PRONOUN_REACH);
        (from..si)
            .rev()
            .filter(|&k| !self.is_byline(k))
            .find_map(|k| self.entities_in(self.sentences[k].span).iter().find(person))
            .and_then(|e| e.group)
    }

    /// Whether a name is no speaker candidate: the place of a dateline, or the writer
    /// named in a byline (whom [`Ctx::resolve`] skips too); `near_sentence` is a sentence
    /// near it, where the search for its own starts.
    pub(super) fn never_speaks(&self, e: &Entity, near_sentence: usize) -> bool {
        self.sentence_at_near(e.span.start, near_sentence)
            .is_some_and(|k| self.is_dateline(e.span, k) || self.is_byline(k))
    }

    /// Whether `span` is a dateline's place ("WASHINGTON — A Senate committee ..."),
    /// as the layout found it in the paragraph of sentence `k`. It tells where, not who.
    pub(super) fn is_dateline(&self, span: Span, k: usize) -> bool {
        self.paragraph_of(k)
            .is_some_and(|p| p.dateline == Some(span))
    }

    /// The paragraph of sentence `k`.
    pub(super) fn paragraph_of(&self, k: usize) -> Option<&Paragraph> {
        self.paragraphs.get(self.sentences.get(k)?.paragraph)
    }

    /// Whether sentence `k` is a byline: a short line of its own that opens with "By"
    /// ("By Niamh Kelleher").
    pub(super) fn is_byline(&self, k: usize) -> bool {
        self.paragraph_of(k).is_some_and(|p| p.byline)
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
        let (k, e) = self
            .entity_ending_at(self.tokens[i - 2].span.end)
            .filter(|(_, e)| matches!(e.kind, EntityKind::Person | EntityKind::Organization))?;
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
}
