//! Times each pipeline stage on a file, with the memory the process holds after it and
//! its peak so far (Linux): `cargo run --release --example stages -- FILE`.
use std::time::Instant;

/// `(resident, peak resident)` in MB, from /proc/self/status (0 where there is none).
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn report(stage: &str, t: Instant, what: &str) {
    let (rss, peak) = memory();
    println!(
        "{stage:<10}{:>9.1} ms  {rss:>8.1} MB held, {peak:>8.1} MB peak  {what}",
        t.elapsed().as_secs_f64() * 1e3
    );
}

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    let _ = newslens::analyze("Warm up, \"said\" Ann Lee of Acme Inc. in Paris on Monday.");
    report("start", Instant::now(), &format!("({} bytes)", text.len()));
    let t = Instant::now();
    let tokens = newslens::tokenize(&text);
    report("tokens", t, &format!("({} tokens)", tokens.len()));
    let t = Instant::now();
    let sentences = newslens::split_sentences(&text, &tokens);
    report("sentences", t, &format!("({})", sentences.len()));
    let t = Instant::now();
    let paragraphs = newslens::find_layout(&text, &tokens, &sentences);
    report("layout", t, &format!("({} paragraphs)", paragraphs.len()));
    let t = Instant::now();
    let mut entities = newslens::find_entities(
        &text,
        &tokens,
        &sentences,
        &paragraphs,
        &newslens::ner::ModelNameFinder,
    );
    report("entities", t, &format!("({})", entities.len()));
    let t = Instant::now();
    let mut groups = newslens::group_mentions(&text, &mut entities);
    newslens::find_references(&text, &tokens, &entities, &mut groups);
    report("groups", t, &format!("({})", groups.len()));
    let t = Instant::now();
    let quotes = newslens::find_quotes(
        &text,
        &tokens,
        &sentences,
        &paragraphs,
        &entities,
        &groups,
        newslens::QuoteMode::default(),
    );
    report("quotes", t, &format!("({})", quotes.len()));
    let t = Instant::now();
    let summary = newslens::summarize(&text, &groups, &quotes);
    report(
        "summary",
        t,
        &format!("({} speakers)", summary.speakers.len()),
    );
    let doc = newslens::Document {
        text,
        tokens,
        sentences,
        paragraphs,
        entities,
        groups,
        quotes,
        summary,
    };
    let t = Instant::now();
    let out = newslens::Output::new(&doc, newslens::Offsets::Chars);
    report("output", t, "");
    let t = Instant::now();
    let json = serde_json::to_string(&out).expect("serialises");
    report("json", t, &format!("({} bytes)", json.len()));
}
