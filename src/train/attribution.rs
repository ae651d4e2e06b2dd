//! Training and scoring the attribution tagger on PolNeAR: examples with gold tags
//! projected on the product's tokens, the cue lexicon counted from the annotations, and
//! the scores `quote_eval.py` would print.

use super::polnear;
use crate::attribution::{
    begin_tag, features, find_with, lower, units, Context, Cues, Role, BITS, ROLES,
};
use crate::entities::Entity;
use crate::options::QuoteMode;
use crate::sentences::Sentence;
use crate::span::Span;
use crate::tagger::{Example, Feats, FeatureHasher, Weights};
use crate::tokens::{Token, TokenKind};

impl Cues {
    /// Counts every token of `docs` and how many of them lie in an annotated cue.
    pub fn learn(docs: &[polnear::Doc]) -> Self {
        let mut map: crate::lexicon::HashMap<String, (u32, u32)> =
            crate::lexicon::HashMap::default();
        for d in docs {
            let tokens = crate::tokens::tokenize(&d.text);
            let mut cue = vec![false; tokens.len()];
            for a in &d.attributions {
                for s in &a.cue {
                    for (i, t) in tokens.iter().enumerate() {
                        if t.span.start >= s.start && t.span.end <= s.end {
                            cue[i] = true;
                        }
                    }
                }
            }
            for (t, c) in tokens.iter().zip(cue) {
                if t.kind == TokenKind::Word {
                    let e = map.entry(lower(&d.text[t.span.range()])).or_default();
                    e.0 += u32::from(c);
                    e.1 += 1;
                }
            }
        }
        map.retain(|_, (c, n)| *c >= 2 && *n >= 3);
        Cues::indexed(map)
    }

    /// The tab-separated form (`word`, times in a cue, times seen), most frequent cue
    /// words first, with a header comment.
    pub fn to_tsv(&self, header: &str) -> String {
        use std::fmt::Write;
        let mut words: Vec<_> = self.map.iter().collect();
        words.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let mut out = format!("# {header}\n");
        for (w, (c, n)) in words {
            let _ = writeln!(out, "{w}\t{c}\t{n}");
        }
        out
    }
}

/// The stages the tagger reads, run on a training or development article: tokens,
/// sentences, entities (with the compiled name finder) and quoted spans.
fn stages(text: &str) -> (Vec<Token>, Vec<Sentence>, Vec<Entity>, Vec<Span>) {
    let tokens = crate::tokens::tokenize(text);
    let sentences = crate::sentences::split_sentences(text, &tokens);
    let paragraphs = crate::layout::find_layout(text, &tokens, &sentences);
    let entities = crate::entities::find_entities(
        text,
        &tokens,
        &sentences,
        &paragraphs,
        &crate::ner::ModelNameFinder,
    );
    let spans = crate::quotes::quoted_spans(text);
    (tokens, sentences, entities, spans)
}

/// Training examples: one per paragraph, gold tags projected on the product's tokens
/// (a token takes a role when it lies inside one of the role's spans; sources and cues
/// win over the content around them).
pub fn examples(docs: &[polnear::Doc], cues: &Cues) -> Vec<Example> {
    let h = FeatureHasher::new(BITS);
    let mut out = Vec::new();
    for d in docs {
        let (tokens, sentences, entities, spans) = stages(&d.text);
        let cx = Context::new(
            &d.text,
            &tokens,
            &entities,
            cues,
            &spans,
            &sentences,
            QuoteMode::All,
        );
        let gold = project(d, &tokens);
        for p in units(&sentences, &cx, QuoteMode::All, &[]) {
            let mut feats = Feats::default();
            features(h, &cx, &p, &mut feats);
            out.push(Example {
                feats,
                tags: gold[p.tokens.clone()].to_vec(),
                unmarked: 0,
            });
        }
    }
    out
}

/// Gold tags of a document's tokens.
pub fn project(d: &polnear::Doc, tokens: &[Token]) -> Vec<usize> {
    let mut tags = vec![0usize; tokens.len()];
    for role in ROLES {
        for a in &d.attributions {
            let spans = match role {
                Role::Content => &a.content,
                Role::Source => &a.source,
                Role::Cue => &a.cue,
            };
            for s in spans {
                let first = tokens.partition_point(|t| t.span.end <= s.start);
                let mut begun = false;
                for (k, t) in tokens.iter().enumerate().skip(first) {
                    if t.span.start >= s.end {
                        break;
                    }
                    let b = begin_tag(role);
                    tags[k] = if begun && (tags[k - 1] == b || tags[k - 1] == b + 1) {
                        b + 1
                    } else {
                        b
                    };
                    begun = true;
                }
            }
        }
    }
    tags
}

/// Scores of attributions against gold, as `quote_eval.py` counts them: contents
/// compared as sets of characters without white space and quotation marks, matched one
/// to one at a Jaccard overlap of at least 0.5, best first.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Predicted attributions.
    pub predicted: usize,
    /// Gold attributions.
    pub gold: usize,
    /// Matched contents.
    pub content: usize,
    /// Matched contents whose source is right too.
    pub attribution: usize,
}

impl Scores {
    /// Precision, recall and F1 (in %) of `tp` true positives.
    pub fn prf(&self, tp: usize) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            tp as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }
}

/// The bytes of `spans` the scorer compares: neither white space nor quotation marks.
pub(crate) fn charset(text: &str, spans: &[Span]) -> std::collections::BTreeSet<usize> {
    const MARKS: &str = "\"“”„‟«»‘’‚‛'`";
    let mut out = std::collections::BTreeSet::new();
    for s in spans {
        for (i, c) in text[s.range()].char_indices() {
            if !c.is_whitespace() && !MARKS.contains(c) {
                out.insert(s.start + i);
            }
        }
    }
    out
}

type Chars = std::collections::BTreeSet<usize>;

/// Whether a predicted source (or speaker) is right for a gold one, as the scorer
/// counts it: their characters overlap, or both are absent.
pub(crate) fn role_ok(gold: &Chars, pred: &Chars) -> bool {
    (gold.is_empty() && pred.is_empty()) || gold.intersection(pred).next().is_some()
}

/// Pairs of gold and predicted contents that the scorer matches: one to one, at a
/// Jaccard overlap of their characters of at least 0.5, best first.
fn match_sets(gold: &[&Chars], pred: &[&Chars]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let inter = g.intersection(p).count();
            if inter == 0 {
                continue;
            }
            let j = inter as f64 / (g.len() + p.len() - inter) as f64;
            if j >= 0.5 {
                pairs.push((j, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((b.1, b.2).cmp(&(a.1, a.2))));
    let (mut used_g, mut used_p) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, gi, pi) in pairs {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        out.push((gi, pi));
    }
    out
}

/// [`match_sets`] on spans of `text`: which gold contents the predicted ones match.
pub(crate) fn matches(text: &str, gold: &[Vec<Span>], pred: &[Vec<Span>]) -> Vec<(usize, usize)> {
    let sets = |v: &[Vec<Span>]| -> Vec<Chars> { v.iter().map(|s| charset(text, s)).collect() };
    let (gold, pred) = (sets(gold), sets(pred));
    match_sets(
        &gold.iter().collect::<Vec<_>>(),
        &pred.iter().collect::<Vec<_>>(),
    )
}

/// Scores `weights` on `docs`.
pub fn evaluate(weights: &Weights, cues: &Cues, docs: &[polnear::Doc]) -> Scores {
    let mut sc = Scores::default();
    for d in docs {
        let (tokens, sentences, entities, spans) = stages(&d.text);
        let found = find_with(
            weights,
            cues,
            &d.text,
            &tokens,
            &sentences,
            &entities,
            &spans,
            QuoteMode::All,
            &[],
        );
        let gold: Vec<_> = d
            .attributions
            .iter()
            .map(|a| (charset(&d.text, &a.content), charset(&d.text, &a.source)))
            .filter(|(c, _)| !c.is_empty())
            .collect();
        let pred: Vec<_> = found
            .iter()
            .map(|f| {
                (
                    charset(&d.text, &[f.content]),
                    charset(&d.text, f.source.as_slice()),
                )
            })
            .filter(|(c, _)| !c.is_empty())
            .collect();
        sc.gold += gold.len();
        sc.predicted += pred.len();
        let gold_contents: Vec<&Chars> = gold.iter().map(|x| &x.0).collect();
        let pred_contents: Vec<&Chars> = pred.iter().map(|x| &x.0).collect();
        for (gi, pi) in match_sets(&gold_contents, &pred_contents) {
            sc.content += 1;
            if role_ok(&gold[gi].1, &pred[pi].1) {
                sc.attribution += 1;
            }
        }
    }
    sc
}
