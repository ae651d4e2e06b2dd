//! The shapes benchmark: every shape of `tests/it/shapes.rs` analysed at several sizes,
//! each run in a process of its own so that its peak memory is its own.
//!
//! ```text
//! cargo run --release --example shapes                      # 100 KB, 1 MB, 4 MB
//! cargo run --release --example shapes -- --sizes 1e6,4e6 --only nesting --runs 3
//! cargo run --release --example shapes -- --write DIR 1e6   # the texts, as files
//! cargo run --release --example shapes -- --instructions      # counted by cachegrind
//! ```
//!
//! For each shape and size it prints the seconds the analysis took (text to JSON, as
//! the CLI does, without reading or writing), the peak resident memory above that of 2 KB
//! of prose (the models loaded), in bytes per input byte, the time against prose of the same size, and the
//! growth exponent between the last two sizes (1 is linear, 2 quadratic). A run
//! that exceeds `--timeout` seconds (60) is stopped and shown as such; with `--runs N`,
//! each figure is the best of N runs. Prose is always run, as the reference.
//!
//! A busy machine's times wander by a third from run to run; `--instructions` counts
//! instead the instructions of each run under valgrind's cachegrind (above those of
//! 2 KB of prose), which repeat exactly, and the growth exponent between the last two
//! sizes from them (1 MB and 4 MB by default; about 50 times slower).

#[path = "../tests/it/shapes.rs"]
mod shapes;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes = vec![100_000, 1_000_000, 4_000_000];
    let mut only: Option<Vec<String>> = None;
    let mut timeout = 60.0;
    let mut runs = 1;
    let mut instructions = false;
    let mut i = 0;
    while i < args.len() {
        let value = |i: usize| args.get(i + 1).map(String::as_str).unwrap_or_default();
        match args[i].as_str() {
            "--one" => return one(value(i), size(args.get(i + 2).map_or("0", String::as_str))),
            "--write" => {
                let size = size(args.get(i + 2).map_or("1e6", String::as_str));
                return write(value(i), size);
            }
            "--instructions" => {
                instructions = true;
                i += 1;
                continue;
            }
            "--sizes" => sizes = value(i).split(',').map(size).collect(),
            "--only" => only = Some(value(i).split(',').map(str::to_owned).collect()),
            "--runs" => runs = value(i).parse().expect("--runs takes a number"),
            "--timeout" => timeout = value(i).parse().expect("--timeout takes seconds"),
            other => {
                eprintln!(
                    "shapes: unknown argument {other} (see the doc comment of examples/shapes.rs)"
                );
                return ExitCode::FAILURE;
            }
        }
        i += 2;
    }
    if instructions {
        let from = sizes.len().saturating_sub(2);
        return counted(&sizes[from..], only.as_deref());
    }
    bench(&sizes, only.as_deref(), timeout, runs)
}

/// The instructions one run executes under cachegrind, whole (text made, analysed,
/// written as JSON to nowhere).
fn instructions_of(name: &str, size: usize) -> Option<u64> {
    let exe = std::env::current_exe().expect("the benchmark knows its path");
    let out = Command::new("valgrind")
        .args([
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
        ])
        .arg(exe)
        .args(["--one", name, &size.to_string()])
        .output()
        .ok()?;
    let report = String::from_utf8_lossy(&out.stderr);
    let line = report.lines().find(|l| l.contains("I   refs:"))?;
    line.rsplit(':')
        .next()?
        .trim()
        .replace(',', "")
        .parse()
        .ok()
}

/// Prints each shape's instructions at `sizes` (above those of 2 KB of prose) and the
/// growth exponent between the first and the last.
fn counted(sizes: &[usize], only: Option<&[String]>) -> ExitCode {
    let Some(base) = instructions_of("prose", 2000) else {
        eprintln!("shapes: --instructions needs valgrind");
        return ExitCode::FAILURE;
    };
    println!(
        "# newslens shapes benchmark: instructions (cachegrind) above those of 2 KB of prose \
         ({base}), instructions per input byte, growth exponent from {} to {} bytes",
        sizes[0],
        sizes[sizes.len() - 1]
    );
    let mut header = String::from("shape");
    for s in sizes {
        let _ = write!(header, "\tinstructions@{s}\tper byte@{s}");
    }
    println!("{header}\texponent");
    let mut worst = 0.0f64;
    for shape in shapes::SHAPES {
        if only.is_some_and(|o| !o.iter().any(|n| n == shape.name)) {
            continue;
        }
        let mut row = String::from(shape.name);
        let mut counts = Vec::new();
        for &size in sizes {
            let n = instructions_of(shape.name, size).map_or(0, |n| n.saturating_sub(base));
            let _ = write!(row, "\t{n}\t{:.0}", n as f64 / size as f64);
            counts.push(n as f64);
        }
        let exponent = (counts[counts.len() - 1] / counts[0]).ln()
            / (sizes[sizes.len() - 1] as f64 / sizes[0] as f64).ln();
        worst = worst.max(exponent);
        let _ = write!(row, "\t{exponent:.3}");
        println!("{row}");
        let _ = std::io::stdout().flush();
    }
    println!("# worst exponent: {worst:.3}");
    ExitCode::SUCCESS
}

/// "1e6", "100000", "4MB" and "100KB" are sizes in bytes.
fn size(s: &str) -> usize {
    let s = s.trim();
    let (n, mult) = if let Some(n) = s.strip_suffix("MB") {
        (n, 1e6)
    } else if let Some(n) = s.strip_suffix("KB") {
        (n, 1e3)
    } else {
        (s, 1.0)
    };
    (n.parse::<f64>().expect("a size in bytes") * mult) as usize
}

/// Analyses one shape at one size and prints `seconds peak-bytes`.
fn one(name: &str, size: usize) -> ExitCode {
    let Some(shape) = shapes::shape(name) else {
        eprintln!("shapes: no shape {name}");
        return ExitCode::FAILURE;
    };
    let text = shapes::Shape::text(shape, size);
    let t = Instant::now();
    let doc = newslens::analyze(&text);
    let out = newslens::Written::new(&doc, newslens::Offsets::Utf8);
    serde_json::to_writer(std::io::sink(), &out).expect("serialises");
    let secs = t.elapsed().as_secs_f64();
    println!("{secs} {}", peak_memory());
    ExitCode::SUCCESS
}

/// The process's peak resident memory in bytes (`VmHWM`), or 0 where /proc has none.
fn peak_memory() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Writes every shape at `size` into `dir` as NAME.txt.
fn write(dir: &str, size: usize) -> ExitCode {
    std::fs::create_dir_all(dir).expect("the directory can be made");
    for s in shapes::SHAPES {
        let path = std::path::Path::new(dir).join(format!("{}.txt", s.name));
        std::fs::write(&path, s.text(size)).expect("the file can be written");
    }
    println!("{} shapes of {size} bytes in {dir}", shapes::SHAPES.len());
    ExitCode::SUCCESS
}

/// Runs one shape at one size in a child process `runs` times: `Some((seconds, peak
/// bytes))`, the least time and the most memory, or `None` when it ran out of time.
fn run(name: &str, size: usize, timeout: f64, runs: usize) -> Option<(f64, u64)> {
    let mut best: Option<(f64, u64)> = None;
    for _ in 0..runs.max(1) {
        let (secs, peak) = run_once(name, size, timeout)?;
        best = Some(best.map_or((secs, peak), |(s, p)| (s.min(secs), p.max(peak))));
    }
    best
}

/// One run of [`run`].
fn run_once(name: &str, size: usize, timeout: f64) -> Option<(f64, u64)> {
    let exe = std::env::current_exe().expect("the benchmark knows its path");
    let mut child = Command::new(exe)
        .args(["--one", name, &size.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the benchmark can run itself");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            break;
        }
        if start.elapsed().as_secs_f64() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("reads the child's answer");
    let line = String::from_utf8_lossy(&out.stdout);
    let mut f = line.split_whitespace();
    let secs = f.next()?.parse().ok()?;
    let peak = f.next()?.parse().ok()?;
    Some((secs, peak))
}

fn bench(sizes: &[usize], only: Option<&[String]>, timeout: f64, runs: usize) -> ExitCode {
    // The memory of a short text, with every model loaded: what any text costs.
    let (_, base) = run("prose", 2000, timeout, 1).expect("a short text is analysed");
    println!(
        "# newslens shapes benchmark: seconds to analyse (text to JSON), peak memory above \
         that of 2 KB of prose ({:.1} MB, the models loaded) in bytes per input byte, time against prose of the \
         same size, growth exponent from {} to {} bytes",
        base as f64 / 1e6,
        sizes[sizes.len().saturating_sub(2)],
        sizes[sizes.len() - 1]
    );
    let mut header = String::from("shape");
    for s in sizes {
        let _ = write!(header, "\ts@{s}\tB/B@{s}\txprose@{s}");
    }
    header.push_str("\texponent");
    println!("{header}");
    let mut prose: Vec<Option<f64>> = vec![None; sizes.len()];
    let mut worst = (0.0f64, 0.0f64, 0.0f64);
    for shape in shapes::SHAPES {
        if only.is_some_and(|o| !o.iter().any(|n| n == shape.name)) && shape.name != "prose" {
            continue;
        }
        let mut row = String::from(shape.name);
        let mut times = Vec::new();
        let mut out_of_time = false;
        for (k, &size) in sizes.iter().enumerate() {
            let result = if out_of_time {
                None
            } else {
                run(shape.name, size, timeout, runs)
            };
            let Some((secs, peak)) = result else {
                if out_of_time {
                    row.push_str("\t-\t-\t-");
                } else {
                    let _ = write!(row, "\t>{timeout}\t-\t-");
                    out_of_time = true;
                }
                times.push(None);
                continue;
            };
            let per_byte = peak.saturating_sub(base) as f64 / size.max(1) as f64;
            if shape.name == "prose" {
                prose[k] = Some(secs);
            }
            let ratio = prose[k].map_or(f64::NAN, |p| secs / p);
            if k + 1 == sizes.len() {
                worst.0 = worst.0.max(ratio);
            }
            worst.2 = worst.2.max(per_byte);
            let _ = write!(row, "\t{secs:.3}\t{per_byte:.1}\t{ratio:.2}");
            times.push(Some(secs));
        }
        let n = sizes.len();
        let exponent = match (n > 1).then(|| (times[n - 2], times[n - 1])) {
            Some((Some(a), Some(b))) => {
                (b / a).ln() / (sizes[n - 1] as f64 / sizes[n - 2] as f64).ln()
            }
            _ => f64::NAN,
        };
        if exponent.is_finite() {
            worst.1 = worst.1.max(exponent);
        } else if out_of_time {
            worst.1 = f64::INFINITY;
        }
        let _ = write!(row, "\t{exponent:.2}");
        println!("{row}");
        let _ = std::io::stdout().flush();
    }
    println!(
        "# worst: {:.2}x prose at {} bytes, exponent {:.2}, {:.1} bytes per input byte",
        worst.0,
        sizes[sizes.len() - 1],
        worst.1,
        worst.2
    );
    ExitCode::SUCCESS
}
