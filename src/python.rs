//! The Python interface, `newslens._newslens` (built with the `python` feature by
//! maturin; `python/newslens/` wraps it): each analysis as the CLI's JSON, so that the
//! package's result is the CLI's, byte for byte before Python parses it. It converts
//! only: the analysis is [`crate::analyze_with`], a batch's workers and their order
//! those of [`crate::parallel`].
//!
//! Texts are analysed without the GIL; a batch reads a few items per thread ahead of
//! what Python has taken, so an endless iterator is fine.

use crate::parallel::{self, InOrder};
use crate::{analyze_with, Offsets, Options, QuoteMode, Written};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

/// The options of a call, from its keyword arguments.
fn options(quotes: &str) -> PyResult<Options> {
    let mode: QuoteMode = quotes.parse().map_err(PyValueError::new_err)?;
    Ok(Options::default().with_quotes(mode))
}

fn unit(offsets: &str) -> PyResult<Offsets> {
    offsets.parse().map_err(PyValueError::new_err)
}

/// The analysis of `text` as one line of JSON, as the CLI writes it (U+2028 and
/// U+2029 escaped, so that no reader splits the line there), without its line end.
fn json(text: &str, options: Options, unit: Offsets) -> String {
    let doc = analyze_with(text, &options);
    let mut line = Vec::new();
    crate::jsonl::write_json(&mut line, &Written::new(&doc, unit), false)
        .expect("a result always serialises");
    line.pop();
    String::from_utf8(line).expect("serde_json writes UTF-8")
}

/// Why an item cannot be analysed, as Python should hear it.
#[derive(Clone, Debug)]
enum Bad {
    /// Not a string.
    Type(String),
    /// A string with no UTF-8 form (half of a surrogate pair).
    Value(String),
}

/// The text of `item`.
fn text_of(item: &Bound<'_, PyAny>) -> Result<String, Bad> {
    let Ok(s) = item.cast::<PyString>() else {
        let kind = item
            .get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |n| n.to_string());
        return Err(Bad::Type(format!("a str is needed, not {kind}")));
    };
    s.to_cow().map(std::borrow::Cow::into_owned).map_err(|_| {
        Bad::Value("the text holds half of a surrogate pair, which has no UTF-8 form".into())
    })
}

impl Bad {
    /// The same, said of the `at`-th item of a batch.
    fn at(self, at: usize) -> Bad {
        match self {
            Bad::Type(m) => Bad::Type(format!("item {at}: {m}")),
            Bad::Value(m) => Bad::Value(format!("item {at}: {m}")),
        }
    }

    fn into_err(self) -> PyErr {
        match self {
            Bad::Type(m) => PyTypeError::new_err(m),
            Bad::Value(m) => PyValueError::new_err(m),
        }
    }

    fn message(&self) -> &str {
        match self {
            Bad::Type(m) | Bad::Value(m) => m,
        }
    }
}

/// analyze_json(text, quotes="all", offsets="chars")
/// --
///
/// The analysis of one text as a line of JSON (what `newslens analyze --jsonl`
/// writes for it, without the id).
#[pyfunction]
#[pyo3(signature = (text, quotes = "all", offsets = "chars"))]
fn analyze_json(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    quotes: &str,
    offsets: &str,
) -> PyResult<String> {
    let (options, unit) = (options(quotes)?, unit(offsets)?);
    let text = text_of(text).map_err(Bad::into_err)?;
    Ok(py.detach(|| json(&text, options, unit)))
}

/// One item of a batch on its way: its position, and its text or why it has none;
/// coming back, its analysis as JSON or why it has none.
type Job = (usize, Result<String, Bad>);

/// The results of a batch, in input order. Worker threads analyse while Python takes
/// the results already done: at most `window` items are read from Python and not yet
/// handed back.
#[pyclass(module = "newslens._newslens")]
struct Batch {
    items: Py<PyAny>,
    skip: bool,
    window: usize,
    /// To the workers; `None` once the items are all read.
    jobs: Option<SyncSender<Job>>,
    /// From the workers (in a mutex: a Python class must be `Sync`).
    results: Mutex<Receiver<Job>>,
    /// Results done, to be handed back in order.
    order: InOrder<Result<String, Bad>>,
    /// How many items were read.
    read: usize,
    done: bool,
}

#[pymethods]
impl Batch {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<String>> {
        if self.done {
            return Ok(None);
        }
        loop {
            self.feed(py)?;
            if let Some(result) = self.order.pop() {
                return match result {
                    Ok(json) => Ok(Some(json)),
                    Err(bad) if self.skip => Ok(Some(
                        serde_json::json!({ "error": bad.message() }).to_string(),
                    )),
                    Err(bad) => {
                        self.done = true;
                        self.jobs = None;
                        Err(bad.into_err())
                    }
                };
            }
            if self.jobs.is_none() && self.order.handed() == self.read {
                self.done = true;
                return Ok(None);
            }
            let results = &self.results;
            let received = py.detach(|| results.lock().ok().and_then(|rx| rx.recv().ok()));
            let (seq, result) =
                received.ok_or_else(|| PyValueError::new_err("the analysis threads stopped"))?;
            self.order.insert(seq, result);
        }
    }
}

impl Batch {
    /// Reads items from Python until a window of them is out, or they end.
    fn feed(&mut self, py: Python<'_>) -> PyResult<()> {
        let items = self.items.bind(py);
        while self.read - self.order.handed() < self.window {
            let Some(jobs) = &self.jobs else { break };
            let item = match items.call_method0("__next__") {
                Ok(item) => item,
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                    self.jobs = None;
                    break;
                }
                Err(e) => return Err(e),
            };
            let job = (self.read, text_of(&item).map_err(|bad| bad.at(self.read)));
            // The channel holds a window: with fewer out, it never blocks.
            jobs.send(job)
                .map_err(|_| PyValueError::new_err("the analysis threads stopped"))?;
            self.read += 1;
        }
        Ok(())
    }

    /// A batch over `items` with `threads` workers.
    fn start(
        items: Py<PyAny>,
        options: Options,
        unit: Offsets,
        threads: usize,
        skip: bool,
    ) -> Self {
        let window = 4 * threads;
        let (jobs, job_rx) = sync_channel::<Job>(window);
        let (done, results) = channel::<Job>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let (job_rx, done) = (Arc::clone(&job_rx), done.clone());
            std::thread::spawn(move || {
                parallel::work_on(&job_rx, &done, |text: Result<String, Bad>| {
                    text.map(|t| json(&t, options, unit))
                });
            });
        }
        Batch {
            items,
            skip,
            window,
            jobs: Some(jobs),
            results: Mutex::new(results),
            order: InOrder::default(),
            read: 0,
            done: false,
        }
    }
}

/// analyze_batch(items, quotes="all", offsets="chars", threads=None, errors="raise")
/// --
///
/// An iterator of the analyses of `items` (any iterable of str), in input order, each
/// a line of JSON; analysed on `threads` threads (default: every core) without the
/// GIL while Python takes the results done, at most a few items per thread ahead. A
/// bad item raises (errors="raise") or is answered by `{"error": ...}` (errors="skip").
#[pyfunction]
#[pyo3(signature = (items, quotes = "all", offsets = "chars", threads = None, errors = "raise"))]
fn analyze_batch(
    items: &Bound<'_, PyAny>,
    quotes: &str,
    offsets: &str,
    threads: Option<usize>,
    errors: &str,
) -> PyResult<Batch> {
    let skip = match errors {
        "raise" => false,
        "skip" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"skip\", not {other:?}"
            )))
        }
    };
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => parallel::default_threads(),
    };
    Ok(Batch::start(
        items.try_iter()?.into_any().unbind(),
        options(quotes)?,
        unit(offsets)?,
        threads,
        skip,
    ))
}

/// The compiled core of the `newslens` package.
#[pymodule]
fn _newslens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_batch, m)?)?;
    m.add_class::<Batch>()?;
    Ok(())
}
