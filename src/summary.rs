//! Stage 7, the last: what a reader takes in first. The people and organisations, most
//! mentioned first, each with its number of quotes; and who said what, each speaker
//! with their quotes in text order. Computed once here, so that every front end (the
//! CLI's `--text` report, the page, `<news-lens>`) shows the same lists without
//! grouping anything itself.
//!
//! Cost: one pass over the groups and one over the quotes (speakers found by hash),
//! then the two lists sorted: O(n log n) in their lengths, which are at most the number
//! of groups and of quotes.

use crate::entities::EntityKind;
use crate::groups::Group;
use crate::lexicon::HashMap;
use crate::quotes::Quote;
use std::collections::BinaryHeap;

/// The article at a glance, by index into the document's groups and quotes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The people and organisations, most mentioned first (role phrases that refer to
    /// one counted as mentions), then by name.
    pub people: Vec<Prominent>,
    /// Who said what: one entry per speaker, most quoted first, then by name.
    pub speakers: Vec<Said>,
    /// The quotes with no speaker, in text order.
    pub unattributed: Vec<usize>,
}

/// A person or organisation in the [`Summary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prominent {
    /// Its mention group.
    pub group: usize,
    /// Its mentions and the role phrases that refer to it.
    pub mentions: usize,
    /// The quotes whose speaker it is.
    pub quotes: usize,
}

/// One speaker's quotes in the [`Summary`]: those of one group, or, for a speaker no
/// group holds ("a senior aide"), those whose speaker's mention reads the same.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said {
    /// The speaker's group, if any.
    pub group: Option<usize>,
    /// Their quotes, in text order (never empty).
    pub quotes: Vec<usize>,
}

/// The summary of `groups` and `quotes`, found in `text`.
pub fn summarize(text: &str, groups: &[Group], quotes: &[Quote]) -> Summary {
    let mut said_by = vec![0; groups.len()];
    let mut speakers: Vec<Said> = Vec::new();
    let mut unattributed = Vec::new();
    // Where each speaker is in `speakers`: by group, else by their mention's text.
    let mut by_group: Vec<Option<usize>> = vec![None; groups.len()];
    let mut by_text: HashMap<&str, usize> = HashMap::default();
    for (k, q) in quotes.iter().enumerate() {
        let Some(sp) = &q.speaker else {
            unattributed.push(k);
            continue;
        };
        let key = &text[sp.span.range()];
        let found = match sp.group {
            Some(g) => {
                said_by[g] += 1;
                by_group[g]
            }
            None => by_text.get(key).copied(),
        };
        let at = found.unwrap_or_else(|| {
            let at = speakers.len();
            speakers.push(Said {
                group: sp.group,
                quotes: Vec::new(),
            });
            match sp.group {
                Some(g) => by_group[g] = Some(at),
                None => drop(by_text.insert(key, at)),
            }
            at
        });
        speakers[at].quotes.push(k);
    }
    let name = |s: &Said| match s.group {
        Some(g) => groups[g].name.as_str(),
        None => quotes[s.quotes[0]]
            .speaker
            .as_ref()
            .map_or("", |sp| &text[sp.span.range()]),
    };
    let keys = speakers.iter().map(|s| (s.quotes.len(), name(s))).collect();
    let speakers = ranked(keys)
        .into_iter()
        .map(|i| std::mem::take(&mut speakers[i]))
        .collect();
    let people: Vec<Prominent> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| matches!(g.kind, EntityKind::Person | EntityKind::Organization))
        .map(|(i, g)| Prominent {
            group: i,
            mentions: g.mentions.len() + g.references.len(),
            quotes: said_by[i],
        })
        .collect();
    let keys = people
        .iter()
        .map(|p| (p.mentions, groups[p.group].name.as_str()))
        .collect();
    Summary {
        people: ranked(keys).into_iter().map(|i| people[i]).collect(),
        speakers,
        unattributed,
    }
}

/// The order of items given as `(count, name)`: highest count first, then by name, then
/// as given.
fn ranked(keys: Vec<(usize, &str)>) -> Vec<usize> {
    let keyed: BinaryHeap<(usize, &str, usize)> = keys
        .into_iter()
        .enumerate()
        .map(|(i, (n, name))| (usize::MAX - n, name, i))
        .collect();
    // A heap sort: of the sorts, the least code in the wasm (a stable sort is some 5 KB
    // for each type and key it sorts by), and fast enough for lists this short.
    keyed
        .into_sorted_vec()
        .into_iter()
        .map(|(_, _, i)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    #[test]
    fn ranks_people_and_groups_quotes_by_speaker() {
        let doc = analyze(
            "Mayor Ann Lee opened the bridge on Monday. \"It is ours,\" Lee said. The \
             mayor thanked the builders.\n\n\"We finished early,\" said Tom Baird, who runs \
             Harbour Works. \"And on budget,\" he added.\n\n\"Nobody asked us,\" a resident \
             said.",
        );
        let s = &doc.summary;
        let people: Vec<(&str, usize, usize)> = s
            .people
            .iter()
            .map(|p| (doc.groups[p.group].name.as_str(), p.mentions, p.quotes))
            .collect();
        // "The mayor" counts as a mention of Ann Lee; ties in order of name.
        assert_eq!(
            people,
            [
                ("Ann Lee", 3, 2),
                ("Harbour Works", 1, 0),
                ("Tom Baird", 1, 1)
            ]
        );
        let said: Vec<(&str, usize)> = s
            .speakers
            .iter()
            .map(|sp| {
                let q = &doc.quotes[sp.quotes[0]];
                (
                    doc.speaker_name(q.speaker.as_ref().unwrap()),
                    sp.quotes.len(),
                )
            })
            .collect();
        // A speaker no group holds ("a resident") by their mention's text.
        assert_eq!(said, [("Ann Lee", 2), ("Tom Baird", 1), ("a resident", 1)]);
        assert_eq!(s.speakers[0].quotes, [0, 1], "text order");
        assert!(s.unattributed.is_empty());
    }

    #[test]
    fn empty_text_has_an_empty_summary() {
        assert_eq!(analyze("").summary, super::Summary::default());
    }
}
