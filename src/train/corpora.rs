//! The NER corpora beyond CoNLL-2003 (`../shared/data/ner-extra`, read its README), and
//! how training meets each one's conventions where they differ from CoNLL-2003's.

use super::conll::{Doc, Mined};
use crate::lexicon::lexicon;

/// How one corpus is read for training.
#[derive(Clone, Copy, Debug)]
pub struct Corpus {
    /// Its folder's name in `ner-extra`.
    pub name: &'static str,
    /// It does not annotate MISC as CoNLL-2003 does (none, or products and works
    /// only): its MISC tags are unmarked (a MISC the model finds where it says
    /// nothing is not counted wrong, [`crate::tagger::Example::unmarked`]).
    pub misc_unmarked: bool,
    /// It types a country that acts (a government, a team) ORG, where CoNLL-2003 has
    /// LOC: such one-word ORG names that are places in the word lists become LOC.
    pub countries_as_org: bool,
    /// Which of its names join the list of names learned from the training data
    /// (CoNLL-2003's all): names of two words or more, and a single word only when
    /// annotated twice ("Tram", an organisation once in WikiGold, read a headline's
    /// "Tram Plan" as one); of social media, phrases only (handles and nicknames).
    pub mined: Mined,
}

/// The corpora and their handling.
pub const CORPORA: &[Corpus] = &[
    Corpus {
        name: "gum",
        misc_unmarked: false,
        countries_as_org: false,
        mined: Mined::Twice,
    },
    Corpus {
        name: "uner-ewt",
        misc_unmarked: false,
        countries_as_org: true,
        mined: Mined::Twice,
    },
    Corpus {
        name: "wnut17",
        misc_unmarked: true,
        countries_as_org: true,
        mined: Mined::Phrases,
    },
    Corpus {
        name: "btc",
        misc_unmarked: true,
        countries_as_org: false,
        mined: Mined::Phrases,
    },
    Corpus {
        name: "wikigold",
        misc_unmarked: false,
        countries_as_org: false,
        mined: Mined::Twice,
    },
    Corpus {
        name: "redocred",
        misc_unmarked: false,
        countries_as_org: false,
        mined: Mined::Twice,
    },
];

/// The B-MISC and I-MISC tags (`ner::TAGS` 7 and 8) as an unmarked mask.
const MISC_TAGS: u64 = 1 << 7 | 1 << 8;

impl Corpus {
    /// The corpus named `name`.
    pub fn named(name: &str) -> Option<Corpus> {
        CORPORA.iter().find(|c| c.name == name).copied()
    }

    /// `docs`, read as this corpus is: their conventions met as CoNLL-2003 has them.
    pub fn adapt(&self, docs: &mut [Doc]) {
        let places = &lexicon().places;
        for d in docs {
            d.mined = self.mined;
            if self.misc_unmarked {
                d.unmarked = MISC_TAGS;
                d.gold.retain(|(_, ty)| *ty != 3);
            }
            if self.countries_as_org {
                for (span, ty) in &mut d.gold {
                    if *ty == 1 && places.contains(&d.text[span.range()]) {
                        *ty = 2;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::conll;

    #[test]
    fn each_corpus_is_read_with_its_conventions_met() {
        let text = "-DOCSTART- O\n\nChina B-ORG\nbeat O\nthe O\nAmerican B-MISC\nteam O\n";
        let read = |name: &str| {
            let mut docs = conll::parse(text);
            Corpus::named(name).expect("a corpus").adapt(&mut docs);
            let d = &docs[0];
            let gold: Vec<(String, usize)> = d
                .gold
                .iter()
                .map(|(s, t)| (d.text[s.range()].to_string(), *t))
                .collect();
            (gold, d.unmarked, d.mined)
        };
        // UNER-EWT: a country acting is a place, as CoNLL-2003 has it.
        let (gold, unmarked, mined) = read("uner-ewt");
        assert_eq!(gold, [("China".into(), 2), ("American".into(), 3)]);
        assert_eq!((unmarked, mined), (0, Mined::Twice));
        // BTC has no MISC: what it leaves outside may be MISC.
        let (gold, unmarked, mined) = read("btc");
        assert_eq!(gold, [("China".into(), 1)]);
        assert_eq!((unmarked, mined), (MISC_TAGS, Mined::Phrases));
        assert!(Corpus::named("conll2003").is_none());
    }
}
