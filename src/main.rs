//! The `newslens` command: analyse news text from files or standard input.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use newslens::{analyze_with, jsonl, Offsets, Options, Output, QuoteMode, Written};
    use serde::Serialize;
    use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;

    /// Who is in a news article and who said what: entities, mention groups and
    /// attributed quotations, found entirely on this machine.
    #[derive(Parser)]
    #[command(name = "newslens", version)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Analyse an article (or a batch with --jsonl) and print the result as JSON
        /// (or, with --text, as a report to read).
        ///
        /// The result has "entities" (every mention, in text order, with "kind" and its
        /// "group"), "groups" (one per real-world entity, with its "mentions" as entity
        /// indices), "quotes" (with "kind", "cue" and "speaker") and "sentences". Every
        /// span has "start" and "end" offsets (see --offsets) and its "text".
        #[command(after_help = "\
Examples:
  newslens analyze article.txt --pretty
  newslens analyze article.txt --text
  newslens analyze --jsonl < articles.jsonl > results.jsonl
  newslens analyze --jsonl --offsets chars batch.jsonl

Errors: unreadable files, invalid UTF-8 and bad JSON lines are reported on standard
error in one line naming the file or line, and the exit status is 1. With --jsonl, a
bad line does not stop the batch: the other lines are still analysed, and in the bad
line's place the output holds {\"id\": ..., \"error\": \"...\"} so that output line N
always answers input line N. A blank line (only white space) is answered by
{\"id\": null, \"error\": \"blank line\"} and is no bad line. Lines are read, analysed
and written one at a time, so a batch of any length needs only the memory of its
longest line; a byte order mark opening a line is skipped. Output stops quietly when
its reader goes away (`| head`). U+2028 and U+2029 are written as \\u2028 and
\\u2029, so that the output splits into lines only at its line ends.")]
        Analyze(AnalyzeArgs),
    }

    #[derive(clap::Args)]
    struct AnalyzeArgs {
        /// The file to read; standard input when absent or "-".
        file: Option<PathBuf>,
        /// Read one JSON object per line, {"id": ..., "text": "..."}, and write one
        /// result per line, in the same order, each with its "id".
        #[arg(long)]
        jsonl: bool,
        /// How offsets count: UTF-8 bytes, UTF-16 code units (as JavaScript), or
        /// Unicode code points (as Python).
        #[arg(long, value_enum, default_value_t = Unit::Utf8)]
        offsets: Unit,
        /// Indent the JSON (not with --jsonl, whose results are one a line).
        #[arg(long, conflicts_with = "jsonl")]
        pretty: bool,
        /// Print a report to read instead of JSON: the people and organisations with
        /// their mentions, then who said what, each speaker with their quotes (not with
        /// --jsonl).
        #[arg(long, conflicts_with_all = ["jsonl", "pretty"])]
        text: bool,
        /// How quotations are found: the rules alone; the rules, the attribution model
        /// learned from PolNeAR on sentences with quotation marks and the learned
        /// speaker ranker; or that model on every sentence with a likely cue too, which
        /// finds reported speech ("officials believe that ...") as well (the default;
        /// "quoted" takes about a sixth less time).
        #[arg(long, value_enum, default_value_t = Quotes::All)]
        quotes: Quotes,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Quotes {
        Rules,
        Quoted,
        All,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Unit {
        Utf8,
        Utf16,
        Chars,
    }

    impl From<Unit> for Offsets {
        fn from(u: Unit) -> Self {
            match u {
                Unit::Utf8 => Offsets::Utf8,
                Unit::Utf16 => Offsets::Utf16,
                Unit::Chars => Offsets::Chars,
            }
        }
    }

    #[derive(Serialize)]
    struct Line<'a> {
        id: &'a serde_json::Value,
        #[serde(flatten)]
        output: Written<'a>,
    }

    #[derive(Serialize)]
    struct ErrorLine<'a> {
        id: &'a serde_json::Value,
        error: &'a str,
    }

    /// Why the command stopped early.
    enum Stop {
        /// Its output was closed (a reader such as `head` went away): stop quietly.
        Closed,
        /// An error to report.
        Error(String),
    }

    impl From<String> for Stop {
        fn from(e: String) -> Self {
            Stop::Error(e)
        }
    }

    impl From<io::Error> for Stop {
        fn from(e: io::Error) -> Self {
            if e.kind() == io::ErrorKind::BrokenPipe {
                Stop::Closed
            } else {
                Stop::Error(format!("writing output: {e}"))
            }
        }
    }

    impl From<serde_json::Error> for Stop {
        fn from(e: serde_json::Error) -> Self {
            match e.io_error_kind() {
                Some(io::ErrorKind::BrokenPipe) => Stop::Closed,
                Some(_) => Stop::Error(format!("writing output: {e}")),
                None => Stop::Error(e.to_string()),
            }
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let Command::Analyze(args) = cli.command;
        match run(&args) {
            Ok(true) | Err(Stop::Closed) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(Stop::Error(e)) => {
                eprintln!("newslens: {e}");
                ExitCode::FAILURE
            }
        }
    }

    /// Runs the command; `Ok(false)` when some JSONL lines were bad.
    fn run(args: &AnalyzeArgs) -> Result<bool, Stop> {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let unit = args.offsets.into();
        let options = Options::default().with_quotes(match args.quotes {
            Quotes::Rules => QuoteMode::Rules,
            Quotes::Quoted => QuoteMode::Quoted,
            Quotes::All => QuoteMode::All,
        });
        let analyze = |text: &str| analyze_with(text, &options);
        if args.jsonl {
            let all_good = run_jsonl(args.file.as_ref(), &mut out, &|text, id, out| {
                let doc = analyze(text);
                jsonl::write_json(
                    out,
                    &Line {
                        id,
                        output: Written::new(&doc, unit),
                    },
                    false,
                )
                .map_err(Stop::from)
            })?;
            out.flush()?;
            return Ok(all_good);
        }
        let (name, bytes) = read_input(args.file.as_ref())?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| format!("{name}: invalid UTF-8 at byte {}", e.valid_up_to()))?;
        let doc = analyze(text);
        if args.text {
            write!(out, "{}", report(&Output::new(&doc, unit)))?;
        } else {
            jsonl::write_json(&mut out, &Written::new(&doc, unit), args.pretty)?;
        }
        out.flush()?;
        Ok(true)
    }

    /// What the batch does with one good line: analyse `text` and write its result,
    /// with `id`, as one line.
    type Analyse<'f, W> = dyn Fn(&str, &serde_json::Value, &mut W) -> Result<(), Stop> + 'f;

    /// Reads JSONL from `file` (standard input when `None` or "-") line by line, hands
    /// each good line to `each` and writes an error line for each bad one; `Ok(false)`
    /// when some were bad. Only one line is held at a time.
    fn run_jsonl<W: Write>(
        file: Option<&PathBuf>,
        out: &mut W,
        each: &Analyse<'_, W>,
    ) -> Result<bool, Stop> {
        let (name, size, mut input): (String, Option<u64>, Box<dyn BufRead>) = match file {
            Some(p) if p.as_os_str() != "-" => {
                let name = p.display().to_string();
                let f = std::fs::File::open(p).map_err(|e| format!("{name}: {e}"))?;
                let size = f.metadata().ok().map(|m| m.len());
                (
                    name,
                    size,
                    Box::new(io::BufReader::with_capacity(1 << 16, f)),
                )
            }
            _ => ("standard input".into(), None, Box::new(io::stdin().lock())),
        };
        let bar = progress_bar(size);
        let mut all_good = true;
        let null = serde_json::Value::Null;
        let mut buf = Vec::new();
        let mut n = 0;
        loop {
            buf.clear();
            let read = input
                .read_until(b'\n', &mut buf)
                .map_err(|e| format!("{name}: {e}"))?;
            if read == 0 {
                break;
            }
            n += 1;
            bar.inc(read as u64);
            bar.set_message(n.to_string());
            match jsonl::read_line(&buf) {
                jsonl::Item::Text { id, text } => each(&text, &id, out)?,
                jsonl::Item::Bad { id, error } => {
                    all_good = false;
                    bar.suspend(|| eprintln!("newslens: {name}: line {n}: {error}"));
                    let error = ErrorLine {
                        id: id.as_ref().unwrap_or(&null),
                        error: &error,
                    };
                    jsonl::write_json(out, &error, false)?;
                }
                // A blank line is answered, so that output line N answers input line N.
                _ => jsonl::write_json(
                    out,
                    &ErrorLine {
                        id: &null,
                        error: "blank line",
                    },
                    false,
                )?,
            }
            out.flush()?;
            // A line of many megabytes leaves no buffer of its size behind.
            if buf.capacity() > 1 << 20 {
                buf = Vec::new();
            }
        }
        bar.finish_and_clear();
        Ok(all_good)
    }

    /// The analysis as a reader takes it in, from its summary: the people and
    /// organisations, most mentioned first (role phrases that refer to them counted),
    /// then who said what, each speaker with their quotes in text order, most quoted
    /// first, unattributed last; as the page lists them.
    fn report(o: &Output) -> String {
        use newslens::QuoteKind;
        use std::fmt::Write as _;
        let mut s = String::new();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let _ = writeln!(
            s,
            "{} and {}.",
            count(o.entities.len(), "entity", "entities"),
            count(o.quotes.len(), "quote", "quotes")
        );
        let summary = &o.summary;
        if !summary.people.is_empty() {
            let _ = writeln!(s, "\nPeople and organisations:");
        }
        for p in &summary.people {
            let quotes = if p.quotes > 0 {
                format!(", {}", count(p.quotes, "quote", "quotes"))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {} ({}): {}{quotes}",
                p.name,
                p.kind.as_str(),
                count(p.mentions, "mention", "mentions")
            );
        }
        if !o.quotes.is_empty() {
            let _ = writeln!(s, "\nWho said what:");
        }
        let unattributed =
            (!summary.unattributed.is_empty()).then_some(("Unattributed", summary.unattributed));
        let speakers = summary.speakers.iter().map(|sp| (sp.name, sp.quotes));
        for (name, quotes) in speakers.chain(unattributed) {
            let _ = writeln!(s, "  {name}");
            for &k in quotes {
                let q = &o.quotes[k];
                let kind = match q.kind {
                    QuoteKind::Indirect => "indirect, reported",
                    k => k.as_str(),
                };
                let cue = q
                    .cue
                    .as_ref()
                    .and_then(|c| c.text)
                    .map_or(String::new(), |c| {
                        format!(
                            ", cue: {}",
                            if c == ":" { "a label and a colon" } else { c }
                        )
                    });
                // The speaker's mention where it is not their name ("he", "the mayor").
                let mention = q
                    .speaker
                    .as_ref()
                    .filter(|sp| sp.text != sp.name)
                    .map_or(String::new(), |sp| format!(", as \"{}\"", sp.text));
                let words: Vec<&str> = q.parts.iter().filter_map(|p| p.text).collect();
                let words = words
                    .join(" … ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let _ = writeln!(s, "    - [{kind}{cue}{mention}] {words}");
            }
        }
        s
    }

    fn read_input(file: Option<&PathBuf>) -> Result<(String, Vec<u8>), String> {
        match file {
            Some(p) if p.as_os_str() != "-" => {
                let name = p.display().to_string();
                std::fs::read(p)
                    .map(|b| (name.clone(), b))
                    .map_err(|e| format!("{name}: {e}"))
            }
            _ => {
                let mut b = Vec::new();
                io::stdin()
                    .read_to_end(&mut b)
                    .map_err(|e| format!("standard input: {e}"))?;
                Ok(("standard input".into(), b))
            }
        }
    }

    /// A progress bar on a terminal's standard error, in bytes of a file of `size`
    /// (a count of lines alone for standard input); hidden when stderr is piped.
    fn progress_bar(size: Option<u64>) -> indicatif::ProgressBar {
        if !io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let (bar, template) = match size {
            Some(len) => (
                indicatif::ProgressBar::new(len),
                "{bar:40} {binary_bytes}/{binary_total_bytes}, {msg} lines, {elapsed} elapsed, {eta} left",
            ),
            None => (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {binary_bytes}, {msg} lines, {elapsed} elapsed",
            ),
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    }
}
