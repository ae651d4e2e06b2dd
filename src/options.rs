//! What a caller of the analysis chooses: [`Options`], today the [`QuoteMode`].

/// How quotations are found: the same three modes as the CLI's `--quotes` and
/// JavaScript's `analyzeWith(text, {quotes})`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QuoteMode {
    /// The rules, and the model learned from PolNeAR ([`crate::attribution`]) on every
    /// sentence with quotation marks or a likely cue: quoted and reported speech
    /// ("officials said that ..."), each speaker picked by the learned ranker
    /// ([`crate::quotes::speakers`]). The default.
    #[default]
    All,
    /// As [`QuoteMode::All`], with the model only on the sentences that hold quotation
    /// marks (but those whose quotes the rules have attributed): better speakers for
    /// quoted speech and the reported clauses around mixed quotes, at about a sixth
    /// less time for the whole analysis.
    Quoted,
    /// The rules alone: quotation marks, cue words and the names around them.
    Rules,
}

impl std::str::FromStr for QuoteMode {
    type Err = String;

    /// A mode by its name: "all" (the default), "quoted" or "rules".
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "all" => Ok(QuoteMode::All),
            "quoted" => Ok(QuoteMode::Quoted),
            "rules" => Ok(QuoteMode::Rules),
            other => Err(format!(
                "quotes must be \"rules\", \"quoted\" or \"all\", not {other:?}"
            )),
        }
    }
}

/// What [`crate::analyze_with`] is asked to do.
///
/// ```
/// use newslens::{analyze_with, Options, QuoteMode};
/// let doc = analyze_with("“Yes,” she said.", &Options::default().with_quotes(QuoteMode::Rules));
/// assert_eq!(doc.quotes.len(), 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// How quotations are found.
    pub quotes: QuoteMode,
}

impl Options {
    /// These options with quotations found in `mode`.
    #[must_use]
    pub fn with_quotes(mut self, mode: QuoteMode) -> Self {
        self.quotes = mode;
        self
    }
}
