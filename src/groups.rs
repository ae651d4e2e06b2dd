//! Stage 5: mention groups. Every name mention joins a group of mentions of one
//! real-world entity: a later short form joins the full name it shortens ("Biden" ->
//! "Joe Biden", "Psaki's" -> "Jen Psaki"); other names group by their exact text.
//! Then [`find_references`] links role phrases ("the president", "the spokeswoman")
//! to the person whose name that role introduced ("President Joe Biden", "a UN
//! spokeswoman, Stéphanie Tremblay").
//!
//! Cost: linear in the text. A mention finds its exact name in a hash map, and a short
//! form compares itself with at most 64 groups that share its last word
//! (`MAX_JOIN_CANDIDATES`). A role phrase looks back over the persons mentioned in the
//! last 120 tokens and at most 512 introductions, and a person holds at most 16 roles.

use crate::entities::{Entity, EntityKind};
use crate::lexicon::HashMap;
use crate::lexicon::{find_lower, lexicon};
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
    /// The roles its mentions were introduced with ("Republican presidential
    /// nominee"), for the quote stage's guesses: not part of the result.
    #[serde(skip)]
    pub roles: Vec<Role>,
}

/// How many of the groups that share a word with a short form it is compared with, the
/// latest first: a list of thousands of names with one surname stays linear (it took
/// 44 s for 4 MB of them when the short form was compared with all).
const MAX_JOIN_CANDIDATES: usize = 64;

/// Groups the name mentions in `entities` (setting each one's `group`) and returns
/// the groups, ordered by first mention.
pub fn group_mentions(text: &str, entities: &mut [Entity]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: HashMap<(Cow<str>, EntityKind), usize> = HashMap::default();
    // Every group a word has been part of the name of (a superset of those whose name
    // holds it now), by the word's hash: a short form looks there, not through all the
    // groups (a hash collision only adds a group that the test below turns away).
    // Each list is in order of the groups, without repeats.
    let mut by_word: crate::words::ByHash<Vec<usize>> = crate::words::ByHash::default();
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
            // "Anna de Wit"), or the latest surname alone that it ends.
            let several = name.contains(' ');
            if several && e.kind != EntityKind::Person {
                return None;
            }
            // A one-word name in capitals is that name ("REYLAND:" of a transcript).
            let name: Cow<str> = if !several && crate::words::is_all_caps(&name) {
                Cow::Owned(crate::entities::title_case(&name))
            } else {
                Cow::Borrowed(name.as_ref())
            };
            let joins = |g: &Group| {
                let (n, name) = (g.name.as_str(), name.as_ref());
                let ends = |long: &str, short: &str| {
                    long.len() > short.len()
                        && long.ends_with(short)
                        && long[..long.len() - short.len()].ends_with(' ')
                };
                g.kind == e.kind
                    && match (several, e.kind) {
                        // A full name also takes a surname that came first, alone (a
                        // headline's "Okafor" before "Adaeze Okafor").
                        (true, EntityKind::Person) => {
                            ends(n, name) || (!n.contains(' ') && ends(name, n))
                        }
                        (true, _) => ends(n, name),
                        (false, EntityKind::Person) => {
                            n.contains(' ') && n.split(' ').any(|part| part == name)
                        }
                        (false, EntityKind::Organization) => {
                            n.contains(' ') && n.split(' ').next() == Some(name)
                        }
                        _ => false,
                    }
            };
            // Looked up by the mention's last word (its only one, for one word): the
            // latest of the groups that word is part of, among the last few.
            let last = name.rsplit(' ').next().unwrap_or(&name);
            by_word
                .get(&crate::words::word_hash(last))?
                .iter()
                .rev()
                .take(MAX_JOIN_CANDIDATES)
                .copied()
                .find(|&g| joins(&groups[g]))
        });
        let g = found.unwrap_or_else(|| {
            groups.push(Group {
                name: name.clone().into_owned(),
                kind: e.kind,
                mentions: Vec::new(),
                references: Vec::new(),
                roles: Vec::new(),
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
                let list = by_word.entry(crate::words::word_hash(part)).or_default();
                if let Err(at) = list.binary_search(&g) {
                    list.insert(at, g);
                }
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

/// A role as the text gives it: its title ("governor", a short form spelled out; the
/// last of several, "secretary general"), the party and the other words that qualify
/// it ("Republican"; "Indiana", "press") and whether it is a former or a vice one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    head: &'static str,
    party: Vec<String>,
    proper: Vec<String>,
    former: bool,
    vice: bool,
}

impl Role {
    /// Whether a role phrase `self` ("the Indiana governor") names the role a person
    /// was introduced with, `intro` ("Pence, the Indiana governor", "Indiana Gov.
    /// Mike Pence"): the same title, both former or neither, and each word that
    /// qualifies the phrase among the introduction's ("the Democratic senator" is
    /// "Democratic Sen. Elizabeth Warren", but may not be "Sen. Joni Ernst").
    pub fn names(&self, intro: &Role) -> bool {
        let within = |a: &[String], b: &[String]| a.is_empty() || a.iter().any(|w| b.contains(w));
        self.same_title(intro)
            && within(&self.party, &intro.party)
            && within(&self.proper, &intro.proper)
    }

    /// Whether a role phrase `self` cannot mean the person introduced as `intro`:
    /// the same title of another party ("the GOP nominee" and "Democratic nominee
    /// Hillary Clinton"), or a former one against a present one. (Other words are
    /// no proof: a headline in capitals reads as qualifying the title after it.)
    pub fn excludes(&self, intro: &Role) -> bool {
        let clash = !self.party.is_empty()
            && !intro.party.is_empty()
            && !self.party.iter().any(|w| intro.party.contains(w));
        self.head == intro.head && (self.former != intro.former || self.vice != intro.vice || clash)
    }

    /// Its title, spelled out ("governor"; "executive" for "CEO").
    pub fn title(&self) -> &'static str {
        self.head
    }

    fn same_title(&self, intro: &Role) -> bool {
        self.head == intro.head && self.former == intro.former && self.vice == intro.vice
    }
}

/// The title a word is, spelled out ("Gov" -> "governor", "CEO" -> "executive", as
/// the last word of "chief executive"), if it is one; an honorific ("Mr.", "Dr.") is
/// none: it tells no role.
pub fn title(word: &str) -> Option<&'static str> {
    let lex = lexicon();
    let t = find_lower(&lex.role_titles, word)?;
    Some(match t {
        "mr" | "mrs" | "ms" | "miss" | "dr" | "sir" => return None,
        "gov" => "governor",
        "sen" => "senator",
        "rep" => "representative",
        "gen" => "general",
        "prof" => "professor",
        "ceo" => "executive",
        _ => t,
    })
}

/// Reads the words of a role before its last title, `words` in text order
/// ("Republican presidential", "former", "Secretary"): party names ("GOP" and
/// "Republican" as one), capitalised words and title modifiers ("press") qualify
/// it; "former" and "vice" are marks; other titles and a few lower-case words
/// ("presidential", "state") are left aside. `None` if a word is no part of a role.
fn qualifiers(words: &[&str], head: &'static str) -> Option<Role> {
    let mut role = Role {
        head,
        party: Vec::new(),
        proper: Vec::new(),
        former: false,
        vice: false,
    };
    let lex = lexicon();
    for w in words {
        let lower = w.to_lowercase();
        match lower.as_str() {
            "former" | "ex" => role.former = true,
            "vice" => role.vice = true,
            "gop" | "republican" => role.party.push("republican".into()),
            "democrat" | "democratic" => role.party.push("democratic".into()),
            _ if title(w).is_some() || lex.role_words.contains(lower.as_str()) => {}
            _ if w.chars().next().is_some_and(char::is_uppercase) || is_title_modifier(w) => {
                role.proper.push(lower);
            }
            _ => return None,
        }
    }
    Some(role)
}

/// Whether a lower-case `word` may stand in a role before its title: a mark
/// ("former", "vice") or a word that does not qualify it ("presidential").
fn in_role(word: &str) -> bool {
    matches!(word, "former" | "ex" | "vice") || find_lower(&lexicon().role_words, word).is_some()
}

/// Whether `word`, capitalised, opens a title ("press" of "the press secretary").
fn is_title_modifier(word: &str) -> bool {
    let mut buf = [0u8; 16];
    if word.len() > buf.len() || !word.is_ascii() {
        return false;
    }
    let cap = &mut buf[..word.len()];
    cap.copy_from_slice(word.as_bytes());
    cap[0].make_ascii_uppercase();
    std::str::from_utf8(cap).is_ok_and(|c| lexicon().title_modifiers.contains(c))
}

/// Links each definite role phrase ("the president", "The spokeswoman", "the Indiana
/// governor", "the Republican presidential nominee") to the person it names. A person
/// holds the roles they were introduced with: named right after one ("President Joe
/// Biden", "Republican presidential nominee Donald Trump", "spokeswoman, Stéphanie
/// Tremblay", "Gov. Mike Pence") or described by one right after the name ("Mike
/// Pence, the Indiana governor,"). The phrase names the person last mentioned shortly
/// before who holds that role, else the one person introduced with it before, if only
/// one was. Otherwise it is left alone rather than guessed (the quote stage guesses a
/// speaker's, as it does for "he").
pub fn find_references(text: &str, tokens: &[Token], entities: &[Entity], groups: &mut [Group]) {
    let word = |i: usize| &text[tokens[i].span.range()];
    let is_word = |i: usize| is_word(tokens, i);
    let capitalised = |i: usize| capitalised(text, tokens, i);
    let role_from = |from: usize| role_from(text, tokens, from);
    // The roles that introduced each person mention, with the mention's group.
    let mut introduced: Vec<(usize, Role, usize)> = Vec::new(); // (token, role, group)
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let Some(g) = e.group else { continue };
        let first = tokens.partition_point(|t| t.span.start < e.span.start);
        // Before the name: "Republican presidential nominee Donald Trump", "Gov. Mike
        // Pence", "spokeswoman, Stéphanie Tremblay".
        let mut j = first;
        let comma = j > 0 && word(j - 1) == ",";
        let short = j > 1 && word(j - 1) == "." && lexicon().abbreviations.contains(word(j - 2));
        if comma || short {
            j -= 1;
        }
        if j > 0 && is_word(j - 1) {
            if let Some(head) = title(word(j - 1)) {
                let mut k = j - 1;
                while k > 0
                    && j - 1 - k < 3
                    && is_word(k - 1)
                    && (capitalised(k - 1) || in_role(word(k - 1)))
                    && !matches!(word(k - 1), "The" | "A" | "An")
                {
                    k -= 1;
                }
                let words: Vec<&str> = (k..j - 1).map(word).collect();
                if let Some(role) = qualifiers(&words, head) {
                    introduced.push((first, role, g));
                }
            }
        }
        // After it: "Mike Pence, the Indiana governor," "Ann Lee, a UN spokeswoman.",
        // closed by punctuation, perhaps after "of" or "from" and a name ("in Chelsea,
        // the mayor said" describes no one).
        let last = tokens.partition_point(|t| t.span.start < e.span.end);
        if word_at(text, tokens, last) == Some(",")
            && matches!(word_at(text, tokens, last + 1), Some("the" | "a" | "an"))
        {
            if let Some((role, end)) = role_from(last + 2) {
                let mut k = end + 1;
                if matches!(word_at(text, tokens, k), Some("of" | "from" | "for")) {
                    k += 1;
                    while k < end + 6 && capitalised(k) {
                        k += 1;
                    }
                }
                if matches!(word_at(text, tokens, k), None | Some("," | "." | ";" | ")")) {
                    introduced.push((first, role, g));
                }
            }
        }
    }
    // Entities come in text order, so `introduced` is in order of its tokens.
    debug_assert!(introduced.windows(2).all(|w| w[0].0 <= w[1].0));
    // Every person mention: its first token and its group.
    let mentioned: Vec<(usize, usize)> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| {
            Some((
                tokens.partition_point(|t| t.span.start < e.span.start),
                e.group?,
            ))
        })
        .collect();
    for (_, role, g) in &introduced {
        let roles = &mut groups[*g].roles;
        if roles.len() < MAX_ROLES && !roles.contains(role) {
            roles.push(role.clone());
        }
    }
    for i in 0..tokens.len().saturating_sub(1) {
        if !matches!(word(i), "the" | "The") {
            continue;
        }
        let Some((role, end)) = role_from(i + 1) else {
            continue;
        };
        // The person last mentioned shortly before who holds that role.
        let holds = |g: usize| groups[g].roles.iter().any(|r| role.names(r));
        let seen = mentioned.partition_point(|(t, _)| *t < i);
        let recent = mentioned[..seen]
            .iter()
            .rev()
            .take_while(|(t, _)| i - t <= RECENT_TOKENS)
            .map(|(_, g)| *g)
            .find(|&g| holds(g));
        // Else the one person that role introduced before, if only one
        // ("President Barack Obama" ... "the president").
        let only = || {
            let before = introduced.partition_point(|(t, _, _)| *t < i);
            let mut holders = introduced[..before]
                .iter()
                .rev()
                .take(MAX_INTRODUCTIONS)
                .filter(|(_, r, _)| role.names(r))
                .map(|(_, _, g)| *g);
            let first = holders.next()?;
            holders.all(|g| g == first).then_some(first)
        };
        if let Some(g) = recent.or_else(only) {
            groups[g]
                .references
                .push(Span::new(tokens[i].span.start, tokens[end].span.end));
        }
    }
}

/// How far back, in tokens, a person counts as just mentioned for a role phrase: about
/// the length of a short paragraph or two.
const RECENT_TOKENS: usize = 120;

/// How many introductions back a role phrase looks for the one person a role
/// introduced (the latest): a long text of introductions stays linear.
const MAX_INTRODUCTIONS: usize = 512;

/// How many roles a person holds at most (the first introduced): a long text that
/// introduces one name with ever other words stays linear.
const MAX_ROLES: usize = 16;

/// Whether token `i` is a word.
fn is_word(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
}

/// Whether token `i` is a word that begins with a capital.
fn capitalised(text: &str, tokens: &[Token], i: usize) -> bool {
    is_word(tokens, i)
        && text[tokens[i].span.range()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// A role read from token `from` on ("Indiana governor" after "the"): at most four
/// words ending in a title that no name follows ("the President Joe Biden" names the
/// person itself). The role and its title's token.
pub(crate) fn role_from(text: &str, tokens: &[Token], from: usize) -> Option<(Role, usize)> {
    let mut words = Vec::new();
    for j in from..(from + 4).min(tokens.len()) {
        if !is_word(tokens, j) {
            return None;
        }
        let w = &text[tokens[j].span.range()];
        // Of several titles in a row the last is the role ("secretary general").
        let head = title(w);
        let more = || word_at(text, tokens, j + 1).is_some_and(|n| title(n).is_some());
        if let Some(head) = head.filter(|_| !more()) {
            let next = if word_at(text, tokens, j + 1) == Some(".") {
                j + 2
            } else {
                j + 1
            };
            if capitalised(text, tokens, next) {
                return None;
            }
            return qualifiers(&words, head).map(|r| (r, j));
        }
        // Most words after "the" are none of a role's: stop at the first.
        let lower_word =
            !capitalised(text, tokens, j) && head.is_none() && !in_role(w) && !is_title_modifier(w);
        if lower_word {
            return None;
        }
        words.push(w);
    }
    None
}

/// The text of token `i`, if there is one.
fn word_at<'a>(text: &'a str, tokens: &[Token], i: usize) -> Option<&'a str> {
    tokens.get(i).map(|t| &text[t.span.range()])
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
            margin: None,
            confidence: None,
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
    fn a_surname_before_the_full_name_or_in_capitals_joins_it() {
        let text = "Okafor: tram plan dead\nAdaeze Okafor spoke.\nREYLAND: Why?\nOKAFOR: Money.";
        let mut es = vec![
            person(text, "Okafor", 0),
            person(text, "Adaeze Okafor", 0),
            person(text, "REYLAND", 0),
            person(text, "OKAFOR", 0),
        ];
        let groups = group_mentions(text, &mut es);
        let names: Vec<_> = groups.iter().map(|g| g.name.as_str()).collect();
        // "REYLAND" names no one the text names in full: a group of its own.
        assert_eq!(names, ["Adaeze Okafor", "REYLAND"]);
        assert_eq!(groups[0].mentions, [0, 1, 3]);
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

    #[test]
    fn a_role_names_the_person_last_mentioned_who_holds_it() {
        let doc = crate::analyze(
            "Republican presidential nominee Donald Trump spoke in Toledo. Indiana Gov. Mike \
             Pence joined him there. The Indiana governor praised the crowd, and the \
             Republican nominee thanked him. The Democratic nominee and the Ohio governor \
             did not comment.\n\n\
             Sen. Ann Lee and Sen. Tom Baird met on Monday. Baird left early. Lee stayed, \
             and the senator said the talks went well.\n\n\
             Former President Bill Clinton spoke after President Barack Obama. The former \
             president joked; the president laughed.\n\n\
             Amina Diallo, the secretary general of the United Nations, arrived late. At a \
             rally in Chelsea, the mayor spoke. Secretary General Diallo said the \
             secretary general would stay.",
        );
        let refs = |name: &str| -> Vec<&str> {
            let g = doc.groups.iter().find(|g| g.name == name).expect(name);
            g.references.iter().map(|s| doc.str(*s)).collect()
        };
        assert_eq!(refs("Donald Trump"), ["the Republican nominee"]);
        assert_eq!(refs("Mike Pence"), ["The Indiana governor"]);
        // Two senators: the one just mentioned.
        assert_eq!(refs("Ann Lee"), ["the senator"]);
        assert!(refs("Tom Baird").is_empty());
        assert_eq!(refs("Bill Clinton"), ["The former president"]);
        assert_eq!(refs("Barack Obama"), ["the president"]);
        // A title of two words, in her own description as later.
        assert_eq!(
            refs("Amina Diallo"),
            ["the secretary general", "the secretary general"]
        );
        // No Democratic nominee was introduced, no Ohio governor, nor a mayor: "in
        // Chelsea, the mayor" does not describe Chelsea.
        let all: Vec<&str> = doc
            .groups
            .iter()
            .flat_map(|g| g.references.iter().map(|s| doc.str(*s)))
            .collect();
        assert!(!all.contains(&"The Democratic nominee"), "{all:?}");
        assert!(!all.contains(&"the Ohio governor"), "{all:?}");
        assert!(!all.contains(&"the mayor"), "{all:?}");
    }
}
