//! Word lists compiled into the binary (see `data/`), parsed once.

use std::collections::HashSet as StdHashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a, byte by byte: the hash of a word as a feature value and of the prefixes and
/// suffixes the name finder reads. The models were trained on these values, so it
/// cannot change without retraining them.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of words, hashed with `rustc_hash`'s `FxHasher`: several bytes at a time, so
/// for the words looked up here many times a token it is faster than [`Fnv`]'s byte at
/// a time. (No input is adversarial: the keys are ours.) Which hasher a set uses changes
/// no result; [`Fnv`] stays where a hash is itself a feature value.
pub type HashSet<T> = StdHashSet<T, FxBuild>;

/// The hasher of [`HashSet`] and [`HashMap`].
pub type FxBuild = BuildHasherDefault<rustc_hash::FxHasher>;

/// All word lists, each a set of `&'static str` pointing into the compiled-in data.
#[allow(missing_docs)] // each field is named after its data file
pub struct Lexicon {
    pub places: HashSet<&'static str>,
    pub first_names: HashSet<&'static str>,
    pub surnames: HashSet<&'static str>,
    /// Lower-case English words (mined from training text): a capitalised one at a
    /// sentence start is probably not a name.
    pub common: HashSet<&'static str>,
    pub nationalities: HashSet<&'static str>,
    pub organizations: HashSet<&'static str>,
    pub org_words: HashSet<&'static str>,
    /// Words that end event names ("Cup", "Open").
    pub misc_words: HashSet<&'static str>,
    /// Words that open a storm's name ("Storm", "Hurricane").
    pub storm_words: HashSet<&'static str>,
    /// Trades that end a company's name ("Appliances", "Foods").
    pub trade_words: HashSet<&'static str>,
    /// Lower-case titles and roles ("president", "spokesman").
    pub titles: HashSet<&'static str>,
    pub title_modifiers: HashSet<&'static str>,
    /// Lower-case titles a role phrase may end in: `titles` and those of
    /// `role_titles.txt` ("nominee").
    pub role_titles: HashSet<&'static str>,
    /// Lower-case words inside a role phrase that do not qualify it ("presidential").
    pub role_words: HashSet<&'static str>,
    /// Lower-case nouns for unnamed speakers ("aide", "campaign", "analysts").
    pub speaker_nouns: HashSet<&'static str>,
    /// Nouns for those who report another's words in court ("prosecutors",
    /// "indictment").
    pub filing_nouns: HashSet<&'static str>,
    /// Verbs with which the person inside a reported clause says the words quoted
    /// ("threatened", "told").
    pub threat_cues: HashSet<&'static str>,
    /// Verbs with which a headline reports speech or a stance ("calls", "urges").
    pub headline_verbs: HashSet<&'static str>,
    /// Lower-case nouns for a person or people ("woman", "doctors").
    pub person_nouns: HashSet<&'static str>,
    /// Nouns through which an organisation speaks ("the agency", "the statement").
    pub body_nouns: HashSet<&'static str>,
    /// Lower-case words that end a public body's name ("commission", "ministry").
    pub public_bodies: HashSet<&'static str>,
    /// Nouns that stand for any organisation of their kind ("the agency").
    pub generic_body_nouns: HashSet<&'static str>,
    /// Cue verbs with which an organisation speaks ("said", "announced").
    pub statement_cues: HashSet<&'static str>,
    /// Words after which quoted words are a name or title ("named", "so-called").
    pub naming_words: HashSet<&'static str>,
    /// Lower-case words that make a paragraph's opening before a colon no speaker's
    /// label ("latest", "note", "watch").
    pub not_speaker_labels: HashSet<&'static str>,
    pub abbreviations: HashSet<&'static str>,
    /// Speech and thought verbs, lower case.
    pub cues: HashSet<&'static str>,
    /// Auxiliaries that go with a cue verb ("has", "would", "not").
    pub auxiliaries: HashSet<&'static str>,
}

/// A map from words, hashed as [`HashSet`] is.
pub type HashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// The named word lists, as compiled in. Exposed for the list-hygiene test.
pub(crate) const LISTS: &[(&str, &str)] = &[
    ("places", include_str!("../data/places.txt")),
    ("first_names", include_str!("../data/first_names.txt")),
    ("surnames", include_str!("../data/surnames.txt")),
    ("common_words", include_str!("../data/common_words.txt")),
    ("regions", include_str!("../data/regions.txt")),
    ("nationalities", include_str!("../data/nationalities.txt")),
    ("misc_words", include_str!("../data/misc_words.txt")),
    ("storm_words", include_str!("../data/storm_words.txt")),
    ("trade_words", include_str!("../data/trade_words.txt")),
    ("organizations", include_str!("../data/organizations.txt")),
    ("org_names", include_str!("../data/org_names.txt")),
    ("org_words", include_str!("../data/org_words.txt")),
    ("titles", include_str!("../data/titles.txt")),
    (
        "title_modifiers",
        include_str!("../data/title_modifiers.txt"),
    ),
    ("role_titles", include_str!("../data/role_titles.txt")),
    ("role_words", include_str!("../data/role_words.txt")),
    ("speaker_nouns", include_str!("../data/speaker_nouns.txt")),
    ("person_nouns", include_str!("../data/person_nouns.txt")),
    ("headline_verbs", include_str!("../data/headline_verbs.txt")),
    ("filing_nouns", include_str!("../data/filing_nouns.txt")),
    ("threat_cues", include_str!("../data/threat_cues.txt")),
    ("body_nouns", include_str!("../data/body_nouns.txt")),
    ("public_bodies", include_str!("../data/public_bodies.txt")),
    (
        "generic_body_nouns",
        include_str!("../data/generic_body_nouns.txt"),
    ),
    ("statement_cues", include_str!("../data/statement_cues.txt")),
    ("naming_words", include_str!("../data/naming_words.txt")),
    (
        "not_speaker_labels",
        include_str!("../data/not_speaker_labels.txt"),
    ),
    ("abbreviations", include_str!("../data/abbreviations.txt")),
    ("cues", include_str!("../data/cues.txt")),
    ("auxiliaries", include_str!("../data/auxiliaries.txt")),
];

/// The entry of `list` that `word` is, case aside (lower-cased on the stack where it is
/// short and ASCII, as the words looked up mostly are).
#[inline]
pub(crate) fn find_lower(list: &HashSet<&'static str>, word: &str) -> Option<&'static str> {
    let mut buf = [0u8; 24];
    if word.len() <= buf.len() && word.is_ascii() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower)
            .ok()
            .and_then(|l| list.get(l).copied())
    } else {
        list.get(word.to_lowercase().as_str()).copied()
    }
}

/// The lines of a text, as `str::lines` gives them, found by a vectorised byte search:
/// `str::lines` cost a fifth of the start-up on the compiled-in lists' 92,000 lines.
pub(crate) fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let (end, line_end) = match ends.next() {
            Some(k) => (k, true),
            None => (text.len(), false),
        };
        let line = &text[start..end];
        start = end + 1;
        // "\r\n" ends a line; a "\r" without "\n" after it is the line's own.
        Some(match line.strip_suffix('\r') {
            Some(l) if line_end => l,
            _ => line,
        })
    })
}

/// The colon of a label that opens `s` ("RAMOS: Why?"): the first colon in its first
/// `bytes` bytes that a space, a tab or a no-break space follows (pasted text has
/// "RAMOS:\u{a0} Why?"), and where the text after that white space begins. Byte
/// tests, not Unicode's white space tables, which a colon before rarely meets.
pub(crate) fn label_colon(s: &str, bytes: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let space = |k: usize| match b.get(k) {
        Some(b' ' | b'\t') => Some(1),
        Some(0xC2) if b.get(k + 1) == Some(&0xA0) => Some(2),
        _ => None,
    };
    let colon =
        memchr::memchr_iter(b':', &b[..bytes.min(b.len())]).find(|&k| space(k + 1).is_some())?;
    let mut after = colon + 1;
    while let Some(n) = space(after) {
        after += n;
    }
    Some((colon, after))
}

/// Whether the label before a colon names no speaker: one of its words (a full stop
/// after it aside) is in `not_speaker_labels.txt` ("The Latest:", "Editor's Note:",
/// "VIDEO:").
pub(crate) fn names_no_one(label: &str) -> bool {
    label
        .split_whitespace()
        .any(|w| find_lower(&lexicon().not_speaker_labels, w.trim_end_matches('.')).is_some())
}

/// How many lines `text` has, at most: room for that many items.
pub(crate) fn lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// The rows "word<TAB>a<TAB>b" of a tab-separated list, comment lines (`#`) and rows
/// that do not parse left out.
pub(crate) fn word_pairs<T: std::str::FromStr>(tsv: &str) -> impl Iterator<Item = (&str, (T, T))> {
    lines_of(tsv)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let w = it.next()?;
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            Some((w, (a, b)))
        })
}

/// The items of a list: one a line, `#` lines are comments.
pub(crate) fn items(list: &'static str) -> impl Iterator<Item = &'static str> {
    lines_of(list)
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(name: &str) -> HashSet<&'static str> {
    let (_, list) = LISTS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("every list named in lexicon() is in LISTS");
    // Sized once for every line: growing the set as it fills cost a sixth of the
    // start-up (rehashing).
    let mut out = HashSet::with_capacity_and_hasher(lines(list), BuildHasherDefault::default());
    out.extend(items(list));
    out
}

/// The word lists, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        places: {
            let mut places = set("places");
            places.extend(set("regions"));
            places
        },
        first_names: set("first_names"),
        surnames: set("surnames"),
        common: set("common_words"),
        nationalities: set("nationalities"),
        organizations: {
            let mut names = set("organizations");
            names.extend(set("org_names"));
            names
        },
        org_words: set("org_words"),
        misc_words: set("misc_words"),
        storm_words: set("storm_words"),
        trade_words: set("trade_words"),
        titles: set("titles"),
        title_modifiers: set("title_modifiers"),
        role_titles: {
            let mut titles = set("titles");
            titles.extend(set("role_titles"));
            titles
        },
        role_words: set("role_words"),
        speaker_nouns: set("speaker_nouns"),
        person_nouns: set("person_nouns"),
        headline_verbs: set("headline_verbs"),
        filing_nouns: set("filing_nouns"),
        threat_cues: set("threat_cues"),
        body_nouns: set("body_nouns"),
        public_bodies: set("public_bodies"),
        generic_body_nouns: set("generic_body_nouns"),
        statement_cues: set("statement_cues"),
        naming_words: set("naming_words"),
        not_speaker_labels: set("not_speaker_labels"),
        abbreviations: set("abbreviations"),
        cues: set("cues"),
        auxiliaries: set("auxiliaries"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\nx\n\n",
            "é\nü\r",
            "a\rb",
        ] {
            assert_eq!(
                lines_of(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            assert!(lines(text) >= lines_of(text).count(), "{text:?}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    proptest::proptest! {
        #[test]
        fn lines_are_those_of_str_lines_anywhere(text in "[a\\r\\n é]{0,40}") {
            proptest::prop_assert_eq!(
                lines_of(&text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn every_list_is_sorted_without_duplicates() {
        for (name, list) in LISTS {
            let v: Vec<_> = items(list).collect();
            assert!(!v.is_empty(), "{name} is empty");
            for w in v.windows(2) {
                assert!(w[0] < w[1], "{name}: {:?} then {:?}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn lists_hold_what_the_pipeline_relies_on() {
        let l = lexicon();
        assert!(l.places.contains("Ukraine") && l.places.contains("Kharkiv"));
        assert!(l.first_names.contains("Joe"));
        assert!(l.nationalities.contains("Russian"));
        assert!(l.organizations.contains("White House"));
        assert!(l.titles.contains("spokesman"));
        assert!(l.cues.contains("said"));
        assert!(l.common.contains("the"));
        assert!(!l.places.contains("Western"), "a nationality, not a place");
        assert!(l.places.contains("Britain"), "regions join the places");
        assert!(l.misc_words.contains("Cup"));
    }
}
