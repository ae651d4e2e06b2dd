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
        /// Analyse an article (or a batch with --jsonl) and print the result as JSON.
        ///
        /// The result has "entities" (every mention, in text order, with "kind" and its
        /// "group"), "groups" (one per real-world entity, with its "mentions" as entity
        /// indices), "quotes" (with "kind", "cue" and "speaker") and "sentences". Every
        /// span has "start" and "end" offsets (see --offsets) and its "text".
        #[command(after_help = "\
Examples:
  newslens analyze article.txt --pretty
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
