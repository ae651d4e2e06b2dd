//! Stage 4: mention groups. Every name mention joins a group of mentions of one
//! real-world entity: a later short form joins the full name it shortens ("Biden" ->
//! "Joe Biden", "Psaki's" -> "Jen Psaki"); other names group by their exact text.

use crate::entities::{Entity, EntityKind};
use serde::Serialize;
use std::collections::HashMap;

/// One real-world entity and its mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Its fullest name in the text ("Joe Biden").
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its mentions, as indices into the document's entities, in text order.
    pub mentions: Vec<usize>,
}

/// Groups the name mentions in `entities` (setting each one's `group`) and returns
/// the groups, ordered by first mention.
pub fn group_mentions(text: &str, entities: &mut [Entity]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: HashMap<(String, EntityKind), usize> = HashMap::new();
    #[allow(clippy::needless_range_loop)] // entities[i] is read, then its group set
    for i in 0..entities.len() {
        let e = &entities[i];
        if !e.kind.is_name() {
            continue;
        }
        let name = text[e.span.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let key = (name.clone(), e.kind);
        let found = by_name.get(&key).copied().or_else(|| {
            // A one-word person mention joins the latest full name it ends or begins.
            (e.kind == EntityKind::Person && !name.contains(' '))
                .then(|| {
                    groups.iter().rposition(|g| {
                        g.kind == EntityKind::Person
                            && g.name.contains(' ')
                            && g.name.split(' ').any(|part| part == name)
                    })
                })
                .flatten()
        });
        let g = found.unwrap_or_else(|| {
            groups.push(Group {
                name: name.clone(),
                kind: e.kind,
                mentions: Vec::new(),
            });
            groups.len() - 1
        });
        by_name.entry(key).or_insert(g);
        groups[g].mentions.push(i);
        if name.len() > groups[g].name.len() {
            groups[g].name = name;
        }
        entities[i].group = Some(g);
    }
    groups
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
}
