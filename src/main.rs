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
    use newslens::{analyze_using, ner::ModelNameFinder, Offsets, Output, QuoteModel};
    use serde::Serialize;
    use std::io::{self, BufWriter, IsTerminal, Read, Write};
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
always answers input line N. Blank input lines are skipped.")]
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
        output: Output,
    }

    #[derive(Serialize)]
    struct ErrorLine<'a> {
        id: &'a serde_json::Value,
        error: &'a str,
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let Command::Analyze(args) = cli.command;
        match run(&args) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("newslens: {e}");
                ExitCode::FAILURE
            }
        }
    }

    /// Runs the command; `Ok(false)` when some JSONL lines were bad.
    fn run(args: &AnalyzeArgs) -> Result<bool, String> {
        let (name, bytes) = read_input(args.file.as_ref())?;
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let unit = args.offsets.into();
        let model = match args.quotes {
            Quotes::Rules => QuoteModel::Rules,
            Quotes::Quoted => QuoteModel::LearnedQuoted,
            Quotes::All => QuoteModel::Learned,
        };
        let analyze = |text: &str| analyze_using(text, &ModelNameFinder, model);
        let write_err = |e: io::Error| format!("writing output: {e}");
        if !args.jsonl {
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| format!("{name}: invalid UTF-8 at byte {}", e.valid_up_to()))?;
            let output = Output::new(&analyze(text), unit);
            if args.text {
                write!(out, "{}", report(&output)).map_err(write_err)?;
                out.flush().map_err(write_err)?;
                return Ok(true);
            }
            let json = if args.pretty {
                serde_json::to_string_pretty(&output)
            } else {
                serde_json::to_string(&output)
            }
            .map_err(|e| e.to_string())?;
            writeln!(out, "{json}").map_err(write_err)?;
            out.flush().map_err(write_err)?;
            return Ok(true);
        }
        let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
        let lines: Vec<&[u8]> = if body.is_empty() {
            Vec::new()
        } else {
            body.split(|b| *b == b'\n').collect()
        };
        let bar = progress_bar(lines.len() as u64);
        let mut all_good = true;
        let null = serde_json::Value::Null;
        for (n, line) in lines.iter().enumerate() {
            bar.inc(1);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let json = match parse_line(line) {
                Ok((id, text)) => serde_json::to_string(&Line {
                    id: &id,
                    output: Output::new(&analyze(&text), unit),
                }),
                Err((id, e)) => {
                    all_good = false;
                    bar.suspend(|| eprintln!("newslens: {name}: line {}: {e}", n + 1));
                    serde_json::to_string(&ErrorLine {
                        id: id.as_ref().unwrap_or(&null),
                        error: &e,
                    })
                }
            }
            .map_err(|e| e.to_string())?;
            writeln!(out, "{json}").map_err(write_err)?;
        }
        bar.finish_and_clear();
        out.flush().map_err(write_err)?;
        Ok(all_good)
    }

    /// The analysis as a reader takes it in: the people and organisations, most
    /// mentioned first (role phrases that refer to them counted), then who said what,
    /// each speaker with their quotes in text order, most quoted first, unattributed
    /// last; as the page lists them.
    fn report(o: &Output) -> String {
        use newslens::{EntityKind, QuoteKind};
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
        let mut named: Vec<(usize, usize)> = o
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| matches!(g.kind, EntityKind::Person | EntityKind::Organization))
            .map(|(i, g)| (i, g.mentions.len() + g.references.len()))
            .collect();
        named.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| o.groups[a.0].name.cmp(&o.groups[b.0].name))
        });
        if !named.is_empty() {
            let _ = writeln!(s, "\nPeople and organisations:");
        }
        for (i, mentions) in named {
            let g = &o.groups[i];
            let said = o
                .quotes
                .iter()
                .filter(|q| q.speaker.as_ref().is_some_and(|sp| sp.group == Some(i)))
                .count();
            let kind = g.kind.as_str();
            let quotes = if said > 0 {
                format!(", {}", count(said, "quote", "quotes"))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {} ({kind}): {}{quotes}",
                g.name,
                count(mentions, "mention", "mentions")
            );
        }
        // Speakers by their group, else by the mention's text; `None` unattributed.
        let mut speakers: Vec<(Option<String>, String, Vec<usize>)> = Vec::new();
        for (k, q) in o.quotes.iter().enumerate() {
            let key = q.speaker.as_ref().map(|sp| match sp.group {
                Some(g) => format!("g{g}"),
                None => format!("t{}", sp.text),
            });
            let name = q
                .speaker
                .as_ref()
                .map_or("Unattributed".into(), |sp| sp.name.clone());
            match speakers.iter_mut().find(|(other, _, _)| *other == key) {
                Some((_, _, quotes)) => quotes.push(k),
                None => speakers.push((key, name, vec![k])),
            }
        }
        speakers.sort_by(|a, b| {
            a.0.is_none()
                .cmp(&b.0.is_none())
                .then_with(|| b.2.len().cmp(&a.2.len()))
                .then_with(|| a.1.cmp(&b.1))
        });
        if !speakers.is_empty() {
            let _ = writeln!(s, "\nWho said what:");
        }
        for (_, name, quotes) in speakers {
            let _ = writeln!(s, "  {name}");
            for k in quotes {
                let q = &o.quotes[k];
                let kind = match q.kind {
                    QuoteKind::Indirect => "indirect, reported",
                    k => k.as_str(),
                };
                let cue =
                    q.cue
                        .as_ref()
                        .and_then(|c| c.text.as_deref())
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
                let words: Vec<&str> = q.parts.iter().filter_map(|p| p.text.as_deref()).collect();
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

    type LineError = (Option<serde_json::Value>, String);

    fn parse_line(line: &[u8]) -> Result<(serde_json::Value, String), LineError> {
        let s = std::str::from_utf8(line)
            .map_err(|e| (None, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
        let mut v: serde_json::Value =
            serde_json::from_str(s).map_err(|e| (None, format!("invalid JSON: {e}")))?;
        let id = v.get("id").cloned().unwrap_or_default();
        match v.get_mut("text").map(serde_json::Value::take) {
            Some(serde_json::Value::String(text)) => Ok((id, text)),
            Some(_) => Err((Some(id), "\"text\" is not a string".into())),
            None => Err((Some(id), "no \"text\" field".into())),
        }
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

    /// A progress bar on a terminal's standard error; hidden when it is piped.
    fn progress_bar(len: u64) -> indicatif::ProgressBar {
        if !io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::new(len);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} lines, {elapsed} elapsed, {eta} left",
        ) {
            bar.set_style(style);
        }
        bar
    }
}
