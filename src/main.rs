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
    use newslens::command::{self, Answer, Format};
    use newslens::{analyze_with, parallel, Offsets, Options, QuoteMode};
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
{\"id\": null, \"error\": \"blank line\"} and is no bad line. Lines are analysed on
every core (--threads to choose) and answered in input order as soon as each is done,
so a batch of any length needs only the memory of a few lines per thread; a byte order
mark opening a line is skipped. Output stops quietly when
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
        /// With --jsonl, how many articles to analyse at once (default: one per core);
        /// answers still come in input order.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
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
        if args.jsonl {
            let threads = args
                .threads
                .map_or_else(parallel::default_threads, usize::from);
            let all_good = run_jsonl(args.file.as_ref(), threads, &mut out, options, unit)?;
            out.flush()?;
            return Ok(all_good);
        }
        let (name, bytes) = read_input(args.file.as_ref())?;
        let doc = analyze_with(command::text_of(&name, &bytes)?, &options);
        let format = match (args.text, args.pretty) {
            (true, _) => Format::Text,
            (_, true) => Format::Pretty,
            _ => Format::Json,
        };
        command::write_result(&mut out, &doc, unit, format)?;
        out.flush()?;
        Ok(true)
    }

    /// Input lines, each with its number.
    type Lines = Vec<(usize, Vec<u8>)>;

    /// The most lines, and bytes, a thread is handed at a time.
    const BATCH_LINES: usize = 16;
    const BATCH_BYTES: usize = 1 << 18;

    /// Reads JSONL from `file` (standard input when `None` or "-") line by line,
    /// analyses the good lines on `threads` threads and writes one answer per line in
    /// input order: the result with its "id", or an error line for a bad or blank
    /// line; `Ok(false)` when some were bad. At most a few lines per thread are held
    /// at a time ([`parallel::ordered`]).
    fn run_jsonl<W: Write>(
        file: Option<&PathBuf>,
        threads: usize,
        out: &mut W,
        options: Options,
        unit: Offsets,
    ) -> Result<bool, Stop> {
        let (name, size, input): (String, Option<u64>, Box<dyn Read + Send>) = match file {
            Some(p) if p.as_os_str() != "-" => {
                let name = p.display().to_string();
                let f = std::fs::File::open(p).map_err(|e| format!("{name}: {e}"))?;
                let size = f.metadata().ok().map(|m| m.len());
                (name, size, Box::new(f))
            }
            _ => ("standard input".into(), None, Box::new(io::stdin())),
        };
        let mut input = io::BufReader::with_capacity(1 << 16, input);
        let bar = progress_bar(size);
        let reading = bar.clone();
        let mut failed = false;
        // The reader: lines with their numbers, as many as are already read in (up to
        // a few), so that the threads hand on a few articles at a time and a line that
        // comes alone is answered at once; or the error that ends the input.
        let mut n = 0;
        let read = move || -> Option<Result<Lines, String>> {
            let mut lines = Vec::new();
            let mut bytes = 0;
            while !failed && lines.len() < BATCH_LINES && bytes < BATCH_BYTES {
                let buffered = input.buffer();
                if !lines.is_empty() && memchr::memchr(b'\n', buffered).is_none() {
                    break;
                }
                let mut buf = Vec::new();
                match input.read_until(b'\n', &mut buf) {
                    Ok(0) => break,
                    Ok(read) => {
                        n += 1;
                        bytes += read;
                        lines.push((n, buf));
                    }
                    Err(e) if lines.is_empty() => {
                        failed = true;
                        return Some(Err(e.to_string()));
                    }
                    // The lines read so far first; the error ends the input after them.
                    Err(_) => break,
                }
            }
            reading.inc(bytes as u64);
            (!lines.is_empty()).then_some(Ok(lines))
        };
        let name = name.as_str();
        let work = |lines: Result<Lines, String>| -> Result<Vec<Answer>, String> {
            let lines = lines.map_err(|e| format!("{name}: {e}"))?;
            lines
                .iter()
                .map(|(n, buf)| command::answer(name, *n, buf, &options, unit))
                .collect::<Result<_, _>>()
                .map_err(|e| e.to_string())
        };
        let mut all_good = true;
        let mut done = 0u64;
        let write = |answers: Result<Vec<Answer>, String>| -> Result<(), Stop> {
            for answer in answers? {
                if let Some(complaint) = &answer.complaint {
                    bar.suspend(|| eprintln!("newslens: {complaint}"));
                }
                all_good &= answer.complaint.is_none();
                out.write_all(&answer.line)?;
                done += 1;
            }
            out.flush()?;
            bar.set_message(done.to_string());
            Ok(())
        };
        parallel::ordered(threads, 4 * threads, read, work, write)?;
        bar.finish_and_clear();
        Ok(all_good)
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
                "{bar:40} {binary_bytes}/{binary_total_bytes}, {msg} articles, {elapsed} elapsed, {eta} left",
            ),
            None => (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {binary_bytes}, {msg} articles, {elapsed} elapsed",
            ),
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    }
}
