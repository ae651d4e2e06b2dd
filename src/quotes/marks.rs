//! Quotation marks: the spans they quote (outermost only, nested single quotes inside
//! double ones, a quote over paragraphs that reopen it), the turns of a quoted
//! transcript, and how far a look ahead or back reaches.

// The stage's own helpers, as the functions were written beside them.
#[allow(clippy::wildcard_imports)]
use super::*;

/// The characters that may mark a quotation (the scorer's set: straight and curly,
/// single and double, guillemets and low marks).
pub(super) const QUOTE_CHARS: &str = "\"“”„‟«»‘’‚‛'`";

/// The length of the double quotation mark that opens `s`, if one does: “, „, «, a
/// straight " or two straight apostrophes ('' as some archives print “).
fn opening_double_mark(s: &str) -> Option<usize> {
    if s.starts_with("''") {
        return Some(2);
    }
    s.chars()
        .next()
        .filter(|c| matches!(c, '"' | '“' | '„' | '«'))
        .map(char::len_utf8)
}

/// The start of `s`, at most `bytes` long (less where a char would be cut): how far
/// a look ahead reaches, so that a text of one long line is not read to its end from
/// every quote.
pub(super) fn at_most(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The end of `s`, at most `bytes` long (less where a char would be cut): how far a
/// look back reaches.
pub(super) fn last_at_most(s: &str, bytes: usize) -> &str {
    let mut start = s.len().saturating_sub(bytes);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The turns of quoted transcripts: a quote whose paragraphs open with a speaker's
/// label in capitals ("\"HOST: ...", "\"OKOYE: ...") is cut into one quote per
/// paragraph, each without its label, and the label's span is returned beside it
/// (`None` for every other quote). Where no quote is cut, `spans` come back as they
/// are, with no labels at all (the labels are empty, not a list of `None`).
pub(super) fn transcript_turns(text: &str, spans: Vec<Span>) -> (Vec<Span>, Vec<Option<Span>>) {
    let turn = |at: usize| -> Option<(Span, usize)> {
        let from = at + opening_double_mark(&text[at..])?;
        // A label is at most 30 bytes: look no further for its colon.
        let (colon, said) = crate::lexicon::label_colon(&text[from..], 32)?;
        let label = &text[from..from + colon];
        let caps = label.chars().filter(char::is_ascii_uppercase).count();
        let ok = (2..=30).contains(&label.len())
            && caps >= 2
            && label
                .chars()
                .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
        ok.then(|| (Span::new(from, from + colon), from + said))
    };
    // Paragraph starts inside a quote: its own start, and each line's first character
    // after the opening mark; the search for the next line break goes on from there
    // (from each break of a run of blank lines, it read the whole run again).
    let starts = |span: Span| {
        let body = &text[span.range()];
        let mut from = 0;
        std::iter::once(span.start).chain(std::iter::from_fn(move || {
            let k = from + body[from..].find('\n')?;
            let rest = &body[k..];
            let par = rest.trim_start();
            from = k + (rest.len() - par.len());
            (!par.is_empty()).then_some(span.start + from)
        }))
    };
    let mut out = Vec::new();
    let mut labels = Vec::new();
    let mut cut = false;
    for (n, &span) in spans.iter().enumerate() {
        if !starts(span).any(|a| turn(a).is_some()) {
            if cut {
                out.push(span);
                labels.push(None);
            }
            continue;
        }
        if !cut {
            out.extend_from_slice(&spans[..n]);
            labels.resize(n, None);
            cut = true;
        }
        let turns: Vec<_> = starts(span).map(|a| (a, turn(a))).collect();
        for (k, &(a, t)) in turns.iter().enumerate() {
            let end = turns
                .get(k + 1)
                .map_or(span.end, |&(b, _)| text[..b].trim_end().len());
            match t {
                Some((label, from)) if from < end => {
                    let said = without_stage_directions(&text[from..end]);
                    out.push(Span::new(from, from + said.len()));
                    labels.push(Some(label));
                }
                _ if a < end => {
                    out.push(Span::new(a, end));
                    labels.push(None);
                }
                _ => {}
            }
        }
    }
    if cut {
        (out, labels)
    } else {
        (spans, labels)
    }
}

/// Of `spans` in text order, none overlapping another (as [`quoted_spans`] gives
/// them), those that overlap `span`, by binary search.
pub(super) fn in_order_overlapping(spans: &[Span], span: Span) -> &[Span] {
    let a = spans.partition_point(|s| s.end <= span.start);
    let b = spans.partition_point(|s| s.start < span.end);
    &spans[a..b.max(a)]
}

/// Spans of quoted text, marks included, outermost quotes only, in text order and
/// none overlapping another.
pub(crate) fn quoted_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // The open outer quote: its start and whether it is double.
    let mut open: Option<(usize, bool)> = None;
    let mut single_inside = false;
    // Where a reopening mark was skipped: the character there counts the line break
    // before it as its previous character.
    let mut resume = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only line breaks, straight marks and the first bytes of curly marks and
    // guillemets (U+2018-201E, U+00AB, U+00BB) can matter: jump from one to the next.
    while let Some(k) = bytes[i..]
        .iter()
        .position(|b| matches!(b, b'\n' | b'"' | b'\'' | b'`' | 0xE2 | 0xC2))
    {
        i += k;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let here = i;
        i += c.len_utf8();
        if !matches!(
            c,
            '\n' | '"' | '\'' | '`' | '“' | '”' | '„' | '‘' | '’' | '«' | '»'
        ) {
            continue;
        }
        let prev = if here == resume && here > 0 {
            '\n'
        } else {
            text[..here].chars().next_back().unwrap_or(' ')
        };
        let next = text[i..].chars().next().unwrap_or(' ');
        // Two straight apostrophes are one double mark, as some archives print “ and ”
        // (''We will,'' she said): read as '"', with the character after the pair next.
        // So are two curly single marks (‘‘ and ’’) and two backticks (``, as TeX
        // writes “), read as the double mark they stand for.
        let (c, next) = match (c, next) {
            ('\'', '\'') => {
                i += 1;
                ('"', text[i..].chars().next().unwrap_or(' '))
            }
            ('‘' | '’' | '`', _) if next == c => {
                i += c.len_utf8();
                let double = match c {
                    '’' => '”',
                    _ => '“',
                };
                (double, text[i..].chars().next().unwrap_or(' '))
            }
            _ => (c, next),
        };
        match c {
            '\n' => {
                if let Some((start, _)) = open {
                    // Open at a paragraph end: continue only where the next paragraph
                    // opens with a mark; else the quote ends here.
                    let rest = &text[here..];
                    let next_par = rest.trim_start();
                    if let Some(mark_len) = opening_double_mark(next_par) {
                        // Skip to the reopening mark, which does not open a new quote.
                        let skip = rest.len() - next_par.len();
                        i = here + skip + mark_len;
                        resume = i;
                    } else {
                        let end = text[..here].trim_end().len();
                        if end > start {
                            out.push(Span::new(start, unclosed_end(text, start, end)));
                        }
                        open = None;
                    }
                    single_inside = false;
                }
            }
            '“' | '„' | '«' if open.is_none() => open = Some((here, true)),
            // A closing mark that opens (after a space, before a word) and an opening
            // one that closes (after a word, before a space or line end): marks typed
            // the wrong way round, as on some phones.
            '”' if open.is_none() && prev.is_whitespace() && next.is_alphanumeric() => {
                open = Some((here, true));
            }
            // A closing mark closes a double quote; so does an opening one typed the
            // wrong way round (after a word, before a space or the end).
            '”' | '»' | '“'
                if open.is_some_and(|(_, d)| d)
                    && (c != '“'
                        || (!prev.is_whitespace()
                            && (next.is_whitespace() || i == text.len()))) =>
            {
                let (start, _) = open.take().expect("checked open");
                out.push(Span::new(start, i));
                single_inside = false;
            }
            '"' => match open {
                None if !prev.is_alphanumeric() || prev == ' ' => open = Some((here, true)),
                Some((start, true)) => {
                    if prev.is_whitespace() && next.is_alphanumeric() {
                        // A straight mark after a space that opens: the last one never closed.
                        open = Some((here, true));
                    } else {
                        out.push(Span::new(start, i));
                        open = None;
                    }
                    single_inside = false;
                }
                _ => {}
            },
            '‘' | '\'' if !prev.is_alphanumeric() && next.is_alphabetic() => {
                if open.is_none() {
                    open = Some((here, false));
                } else {
                    single_inside = true;
                }
            }
            '’' | '\'' if !next.is_alphanumeric() && !prev.is_whitespace() => {
                if single_inside {
                    single_inside = false;
                } else if let Some((start, false)) = open {
                    out.push(Span::new(start, i));
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((start, double)) = open {
        // An unclosed double quote runs to the end of the text; an unclosed single
        // quote was an apostrophe.
        let end = text.trim_end().len();
        if double && end > start + 1 {
            out.push(Span::new(start, unclosed_end(text, start, end)));
        }
    }
    out
}

/// Where a double quote that opens at `start` and is never closed ends, its paragraph
/// ending at `end`: after the comma of ", said NAME" or ", NAME said" inside it (the
/// closing mark forgotten: "\"The council has failed, said Ruth Kemp."), else at
/// `end`.
fn unclosed_end(text: &str, start: usize, end: usize) -> usize {
    const CUES: [&str; 5] = ["said", "says", "told", "added", "asked"];
    let body = &text[start..end];
    let mut from = 0;
    while let Some(k) = body[from..].find(", ") {
        let comma = from + k + 1;
        // ", said ..." or ", Name Name said": at most three capitalised words first.
        let mut words = body[comma..].split_whitespace();
        let mut names = 0;
        let found = loop {
            match words
                .next()
                .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            {
                Some(w) if CUES.contains(&w) => break true,
                Some(w) if names < 3 && w.starts_with(char::is_uppercase) => names += 1,
                _ => break false,
            }
        };
        if found {
            return start + comma;
        }
        from = comma;
    }
    end
}
