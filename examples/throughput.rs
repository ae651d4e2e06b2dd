//! Best-of-N throughput of the whole analysis on the CoNLL-2003 dev split, document by
//! document (a steadier figure than criterion's mean on a noisy machine):
//! `cargo run --release --example throughput -- [RUNS] [rules|quoted|all ...]`.
//! With several quote models, the runs alternate between them in one process, so that
//! a busy machine slows each alike.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args
        .next()
        .map_or(20, |s| s.parse().expect("RUNS is a number"));
    let mut models: Vec<(String, newslens::QuoteMode)> = args
        .map(|a| {
            let m = a.parse().unwrap_or_else(|e| panic!("{e}"));
            (a, m)
        })
        .collect();
    if models.is_empty() {
        models.push(("default".into(), newslens::QuoteMode::default()));
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/conll2003/dev.txt"
    );
    let content = std::fs::read_to_string(path).expect("../shared/data/conll2003/dev.txt");
    let docs = newslens::train::conll::parse(&content);
    let tokens: usize = docs.iter().map(|d| newslens::tokenize(&d.text).len()).sum();
    let mut best = vec![f64::INFINITY; models.len()];
    for _ in 0..runs {
        for ((_, model), best) in models.iter().zip(&mut best) {
            let t = Instant::now();
            for d in &docs {
                std::hint::black_box(newslens::analyze_with(
                    std::hint::black_box(&d.text),
                    &newslens::Options::default().with_quotes(*model),
                ));
            }
            *best = best.min(t.elapsed().as_secs_f64());
        }
    }
    for ((name, _), best) in models.iter().zip(&best) {
        println!(
            "{name}: {} docs, {tokens} tokens: best of {runs} {:.1} ms = {:.0} tokens/s",
            docs.len(),
            best * 1e3,
            tokens as f64 / best
        );
    }
}
