//! Trains the name finder: `train-ner --train TRAIN --dev DEV --out models/ner.bin`.
//!
//! Reads CoNLL-2003 files, tokenises each document as the product does, trains an
//! averaged structured perceptron, prints dev precision, recall and F1 after each
//! epoch, and writes the weights of the best epoch on dev.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    use newslens::ner;
    use std::time::Instant;

    /// Train newslens's named-entity model on CoNLL-2003-style data.
    #[derive(Parser)]
    #[command(name = "train-ner")]
    struct Args {
        /// Training data (CoNLL format).
        #[arg(long)]
        train: std::path::PathBuf,
        /// Development data (CoNLL format), scored after each epoch.
        #[arg(long)]
        dev: std::path::PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/ner.bin")]
        out: std::path::PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
    }

    let args = Args::parse();
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| format!("train-ner: {}: {e}", p.display()))
    };
    let (train_text, dev_text) = match (read(&args.train), read(&args.dev)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let t0 = Instant::now();
    let train_docs = ner::conll::parse(&train_text);
    let dev_docs = ner::conll::parse(&dev_text);
    let examples = ner::conll::examples(&train_docs);
    let tokens: usize = examples.iter().map(|e| e.tags.len()).sum();
    println!(
        "{} train documents, {} sentences, {tokens} tokens; {} dev documents ({:.1} s)",
        train_docs.len(),
        examples.len(),
        dev_docs.len(),
        t0.elapsed().as_secs_f64()
    );
    let mut best: Option<(f64, usize, Vec<u8>)> = None;
    ner::train(&examples, args.epochs, &mut |epoch, errors, weights| {
        let bytes = newslens::tagger::save(weights, ner::BITS);
        // Score what will be saved: the quantised weights.
        let (q, _) = newslens::tagger::load(&bytes).expect("just saved");
        let (p, r, f) = ner::evaluate(&q, &dev_docs);
        println!(
            "epoch {epoch:2}: {errors:6} training errors; dev P {:.2} R {:.2} F1 {:.2} ({:.1} s)",
            p * 100.0,
            r * 100.0,
            f * 100.0,
            t0.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|(bf, _, _)| f > *bf) {
            best = Some((f, epoch, bytes));
        }
    });
    let Some((f, epoch, bytes)) = best else {
        eprintln!("train-ner: no epochs");
        return std::process::ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::write(&args.out, &bytes) {
        eprintln!("train-ner: {}: {e}", args.out.display());
        return std::process::ExitCode::FAILURE;
    }
    println!(
        "wrote {} ({} bytes), epoch {epoch}, dev F1 {:.2}",
        args.out.display(),
        bytes.len(),
        f * 100.0
    );
    std::process::ExitCode::SUCCESS
}
