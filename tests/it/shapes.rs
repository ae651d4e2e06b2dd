//! Text of every shape a reader might paste, at any size: news prose for reference,
//! then runs of quotation marks, openers only, nesting, capitalised runs, transcripts,
//! tables, mixed scripts, text without spaces or without sentence ends, control
//! characters. Each shape repeats a short unit to the size asked for, so that cost can
//! be compared across sizes (`examples/shapes.rs`) and a shape that is slower than
//! linear shows in a test (`tests/it/props.rs`).
//!
//! Shared by the integration tests, the shapes benchmark and the fuzz seeds.

#![allow(dead_code)] // each user takes the part it needs

/// One shape: a name for tables and file names, a line saying what it is, and its unit.
pub struct Shape {
    /// A short name, usable as a file name.
    pub name: &'static str,
    /// What the text looks like.
    pub about: &'static str,
    unit: Unit,
}

enum Unit {
    /// This text repeated.
    Repeat(&'static str),
    /// This text repeated, then the second once at the end.
    RepeatThen(&'static str, &'static str),
    /// The project's own articles, one after the other, in paragraphs.
    Prose,
    /// The articles with every line break a space: one paragraph.
    ProseOneLine,
    /// Bytes of a fixed pseudo-random sequence, read as UTF-8 with U+FFFD for errors.
    Junk,
    /// This text repeated, its `{}` a made-up name of its own each time ("Kalomi"):
    /// thousands of people, not one person thousands of times.
    Named(&'static str),
    /// The first text, the second repeated, the third: one long stretch of one thing.
    Around(&'static str, &'static str, &'static str),
}

const fn named(name: &'static str, about: &'static str, unit: &'static str) -> Shape {
    Shape {
        name,
        about,
        unit: Unit::Named(unit),
    }
}

const fn repeat(name: &'static str, about: &'static str, unit: &'static str) -> Shape {
    Shape {
        name,
        about,
        unit: Unit::Repeat(unit),
    }
}

/// Every shape, prose first.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "prose",
        about: "news articles in paragraphs (the reference)",
        unit: Unit::Prose,
    },
    Shape {
        name: "prose-one-line",
        about: "the same articles with no line break at all",
        unit: Unit::ProseOneLine,
    },
    repeat("straight-doubles", "`\"` repeated, nothing else", "\""),
    repeat("straight-double-a", "`\" a ` repeated", "\" a "),
    repeat("straight-singles", "`'` repeated", "'"),
    repeat("curly-doubles", "`“”` repeated", "“”"),
    repeat("curly-openers", "`“` repeated", "“"),
    repeat("curly-closers", "`” ` repeated", "” "),
    repeat("curly-singles", "`‘word’ ` repeated", "‘word’ "),
    repeat("guillemets", "`« a » ` repeated", "« a » "),
    repeat(
        "openers-words",
        "`“Never ` repeated: openers only",
        "“Never ",
    ),
    repeat(
        "nesting",
        "marks opened inside each other, never closed",
        "“He said ‘she said “they said ‘we said ",
    ),
    repeat(
        "quotes-one-line",
        "`The crowd shouted “No more.” and then “Never again.” ` on one line",
        "The crowd shouted “No more.” and then “Never again.” ",
    ),
    repeat(
        "quotes-said-one-line",
        "attributed quotes with cues, on one line",
        "\"We are fine,\" he said. Officials said the plan, according to the report, \
         was \"dead.\" \"Never,\" she said — ",
    ),
    repeat(
        "short-quotes-one-line",
        "`“a,” Ann said. ` repeated: short quotes, one name, one line",
        "“a,” Ann said. ",
    ),
    repeat(
        "short-quotes-pronouns",
        "`“a,” he said. ` repeated: short quotes said by a pronoun, one line",
        "“a,” he said. ",
    ),
    repeat(
        "short-quotes-roles",
        "`“a,” said the official. ` repeated: short quotes said by a role, one line",
        "“a,” said the official. ",
    ),
    repeat(
        "tiny-quotes",
        "`“A.” ` repeated: a quote every nine bytes",
        "“A.” ",
    ),
    repeat(
        "cues-one-sentence",
        "one sentence of cues and clauses, no full stop",
        "the mayor, who said that the minister told reporters that ",
    ),
    Shape {
        name: "abbreviations",
        about: "`Mr. A. B. C. D. said ` repeated, then ` Mr.`",
        unit: Unit::RepeatThen("Mr. A. B. C. D. said ", " Mr."),
    },
    repeat("initials", "`U.S. ` repeated", "U.S. "),
    repeat(
        "capitalised",
        "`Alpha Beta Gamma ` repeated: one run of capitalised words",
        "Alpha Beta Gamma ",
    ),
    repeat(
        "capitals",
        "`ALPHA BETA GAMMA ` repeated: a run of words in capitals",
        "ALPHA BETA GAMMA ",
    ),
    repeat(
        "title-lines",
        "short title-case lines, one a paragraph",
        "Council Votes On The New Bridge Plan\n\n",
    ),
    repeat(
        "transcript",
        "a transcript of short turns opened by labels in capitals",
        "NAVARRO: Will the depot close, Councillor?\n\nKOWALCZYK: Not this year. \
         (APPLAUSE)\n\n\"NAVARRO:\u{a0} And after that?\n\n",
    ),
    repeat(
        "labels-one-line",
        "labels and colons all on one line",
        "SMITH: yes. JONES: no. ",
    ),
    repeat(
        "table",
        "a table of field names, numbers and dates",
        "ISSUER: Harbour Bank\tDUE: March 3, 2031\tAMOUNT: $2.5 million\tRATE: 4.25%\n",
    ),
    repeat(
        "numbers",
        "money, percentages, dates and times without words",
        "$1.5 million 12% March 3, 2024 10:30 a.m. 1,000 ",
    ),
    repeat(
        "mixed-scripts",
        "one paragraph of emoji, Arabic, Hebrew and quotes",
        "🇺🇦 👍🏽 مرحبا “بالعالم” שלום ‘עולם’ 😀 e\u{301} \u{200f}\"x\" ",
    ),
    repeat("emoji", "emoji and flags, no space", "🇺🇦👩‍👩‍👧‍👦😀"),
    repeat("no-spaces", "letters with no space", "abcdefghij"),
    repeat(
        "no-spaces-capitals",
        "capitalised words with no space",
        "AlphaBeta",
    ),
    repeat("one-letter", "`a ` repeated", "a "),
    repeat("full-stops", "`. ` repeated", ". "),
    repeat("newlines", "line breaks only", "\n"),
    repeat("brackets", "`(` repeated, never closed", "( "),
    repeat("dashes", "`— ` repeated", "— "),
    repeat("colons", "`A: ` repeated", "A: "),
    repeat("apostrophes", "`don't Biden's ` repeated", "don't Biden's "),
    repeat(
        "according-to",
        "`according to ` repeated",
        "according to officials ",
    ),
    repeat(
        "pronouns",
        "`he said she said ` repeated",
        "he said she said ",
    ),
    repeat(
        "crlf-nul-bom",
        "CRLF line ends, NUL and BOM characters among words",
        "\u{feff}Ana Ruiz said\0 \"yes.\"\r\n\r\n\0\u{feff}",
    ),
    Shape {
        name: "junk",
        about: "pseudo-random bytes read as UTF-8",
        unit: Unit::Junk,
    },
    Shape {
        name: "quote-over-blank-lines",
        about: "a quotation open over one long run of blank lines, reopened after it",
        unit: Unit::Around("“Yes", "\n", "“and no,” she said."),
    },
    Shape {
        name: "quote-over-spaces",
        about: "a quotation open over one long run of spaces and line breaks",
        unit: Unit::Around("\"Yes", " \n ", "\"and no,\" she said."),
    },
    named(
        "surnames",
        "thousands of people with one surname, each then named by it alone",
        "{} Smith met reporters. Smith said so. ",
    ),
    named(
        "roles",
        "thousands of governors introduced by title, each then a role phrase and a quote",
        "Governor {} Okafor spoke on Monday. \"We will see,\" the governor said. ",
    ),
    named(
        "organisations",
        "thousands of banks, each then a short form and a reported clause",
        "{} Harbour Bank said it would close. Harbour said the talks had failed. ",
    ),
];

/// The `k`-th made-up name: syllables, capitalised ("Kakaka", "Kakalo", ...).
fn made_up_name(mut k: usize) -> String {
    const SYLLABLES: [&str; 20] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "zo", "ha", "je", "qu", "bi", "do", "fa",
        "go", "pe", "wi", "yo", "xe",
    ];
    let mut name = String::new();
    for _ in 0..4 {
        name.push_str(SYLLABLES[k % 20]);
        k /= 20;
    }
    let mut c = name.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_ascii_uppercase().to_string() + c.as_str()
    })
}

/// The project's own test articles, in paragraphs.
fn articles() -> String {
    const ARTICLES: [&str; 8] = [
        include_str!("../articles/01-harbour.txt"),
        include_str!("../articles/02-summit.txt"),
        include_str!("../articles/03-council.txt"),
        include_str!("../articles/04-tech.txt"),
        include_str!("../articles/05-storm.txt"),
        include_str!("../articles/06-shapes.txt"),
        include_str!("../articles/07-archive.txt"),
        include_str!("../articles/08-interview.txt"),
    ];
    ARTICLES.iter().fold(String::new(), |mut s, a| {
        s.push_str(a.trim_end());
        s.push_str("\n\n");
        s
    })
}

/// `unit` repeated to at least `size` bytes, then cut back to `size` on a char boundary.
fn repeated(unit: &str, size: usize) -> String {
    let mut text = unit.repeat(size / unit.len().max(1) + 1);
    let cut = (0..=size.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text.truncate(cut);
    text
}

/// A fixed xorshift sequence of bytes, read as UTF-8 (invalid sequences become U+FFFD).
fn junk(size: usize) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..size)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    repeated(&text, size)
}

impl Shape {
    /// The shape's text, `size` bytes long (or a few bytes less, to end on a char).
    pub fn text(&self, size: usize) -> String {
        match self.unit {
            Unit::Repeat(u) => repeated(u, size),
            Unit::RepeatThen(u, tail) => {
                let mut t = repeated(u, size.saturating_sub(tail.len()));
                t.push_str(tail);
                t
            }
            Unit::Prose => repeated(&articles(), size),
            Unit::ProseOneLine => repeated(&articles().replace('\n', " "), size),
            Unit::Junk => junk(size),
            Unit::Around(head, filler, tail) => {
                let mut t = String::from(head);
                t.push_str(&repeated(
                    filler,
                    size.saturating_sub(head.len() + tail.len()),
                ));
                t.push_str(tail);
                t
            }
            Unit::Named(u) => {
                let mut text = String::with_capacity(size + u.len() + 8);
                let mut k = 0;
                while text.len() < size {
                    text.push_str(&u.replace("{}", &made_up_name(k)));
                    k += 1;
                }
                repeated(&text, size)
            }
        }
    }
}

/// The shape named `name`.
pub fn shape(name: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.name == name)
}
