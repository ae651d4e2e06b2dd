//! The `newslens` command, run as a process.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_newslens");
const ARTICLE: &str =
    "🇺🇦 “We will rebuild,” Olena Koval told reporters in Kyiv on Monday — 😀 and left.\n";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(EXE)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("newslens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn analyzes_a_file_as_json() {
    let path = temp_file("article.txt", ARTICLE.as_bytes());
    let out = run(&["analyze", path.to_str().unwrap(), "--pretty"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["quotes"][0]["speaker"]["name"], "Olena Koval");
    assert_eq!(v["quotes"][0]["cue"]["text"], "told reporters");
    // Default offsets are UTF-8 bytes.
    let q = &v["quotes"][0];
    let (a, b) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&ARTICLE[a..b], "“We will rebuild,”");
}

#[test]
fn each_offsets_mode_slices_right() {
    let line = serde_json::json!({"id": "a", "text": ARTICLE}).to_string();
    for (mode, slice) in [
        (
            "utf8",
            Box::new(|a: usize, b: usize| ARTICLE[a..b].to_owned())
                as Box<dyn Fn(usize, usize) -> String>,
        ),
        (
            "utf16",
            Box::new(|a, b| {
                String::from_utf16(&ARTICLE.encode_utf16().collect::<Vec<_>>()[a..b]).unwrap()
            }),
        ),
        (
            "chars",
            Box::new(|a, b| ARTICLE.chars().skip(a).take(b - a).collect()),
        ),
    ] {
        let out = run(&["analyze", "--jsonl", "--offsets", mode], line.as_bytes());
        assert!(out.status.success());
        // Piped, a good batch prints nothing on stderr: no progress bar.
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["id"], "a");
        for e in v["entities"].as_array().unwrap() {
            let (a, b) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(slice(a, b), e["text"].as_str().unwrap(), "{mode}");
        }
        assert_eq!(
            v["entities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["text"] == "Kyiv")
                .count(),
            1
        );
    }
}

#[test]
fn jsonl_reports_a_bad_line_and_goes_on() {
    let input = "{\"id\": 1, \"text\": \"Jane Doe said it was over.\"}\n{\"id\": 2}\nnot json\n{\"id\": 4, \"text\": \"Kyiv\"}\n";
    let out = run(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2: no \"text\" field"), "{stderr}");
    assert!(stderr.contains("line 3: invalid JSON"), "{stderr}");
    let lines: Vec<Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    assert_eq!(lines[0]["id"], 1);
    assert!(lines[0]["quotes"].is_array());
    assert_eq!(lines[1]["id"], 2);
    assert!(lines[1]["error"].is_string());
    assert!(lines[2]["id"].is_null());
    assert_eq!(lines[3]["entities"][0]["text"], "Kyiv");
}

#[test]
fn any_number_of_threads_answers_the_same_in_the_same_order() {
    // Long and short articles, bad and blank lines, mixed: with several threads the
    // short ones finish first, and must still be written in input order.
    let mut input = String::new();
    for i in 0..60 {
        let line = match i % 6 {
            0 => format!(
                "{{\"id\": {i}, \"text\": {}}}",
                serde_json::to_string(&"\"We will rebuild,\" Mayor Ann Lee said. ".repeat(200))
                    .unwrap()
            ),
            1 => "not json".to_owned(),
            2 => "   ".to_owned(),
            _ => format!(
                "{{\"id\": {i}, \"text\": \"Tom Baird of Harbour Works spoke on day {i}.\"}}"
            ),
        };
        input.push_str(&line);
        input.push('\n');
    }
    let one = run(&["analyze", "--jsonl", "--threads", "1"], input.as_bytes());
    assert_eq!(one.status.code(), Some(1), "bad lines make the status 1");
    assert_eq!(json_lines(&one.stdout).len(), 60);
    for threads in ["2", "5"] {
        let many = run(
            &["analyze", "--jsonl", "--threads", threads],
            input.as_bytes(),
        );
        assert_eq!(many.status.code(), Some(1));
        assert!(
            many.stdout == one.stdout,
            "{threads} threads: the same output"
        );
        assert_eq!(
            many.stderr, one.stderr,
            "{threads} threads: the same complaints"
        );
    }
    let zero = run(&["analyze", "--jsonl", "--threads", "0"], b"");
    assert_eq!(zero.status.code(), Some(2), "no thread is no choice");
}

/// The lines of a JSONL answer, each parsed.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .expect("UTF-8 output")
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn every_jsonl_line_is_answered_blank_ones_too() {
    // A blank line, a line of spaces, a byte order mark, CRLF line ends, and a last
    // line without its line end.
    let input = "{\"id\": 1, \"text\": \"Ann Lee left.\"}\r\n\n   \t\r\n\u{feff}{\"id\": 4, \"text\": \"Kyiv\"}\n{\"id\": 5, \"text\": \"\"}";
    let out = run(&["analyze", "--jsonl"], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "blank lines are no bad lines: {stderr}"
    );
    assert!(stderr.is_empty(), "{stderr}");
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 5, "one output line per input line");
    assert_eq!(lines[0]["entities"][0]["text"], "Ann Lee");
    for blank in &lines[1..3] {
        assert_eq!(
            blank,
            &serde_json::json!({"id": null, "error": "blank line"})
        );
    }
    assert_eq!(lines[3]["id"], 4);
    assert_eq!(lines[3]["entities"][0]["text"], "Kyiv");
    assert_eq!(lines[4]["id"], 5);
    assert_eq!(lines[4]["entities"], serde_json::json!([]));
}

#[test]
fn half_a_surrogate_pair_is_named_as_such_with_the_lines_id() {
    let input = "{\"id\": \"a\", \"text\": \"x \\ud800 y\"}\n\
                 {\"id\": \"b\", \"text\": \"\\ud83c\\udf0d Kyiv \\\\ud800\"}\n\
                 {\"id\": \"c\", \"text\": \"\\udc00\", oops}\n";
    let out = run(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "line 1: invalid JSON: \\ud800 at column 24 is half of a UTF-16 surrogate pair"
        ),
        "{stderr}"
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["error"].as_str().unwrap().contains("surrogate"));
    // A pair is a character (🌍), and an escaped backslash before "ud800" no escape.
    assert_eq!(lines[1]["id"], "b");
    // "🌍 Kyiv \\ud800" is 16 bytes: 4 for the globe, 6 for the backslash and "ud800".
    assert_eq!(lines[1]["sentences"][0]["end"], 16);
    // Where more is wrong than the surrogate, the parser's own message.
    assert!(lines[2]["id"].is_null());
    assert!(!lines[2]["error"].as_str().unwrap().contains("half of"));
}

#[test]
fn line_and_paragraph_separators_are_escaped() {
    let text = "“We will rebuild,\u{2028}and soon,\u{2029}” Olena Koval said.";
    for args in [&["analyze"][..], &["analyze", "--pretty"]] {
        let out = run(args, text.as_bytes());
        assert!(out.status.success());
        let json = String::from_utf8(out.stdout).unwrap();
        assert!(!json.contains(['\u{2028}', '\u{2029}']), "{json}");
        assert!(
            json.contains("\\u2028") && json.contains("\\u2029"),
            "{json}"
        );
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v["quotes"][0]["text"],
            "“We will rebuild,\u{2028}and soon,\u{2029}”"
        );
    }
}

#[test]
fn jsonl_is_answered_line_by_line_as_it_comes() {
    let mut child = Command::new(EXE)
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    // Answers as they come, read on a thread of their own.
    let (send, answers) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(stdout) {
            if send.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for id in 0..3 {
        let line = serde_json::json!({"id": id, "text": ARTICLE}).to_string() + "\n";
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.flush().unwrap();
        // The answer comes while the input is still open.
        let answer = answers
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("an answer before the input ends");
        let v: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(v["id"], id);
        assert_eq!(v["quotes"][0]["speaker"]["name"], "Olena Koval");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_closed_output_ends_the_program_quietly() {
    // `newslens ... | head -c 100`: the reader goes away after a few bytes.
    let line = serde_json::json!({"id": 1, "text": ARTICLE}).to_string() + "\n";
    let batch = temp_file("many.jsonl", line.repeat(2000).as_bytes());
    let article = temp_file("long.txt", ARTICLE.repeat(3000).as_bytes());
    for args in [
        vec!["analyze", "--jsonl", batch.to_str().unwrap()],
        vec!["analyze", "--pretty", article.to_str().unwrap()],
        vec!["analyze", "--text", article.to_str().unwrap()],
    ] {
        let mut child = Command::new(EXE)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut first = [0u8; 100];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let done = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert!(done.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn bad_input_gives_a_one_line_error() {
    let bad = temp_file("bad.txt", b"caf\xe9 au lait");
    let out = run(&["analyze", bad.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("bad.txt: invalid UTF-8 at byte 3"),
        "{stderr}"
    );

    let out = run(&["analyze", "/nonexistent/article.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("newslens: /nonexistent/article.txt:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));

    let out = run(
        &["analyze", "--jsonl"],
        b"{\"id\": 7, \"text\": \"ok\"}\n\xff\xfe\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2: invalid UTF-8"));
}

#[test]
fn a_report_to_read_lists_people_then_who_said_what() {
    let article = "A UN spokeswoman, Ines Varga, said the road would reopen. The spokeswoman \
                   added that crews were on site.\n\n\"It will take a week,\" Varga said. \
                   Mayor Tom Hale said nothing.\n";
    let out = run(&["analyze", "--text"], article.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = report.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{report}"))
    };
    // People, most mentioned first, the role phrase counted among her mentions.
    assert_eq!(
        lines[at("Ines Varga (person)")].trim(),
        "Ines Varga (person): 3 mentions, 3 quotes"
    );
    assert!(at("Ines Varga (person)") < at("Tom Hale (person)"));
    // Who said what: her quotes under her name, each with its kind and cue, in order.
    let varga = at("Who said what") + 1;
    assert_eq!(lines[varga].trim(), "Ines Varga");
    assert!(
        lines[varga + 1].contains("[indirect, reported, cue: said")
            && lines[varga + 1].ends_with("the road would reopen")
    );
    assert!(
        lines[varga + 2].contains("as \"The spokeswoman\", "),
        "{report}"
    );
    assert!(
        lines[varga + 3].contains("[direct, cue: said, as \"Varga\", ")
            && lines[varga + 3].contains("% sure] \"It will take a week,\""),
        "{report}"
    );
    // Not with JSON's options.
    let out = run(&["analyze", "--text", "--jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_and_help() {
    let out = run(&["analyze"], ARTICLE.as_bytes());
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!v["entities"].as_array().unwrap().is_empty());
    let help = run(&["analyze", "--help"], b"");
    let help = String::from_utf8_lossy(&help.stdout);
    for needle in [
        "--jsonl",
        "--offsets",
        "utf16",
        "--pretty",
        "--text",
        "bad line",
        "blank line",
    ] {
        assert!(help.contains(needle), "help lacks {needle}");
    }
}

#[test]
fn batches_show_progress_on_a_terminal() {
    // `script` (util-linux) gives the command a terminal for stderr.
    if Command::new("script").arg("--version").output().is_err() {
        println!("skipped: no `script` command to provide a terminal");
        return;
    }
    let line = serde_json::json!({"id": 1, "text": ARTICLE}).to_string() + "\n";
    let input = temp_file("batch.jsonl", line.repeat(50).as_bytes());
    let log = input.with_extension("typescript");
    let cmd = format!("{EXE} analyze --jsonl {} > /dev/null", input.display());
    let status = Command::new("script")
        .args(["-qec", &cmd, log.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let screen = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    // Bytes read of the file's, and articles answered.
    assert!(
        screen.contains(" KiB, ") && screen.contains(" articles, "),
        "{screen}"
    );
}

#[test]
fn learned_quotes_find_reported_speech_the_rules_miss() {
    let text = "Harbour Master Fiona Grant warned on Tuesday that the channel could close \
within a month, and officials at the council believe the dredging will cost more than \
planned.\n\nThe fishermen say the delay has already cost them their best season, according \
to a union survey.\n";
    let quotes = |args: &[&str]| -> Vec<(String, String, String)> {
        let out = run(args, text.as_bytes());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let s = |x: &Value, k: &str| x[k].as_str().unwrap_or("").to_owned();
                (s(q, "text"), s(&q["cue"], "text"), s(&q["speaker"], "name"))
            })
            .collect()
    };
    let t = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        quotes(&["analyze", "--quotes", "all"]),
        [
            t(
                "the channel could close within a month",
                "warned",
                "Fiona Grant"
            ),
            t(
                "the dredging will cost more than planned",
                "believe",
                "officials at the council"
            ),
            t(
                "the delay has already cost them their best season",
                "say",
                "The fishermen"
            ),
        ]
    );
    // The rules alone read one clause that runs on over the second attribution, and
    // take the third's "according to" for its cue and the survey for its speaker.
    let rules = quotes(&["analyze", "--quotes", "rules"]);
    assert_eq!(rules.len(), 2, "{rules:?}");
    assert!(
        rules[0].0.contains("officials at the council believe"),
        "{rules:?}"
    );
    assert_eq!(rules[1].2, "a union survey");
}

/// A training report nobody reads any more (`train-ner ... | head -1`) does not stop
/// the training: the model is written all the same.
#[test]
fn training_carries_on_when_its_report_is_not_read() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny.conll");
    let model = temp_file("tiny-ner.bin", b"");
    std::fs::remove_file(&model).unwrap();
    let names = model.with_file_name("tiny-names.tsv");
    let mut child = Command::new(env!("CARGO_BIN_EXE_train-ner"))
        .args([
            "--train", fixture, "--dev", fixture, "--epochs", "1", "--orders", "1",
        ])
        .arg("--out")
        .arg(&model)
        .arg("--names")
        .arg(&names)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("train-ner runs");
    // The reader goes away before the first line is printed.
    drop(child.stdout.take());
    let done = child.wait_with_output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        std::fs::metadata(&model).unwrap().len() > 0,
        "no model written"
    );
}
