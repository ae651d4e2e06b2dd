//! Reading PolNeAR: brat standoff annotations of attributions over plain-text
//! articles.

use crate::span::Span;

/// One article and its attributions, as byte spans.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The name (the text file's stem).
    pub name: String,
    /// The article.
    pub text: String,
    /// Its attributions.
    pub attributions: Vec<Attribution>,
}

/// One attribution: its parts, each possibly in pieces, possibly missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// What was said.
    pub content: Vec<Span>,
    /// Who said it.
    pub source: Vec<Span>,
    /// The words that mark it.
    pub cue: Vec<Span>,
}

/// Reads an article and its annotations (offsets in code points), keeping the
/// attributions that have a content.
pub fn parse(name: &str, text: String, ann: &str) -> Doc {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let byte = |cp: usize| bytes.get(cp).copied().unwrap_or(text.len());
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, offsets)) = body.split_once(' ') else {
                continue;
            };
            let parsed: Option<Vec<Span>> = offsets
                .split(';')
                .map(|p| {
                    let (s, e) = p.trim().split_once(' ')?;
                    Some(Span::new(byte(s.parse().ok()?), byte(e.parse().ok()?)))
                })
                .collect();
            if let Some(p) = parsed {
                spans.insert(id, p);
            }
        } else if id.starts_with('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut attributions = Vec::new();
    for e in events {
        let part = |role: &str| -> Vec<Span> {
            e.iter()
                .find(|(r, _)| *r == role)
                .and_then(|(_, id)| spans.get(id))
                .cloned()
                .unwrap_or_default()
        };
        let content = part("Content");
        if !content.is_empty() {
            attributions.push(Attribution {
                content,
                source: part("Source"),
                cue: part("Cue"),
            });
        }
    }
    Doc {
        name: name.to_owned(),
        text,
        attributions,
    }
}

/// Reads a PolNeAR split: `DIR/text/NAME.txt` and, of `DIR/attributions/NAME_*.ann`,
/// the first by name (as the scorer does).
///
/// # Errors
/// When a folder or file cannot be read.
pub fn read_split(dir: &std::path::Path) -> std::io::Result<Vec<Doc>> {
    let mut texts: Vec<_> = std::fs::read_dir(dir.join("text"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<String> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    anns.sort();
    let mut out = Vec::new();
    for t in texts {
        let name = t
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let Some(ann) = anns
            .iter()
            .find(|a| a.rsplit_once('_').is_some_and(|(n, _)| n == name))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&t)?;
        let ann = std::fs::read_to_string(dir.join("attributions").join(ann))?;
        out.push(parse(&name, text, &ann));
    }
    Ok(out)
}
