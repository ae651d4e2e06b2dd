//! Reading CoNLL-2003 for training and evaluation, as the scorer reads it: each
//! document detokenised into plain text, one CoNLL sentence per line.

use crate::clusters::Clusters;
use crate::entities::{line_case, LineCase, TITLE_SMALL_WORDS};
use crate::lexicon::lexicon;
use crate::ner::{features, normalise, DocStats, Learned, Names, Scratch, Words, BITS, TAGS};
use crate::sentences::{split_sentences, Sentence};
use crate::span::Span;
use crate::tagger::Example;
use crate::tagger::FeatureHasher;
use crate::tokens::{tokenize, Token, TokenKind};

/// One document: its text and its gold names as byte spans with a type (0..4).
#[derive(Clone, Debug)]
pub struct Doc {
    /// The detokenised text.
    pub text: String,
    /// Gold names: span and type index (PER, ORG, LOC, MISC).
    pub gold: Vec<(Span, usize)>,
    /// The tags its corpus does not annotate, as [`Example::unmarked`] (0: none).
    pub unmarked: u64,
    /// How many times each epoch sees it (1 by default): its corpus's weight.
    pub repeat: usize,
    /// Which of its names go into the list of names learned from the training data
    /// (`models/names.tsv`).
    pub mined: Mined,
}

/// Which names of a document join the list of names learned from the training data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mined {
    /// All (but those the word lists know better).
    All,
    /// Those of two words or more, and single words annotated twice or more.
    Twice,
    /// Those of two words or more.
    Phrases,
    /// None.
    Nothing,
}

const NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'", "'re", "'ve", "'ll",
    "'d", "'m", "”", "’", "’s",
];
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "“", "‘"];

fn type_index(t: &str) -> Option<usize> {
    ["PER", "ORG", "LOC", "MISC"].iter().position(|x| *x == t)
}

/// Parses a CoNLL file's content into documents.
pub fn parse(content: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut sents: Vec<Vec<(&str, &str)>> = Vec::new();
    let mut sent: Vec<(&str, &str)> = Vec::new();
    let flush_doc = |sents: &mut Vec<Vec<(&str, &str)>>, docs: &mut Vec<Doc>| {
        if !sents.is_empty() {
            docs.push(build(sents));
            sents.clear();
        }
    };
    for line in content.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            if !sent.is_empty() {
                sents.push(std::mem::take(&mut sent));
            }
            continue;
        }
        if parts[0] == "-DOCSTART-" {
            if !sent.is_empty() {
                sents.push(std::mem::take(&mut sent));
            }
            flush_doc(&mut sents, &mut docs);
            continue;
        }
        sent.push((parts[0], parts[parts.len() - 1]));
    }
    if !sent.is_empty() {
        sents.push(sent);
    }
    flush_doc(&mut sents, &mut docs);
    docs
}

fn build(sents: &[Vec<(&str, &str)>]) -> Doc {
    let mut text = String::new();
    let mut gold = Vec::new();
    for s in sents {
        if !text.is_empty() {
            text.push('\n');
        }
        let mut offs = Vec::new();
        let mut quote_open = false;
        for (i, (w, _)) in s.iter().enumerate() {
            let mut space = i > 0;
            if NO_SPACE_BEFORE.contains(w) {
                space = false;
            }
            if i > 0 && NO_SPACE_AFTER.contains(&s[i - 1].0) {
                space = false;
            }
            if *w == "\"" {
                if quote_open {
                    space = false;
                }
                quote_open = !quote_open;
            } else if i > 0 && s[i - 1].0 == "\"" && quote_open {
                space = false;
            }
            if space {
                text.push(' ');
            }
            offs.push((text.len(), text.len() + w.len()));
            text.push_str(w);
        }
        // conlleval chunks: a chunk starts at B-X, or at I-X after O or another type.
        let mut start: Option<(usize, usize)> = None;
        for (i, (_, tag)) in s
            .iter()
            .enumerate()
            .chain(std::iter::once((s.len(), &("", "O"))))
        {
            let (prefix, ty) = tag.split_at(tag.find('-').map_or(tag.len(), |p| p + 1));
            let ty = type_index(ty);
            let continues = prefix == "I-" && start.is_some_and(|(_, t)| Some(t) == ty);
            if !continues {
                if let Some((a, t)) = start.take() {
                    gold.push((Span::new(offs[a].0, offs[i - 1].1), t));
                }
                if let Some(t) = ty {
                    start = Some((i, t));
                }
            }
        }
    }
    Doc {
        text,
        gold,
        unmarked: 0,
        repeat: 1,
        mined: Mined::All,
    }
}

/// The words of documents, sentence by sentence, as the clusters read them.
pub fn words(texts: &[&str]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for text in texts {
        let tokens = tokenize(text);
        for s in split_sentences(text, &tokens) {
            out.push(
                tokens[s.tokens]
                    .iter()
                    .map(|t| normalise(&text[t.span.range()]).into_owned())
                    .collect(),
            );
        }
    }
    out
}

/// Training examples from documents: the product's tokens and sentences, each token
/// tagged from the gold span it falls in.
///
/// The training-name features of a document come from the names of the *other*
/// half of the documents (even and odd): names from a document's own annotation
/// would be right every time in training and mislead the model.
pub fn examples(docs: &[Doc], clusters: &Clusters, enabled: u8) -> Vec<Example> {
    let h = FeatureHasher::new(BITS);
    let lex = lexicon();
    let halves = [
        Names::from_docs(docs.iter().skip(1).step_by(2)),
        Names::from_docs(docs.iter().step_by(2)),
    ];
    let words = Words::new(lex, clusters);
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    for (di, d) in docs.iter().enumerate() {
        let learned = Learned {
            words: &words,
            names: &halves[di % 2],
        };
        let first = out.len();
        let tokens = tokenize(&d.text);
        let sentences = split_sentences(&d.text, &tokens);
        let tags = project(&d.gold, &tokens);
        let doc = DocStats::new(&d.text, &tokens, sentences.iter().map(|s| s.tokens.clone()));
        for s in &sentences {
            let toks = &tokens[s.tokens.clone()];
            out.push(Example {
                feats: features(h, lex, learned, &doc, &d.text, toks, enabled, &mut scratch)
                    .clone(),
                tags: tags[s.tokens.clone()].to_vec(),
                unmarked: d.unmarked,
            });
        }
        // The document again with some lines as title-case headlines, for those
        // lines alone: CoNLL-2003 prints its headlines in capitals, the news online
        // mostly in title case.
        let (text, chosen) = title_cased(d, &tokens, &sentences);
        if !chosen.is_empty() {
            let tokens = tokenize(&text);
            let sentences = split_sentences(&text, &tokens);
            let tags = project(&d.gold, &tokens);
            let doc = DocStats::new(&text, &tokens, sentences.iter().map(|s| s.tokens.clone()));
            for s in sentences.iter().filter(|s| chosen.contains(&s.span.start)) {
                let toks = &tokens[s.tokens.clone()];
                out.push(Example {
                    feats: features(h, lex, learned, &doc, &text, toks, enabled, &mut scratch)
                        .clone(),
                    tags: tags[s.tokens.clone()].to_vec(),
                    unmarked: d.unmarked,
                });
            }
        }
        // A corpus weighted more is seen more often in each epoch.
        for _ in 1..d.repeat {
            out.extend_from_within(first..);
        }
    }
    debug_assert!(out.iter().all(|e| e.tags.iter().all(|t| *t < TAGS.len())));
    out
}

/// `doc`'s text with its headlines in capitals and every sixth short sentence of
/// running text (4 to 16 words) in title case, and where those sentences start.
/// Two styles take turns: every word capitalised ("Plan For The Tram Is Dead"), or
/// all but short function words ("Plan for the Tram Is Dead"). Acronyms keep their
/// capitals: a word with a full stop inside ("U.S."), or one of up to four capitals
/// in a name ("NATO"). Only ASCII letters change, so gold spans stay where they are.
pub(crate) fn title_cased(
    doc: &Doc,
    tokens: &[Token],
    sentences: &[Sentence],
) -> (String, Vec<usize>) {
    let mut bytes = doc.text.clone().into_bytes();
    let mut chosen = Vec::new();
    let mut short = 0;
    for s in sentences {
        let words: Vec<Token> = tokens[s.tokens.clone()]
            .iter()
            .copied()
            .filter(|t| t.kind == TokenKind::Word)
            .collect();
        let case = line_case(&doc.text, &tokens[s.tokens.clone()]);
        let pick = match case {
            LineCase::Caps => true,
            LineCase::Plain if (4..=16).contains(&words.len()) => {
                short += 1;
                short % 6 == 0
            }
            _ => false,
        };
        if !pick {
            continue;
        }
        let every_word = chosen.len() % 2 == 0;
        chosen.push(s.span.start);
        for (i, t) in words.iter().enumerate() {
            let w = &doc.text[t.span.range()];
            let in_name = doc.gold.iter().any(|(g, _)| g.overlaps(t.span));
            let acronym = w.trim_end_matches('.').contains('.')
                || (in_name && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_uppercase()));
            if acronym {
                continue;
            }
            let lower = w.to_ascii_lowercase();
            let small = i > 0 && !every_word && TITLE_SMALL_WORDS.contains(&lower.as_str());
            let out = &mut bytes[t.span.range()];
            out.make_ascii_lowercase();
            if !small {
                out[0] = out[0].to_ascii_uppercase();
            }
        }
    }
    let text = String::from_utf8(bytes).expect("only ASCII letters changed");
    (text, chosen)
}

/// Each token's BIO tag, from the gold span it overlaps.
fn project(gold: &[(Span, usize)], tokens: &[crate::tokens::Token]) -> Vec<usize> {
    let mut tags = vec![0; tokens.len()];
    for (span, ty) in gold {
        let a = tokens.partition_point(|t| t.span.end <= span.start);
        let b = tokens.partition_point(|t| t.span.start < span.end);
        for (k, tag) in tags.iter_mut().enumerate().take(b).skip(a) {
            *tag = 1 + ty * 2 + usize::from(k > a);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_headlines_in_title_case_keep_their_acronyms_and_names() {
        let docs = parse(
            "-DOCSTART- -X- O O\n\nRUGBY NNP B-NP O\n- : O O\nNZ NNP B-NP B-LOC\n\
             BEAT NNP I-NP O\nU.S. NNP I-NP B-LOC\nIN IN B-PP O\nAUCKLAND NNP B-NP B-LOC\n\n\
             The DT B-NP O\nteam NN I-NP O\nflew NN I-NP O\nto TO B-PP O\nAuckland NNP B-NP B-LOC\n\
             on IN B-PP O\nMonday NNP B-NP O\n. . O O\n",
        );
        let d = &docs[0];
        let tokens = crate::tokens::tokenize(&d.text);
        let sentences = crate::sentences::split_sentences(&d.text, &tokens);
        let (text, chosen) = title_cased(d, &tokens, &sentences);
        assert_eq!(
            text,
            "Rugby - NZ Beat U.S. In Auckland\nThe team flew to Auckland on Monday."
        );
        assert_eq!(chosen, vec![0]);
        for (span, _) in &d.gold {
            assert_eq!(
                text[span.range()].to_lowercase(),
                d.text[span.range()].to_lowercase()
            );
        }
    }

    #[test]
    fn conll_documents_detokenise_like_the_scorer() {
        let docs = parse("-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n's POS O O\nwin NN O O\n, , O O\nin IN O O\nthe DT O O\nU.S. NNP O B-LOC\n. . O O\n\nEU NNP O B-ORG\nrejects VBZ O O\n");
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "Peter Blackburn's win, in the U.S..\nEU rejects");
        let names: Vec<_> = d
            .gold
            .iter()
            .map(|(s, t)| (&d.text[s.range()], *t))
            .collect();
        assert_eq!(names, [("Peter Blackburn", 0), ("U.S.", 2), ("EU", 1)]);
    }
}
