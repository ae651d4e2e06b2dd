//! Regular-expression recognisers for dates, times, money, percentages and numbers.

use super::kind::EntityKind;
use crate::span::Span;
use regex::Regex;
use std::sync::OnceLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMWORD: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+few|several|a|an|dozens|hundreds|thousands|millions)";
const SCALE: &str = r"(?:hundred|thousand|million|billion|trillion)";

// Word boundaries are ASCII-only, `(?-u:\b)`: a Unicode `\b` keeps the regex crate off its
// fast DFA whenever the text holds a non-ASCII char (a curly quote suffices), which made
// this stage 20 times slower. Digits and the words matched here are ASCII anyway.

/// The recognisers in priority order: where two match at the same place, the longer
/// wins, and on equal length the earlier kind in this list.
fn recognisers() -> &'static [(EntityKind, Regex)] {
    static R: OnceLock<Vec<(EntityKind, Regex)>> = OnceLock::new();
    R.get_or_init(|| {
        let num = format!(r"(?:\d[\d,]*(?:\.\d+)?|{NUMWORD}(?:[\s-]+(?:{NUMWORD}|{SCALE}))*)");
        let build = |kind, pattern: String| {
            (
                kind,
                Regex::new(&pattern).expect("recogniser patterns are valid"),
            )
        };
        vec![
            build(
                EntityKind::Money,
                format!(
                    r"(?:(?:US|A|C|HK)?[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s+{SCALE}|\s?(?:bn|m)(?-u:\b))?|(?-u:\b){num}(?:\s+{SCALE})?\s+(?:dollars|euros|pounds|yen|yuan|rubles|roubles|hryvnias?|cents|pesos|rupees)(?-u:\b))"
                ),
            ),
            build(
                EntityKind::Percent,
                format!(r"(?-u:\b){num}\s?(?:%|(?:percent|per\s+cent|percentage\s+points?)(?-u:\b))"),
            ),
            build(
                EntityKind::Date,
                format!(
                    r"(?-u:\b)(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+\d{{4}})?|{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{WEEKDAY}|(?:January|February|March|April|June|July|August|September|October|November|December)|(?:{num})\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later)|(?:last|next|this|past)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)|(?i:yesterday|today|tomorrow)|(?:the\s+)?(?:1[89]|20)\d0s)(?-u:\b)"
                ),
            ),
            // A month or year after a preposition: "in March", "since 2014".
            build(
                EntityKind::Date,
                format!(r"(?-u:\b)(?:in|since|by|until|from|early|late|mid-?)\s+({MONTH}|(?:1[89]|20)\d\d)(?-u:\b)"),
            ),
            build(
                EntityKind::Time,
                r"(?-u:\b)(?:\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)|AM(?-u:\b)|PM(?-u:\b))|\d{1,2}:\d\d(?-u:\b)|noon(?-u:\b)|midnight(?-u:\b))".to_string(),
            ),
            build(
                EntityKind::Number,
                format!(
                    r"(?-u:\b)(?:\d[\d,]*(?:\.\d+)?(?:\s+{SCALE})?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens|hundreds|thousands|millions)(?:(?:[\s-]+|\s+of\s+)(?:one|two|three|four|five|six|seven|eight|nine|{SCALE}|thousands|millions))*)(?-u:\b)"
                ),
            ),
        ]
    })
}

/// Finds dates, times, money, percentages and numbers, in text order, not overlapping.
pub fn find_numeric(text: &str) -> Vec<(Span, EntityKind)> {
    let mut found: Vec<(Span, usize, EntityKind)> = Vec::new();
    for (priority, (kind, re)) in recognisers().iter().enumerate() {
        let mut push = |m: regex::Match| {
            if !m.is_empty() {
                found.push((Span::new(m.start(), m.end()), priority, *kind));
            }
        };
        if re.captures_len() > 1 {
            // A pattern with a group marks only the group ("in March" -> "March").
            re.captures_iter(text)
                .filter_map(|c| c.get(1).or_else(|| c.get(0)))
                .for_each(&mut push);
        } else {
            // Captures cost a slower engine after the match: only ask where needed.
            re.find_iter(text).for_each(&mut push);
        }
    }
    // No two matches share start, end and recogniser: an unstable sort gives the one
    // order, with less code than a stable one.
    found.sort_unstable_by_key(|(s, p, _)| (s.start, std::cmp::Reverse(s.end), *p));
    let mut out: Vec<(Span, EntityKind)> = Vec::new();
    for (span, _, kind) in found {
        if out.last().is_none_or(|(last, _)| last.end <= span.start) {
            out.push((span, kind));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, EntityKind)> {
        find_numeric(text)
            .into_iter()
            .map(|(s, k)| (&text[s.range()], k))
            .collect()
    }

    #[test]
    fn table() {
        use EntityKind::*;
        let rows: &[(&str, &[(&str, EntityKind)])] = &[
            ("on March 16, 2022.", &[("March 16, 2022", Date)]),
            ("on Wednesday", &[("Wednesday", Date)]),
            ("three weeks ago", &[("three weeks ago", Date)]),
            ("three million Ukrainians", &[("three million", Number)]),
            (
                "hundreds of thousands of people",
                &[("hundreds of thousands", Number)],
            ),
            ("paid $3.5 billion", &[("$3.5 billion", Money)]),
            ("50 euros", &[("50 euros", Money)]),
            ("up 4.5%", &[("4.5%", Percent)]),
            ("twelve percent", &[("twelve percent", Percent)]),
            ("at 10:30 a.m.", &[("10:30 a.m.", Time)]),
            (
                "in 2014 and 2,000 troops",
                &[("2014", Date), ("2,000", Number)],
            ),
            ("2022-03-16", &[("2022-03-16", Date)]),
            ("in March", &[("March", Date)]),
            ("strong for September", &[("September", Date)]),
            // Named regression: "a" alone is not a number, and "May" as a verb is no date.
            ("a man may come", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), *want, "{text}");
        }
    }
}
