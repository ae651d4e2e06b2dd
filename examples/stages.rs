//! Times each pipeline stage on a file: `cargo run --release --example stages -- FILE`.
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    let _ = newslens::analyze("Warm up, said Ann Lee.");
    let t = Instant::now();
    let tokens = newslens::tokenize(&text);
    println!(
        "tokens    {:>8.1} ms ({} tokens)",
        t.elapsed().as_secs_f64() * 1e3,
        tokens.len()
    );
    let t = Instant::now();
    let sentences = newslens::split_sentences(&text, &tokens);
    println!("sentences {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let numeric = newslens::numeric::find_numeric(&text);
    println!(
        "numeric   {:>8.1} ms ({})",
        t.elapsed().as_secs_f64() * 1e3,
        numeric.len()
    );
    let t = Instant::now();
    let mut entities =
        newslens::find_entities(&text, &tokens, &sentences, &newslens::ner::ModelNameFinder);
    println!(
        "entities  {:>8.1} ms (incl. numeric)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let mut groups = newslens::group_mentions(&text, &mut entities);
    newslens::find_references(&text, &tokens, &entities, &mut groups);
    println!("groups    {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let quotes = newslens::find_quotes(
        &text,
        &tokens,
        &sentences,
        &entities,
        &groups,
        newslens::QuoteModel::Rules,
    );
    println!(
        "quotes    {:>8.1} ms ({})",
        t.elapsed().as_secs_f64() * 1e3,
        quotes.len()
    );
    let t = Instant::now();
    let doc = newslens::analyze(&text);
    let out = newslens::Output::new(&doc, newslens::Offsets::Chars);
    let json = serde_json::to_string(&out).unwrap();
    println!(
        "all+json  {:>8.1} ms ({} bytes)",
        t.elapsed().as_secs_f64() * 1e3,
        json.len()
    );
}
