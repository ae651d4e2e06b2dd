//! Stage 4: mention groups. Every name mention joins a group of mentions of one
//! real-world entity: a later short form joins the full name it shortens ("Biden" ->
//! "Joe Biden", "Psaki's" -> "Jen Psaki"); other names group by their exact text.
//! Then [`find_references`] links role phrases ("the president", "the spokeswoman")
//! to the person whose name that role introduced ("President Joe Biden", "a UN
//! spokeswoman, Stéphanie Tremblay").

use crate::entities::{Entity, EntityKind};
use crate::lexicon::lexicon;
use crate::lexicon::HashMap;
use crate::span::Span;
use crate::tokens::{Token, TokenKind};
use serde::Serialize;
use std::borrow::Cow;

/// One real-world entity and its mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Its fullest name in the text ("Joe Biden").
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its mentions, as indices into the document's entities, in text order.
    pub mentions: Vec<usize>,
    /// Role phrases that refer to it ("the president"), in text order.
    pub references: Vec<Span>,
}

/// Groups the name mentions in `entities` (setting each one's `group`) and returns
/// the groups, ordered by first mention.
pub fn group_mentions(text: &str, entities: &mut [Entity]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: HashMap<(Cow<str>, EntityKind), usize> = HashMap::default();
    // Every group a word has been part of the name of (a superset of those whose name
    // holds it now), by the word's hash: a short form looks there, not through all the
    // groups (a hash collision only adds a group that the test below turns away).
    let mut by_word: crate::ner::ByHash<Vec<usize>> = crate::ner::ByHash::default();
    #[allow(clippy::needless_range_loop)] // entities[i] is read, then its group set
    for i in 0..entities.len() {
        let e = &entities[i];
        if !e.kind.is_name() {
            continue;
        }
        let name = one_spaced(&text[e.span.range()]);
        let key = (name.clone(), e.kind);
        let found = by_name.get(&key).copied().or_else(|| {
            // A one-word person mention joins the latest full name it ends or begins; a
            // one-word organisation the latest longer one it begins ("Veltron" after
            // "Veltron Semiconductor"); a person's name of several words the latest
            // longer one it ends ("Ó Briain" after "Conor Ó Briain", "de Wit" after
            // "Anna de Wit").
            let several = name.contains(' ');
            if several && e.kind != EntityKind::Person {
                return None;
            }
            let joins = |g: &Group| {
                let (n, name) = (g.name.as_str(), name.as_ref());
                g.kind == e.kind
                    && match (several, e.kind) {
                        (true, _) => {
                            n.len() > name.len()
                                && n.ends_with(name)
                                && n[..n.len() - name.len()].ends_with(' ')
                        }
                        (false, EntityKind::Person) => {
                            n.contains(' ') && n.split(' ').any(|part| part == name)
                        }
                        (false, EntityKind::Organization) => {
                            n.contains(' ') && n.split(' ').next() == Some(name)
                        }
                        _ => false,
                    }
            };
            // Looked up by the mention's last word (its only one, for one word).
            let last = name.rsplit(' ').next().unwrap_or(&name);
            by_word
                .get(&crate::ner::word_hash(last))?
                .iter()
                .copied()
                .filter(|&g| joins(&groups[g]))
                .max()
        });
        let g = found.unwrap_or_else(|| {
            groups.push(Group {
                name: name.clone().into_owned(),
                kind: e.kind,
                mentions: Vec::new(),
                references: Vec::new(),
            });
            groups.len() - 1
        });
        by_name.entry(key).or_insert(g);
        groups[g].mentions.push(i);
        let mut renamed = found.is_none();
        if name.len() > groups[g].name.len() {
            groups[g].name = name.into_owned();
            renamed = true;
        }
        if renamed {
            for part in groups[g].name.split(' ') {
                by_word
                    .entry(crate::ner::word_hash(part))
                    .or_default()
                    .push(g);
            }
        }
        entities[i].group = Some(g);
    }
    groups
}

/// `s` with its words separated by single spaces (a name broken over a line reads as
/// one), borrowed when it already is.
fn one_spaced(s: &str) -> Cow<'_, str> {
    let single = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.contains(|c: char| c.is_whitespace() && c != ' ');
    if single {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Links each definite role phrase ("the president", "The spokeswoman") to the group of
/// the latest person that role introduced before it: a person named right after the
/// role word ("President Joe Biden", "spokesman Dmitry Peskov", "spokeswoman, Stéphanie
/// Tremblay"). A role that introduced nobody is left alone rather than guessed.
pub fn find_references(text: &str, tokens: &[Token], entities: &[Entity], groups: &mut [Group]) {
    let lex = lexicon();
    let word = |i: usize| &text[tokens[i].span.range()];
    // The role word before each person mention, with the mention's group.
    let mut introduced: Vec<(usize, String, usize)> = Vec::new(); // (token, role, group)
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let Some(g) = e.group else { continue };
        let first = tokens.partition_point(|t| t.span.start < e.span.start);
        let mut j = first;
        if j > 0 && word(j - 1) == "," {
            j -= 1;
        }
        if j > 0 && tokens[j - 1].kind == TokenKind::Word {
            let role = word(j - 1).to_lowercase();
            if lex.titles.contains(role.as_str()) {
                introduced.push((first, role, g));
            }
        }
    }
    for i in 0..tokens.len().saturating_sub(1) {
        if !matches!(word(i), "the" | "The") {
            continue;
        }
        let role = word(i + 1).to_lowercase();
        // "the President Joe Biden" names the person itself.
        let named_next = tokens.get(i + 2).is_some_and(|t| {
            t.kind == TokenKind::Word
                && text[t.span.range()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        if !lex.titles.contains(role.as_str()) || named_next {
            continue;
        }
        let before = introduced.partition_point(|(t, _, _)| *t < i);
        if let Some((_, _, g)) = introduced[..before]
            .iter()
            .rev()
            .find(|(_, r, _)| *r == role)
        {
            groups[*g]
                .references
                .push(Span::new(tokens[i].span.start, tokens[i + 1].span.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn person(text: &str, word: &str, from: usize) -> Entity {
        let start = text[from..].find(word).unwrap() + from;
        Entity {
            span: Span::new(start, start + word.len()),
            kind: EntityKind::Person,
            group: None,
            titled: false,
        }
    }

    #[test]
    fn short_forms_join_the_full_name() {
        let text = "Joe Biden met Jill Biden. Biden said Jen Psaki and Psaki agreed.";
        let mut es = vec![
            person(text, "Joe Biden", 0),
            person(text, "Jill Biden", 0),
            person(text, "Biden", 26),
            person(text, "Jen Psaki", 0),
            person(text, "Psaki", 50),
        ];
        let groups = group_mentions(text, &mut es);
        let names: Vec<_> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Joe Biden", "Jill Biden", "Jen Psaki"]);
        // The nearest full name wins: "Biden" here is Jill Biden.
        assert_eq!(groups[1].mentions, [1, 2]);
        assert_eq!(groups[2].mentions, [3, 4]);
        assert_eq!(es[4].group, Some(2));
    }

    #[test]
    fn a_surname_of_several_words_joins_the_full_name() {
        let text = "Conor Ó Briain met Anna de Wit. Ó Briain and de Wit agreed; Ó Briain left.";
        let mut es = vec![
            person(text, "Conor Ó Briain", 0),
            person(text, "Anna de Wit", 0),
            person(text, "Ó Briain", 33),
            person(text, "de Wit", 47),
            person(text, "Ó Briain", 62),
        ];
        let groups = group_mentions(text, &mut es);
        let names: Vec<_> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Conor Ó Briain", "Anna de Wit"]);
        assert_eq!(groups[0].mentions, [0, 2, 4]);
        assert_eq!(groups[1].mentions, [1, 3]);
    }

    #[test]
    fn a_short_organisation_name_joins_the_one_it_begins() {
        let text = "Veltron Semiconductor warned. Veltron's rival Arcwell and Semiconductor \
Weekly did not.";
        let org = |word: &str, from: usize| Entity {
            kind: EntityKind::Organization,
            ..person(text, word, from)
        };
        let mut es = vec![
            org("Veltron Semiconductor", 0),
            org("Veltron", 20),
            org("Arcwell", 0),
            org("Semiconductor Weekly", 0),
        ];
        let groups = group_mentions(text, &mut es);
        let names: Vec<_> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(
            names,
            ["Veltron Semiconductor", "Arcwell", "Semiconductor Weekly"]
        );
        assert_eq!(groups[0].mentions, [0, 1]);
    }

    #[test]
    fn roles_refer_to_the_person_they_introduced() {
        let doc = crate::analyze(
            "President Joe Biden met a UN spokeswoman, Ann Lee, in Kyiv. The spokeswoman said \
             the president was tired. The senator disagreed.",
        );
        let refs = |name: &str| -> Vec<&str> {
            let g = doc.groups.iter().find(|g| g.name == name).expect(name);
            g.references.iter().map(|s| doc.str(*s)).collect()
        };
        assert_eq!(refs("Joe Biden"), ["the president"]);
        assert_eq!(refs("Ann Lee"), ["The spokeswoman"]);
        // "The senator" introduced nobody: no reference is guessed.
        assert!(doc
            .groups
            .iter()
            .all(|g| g.references.iter().all(|s| doc.str(*s) != "The senator")));
    }
}
