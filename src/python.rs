//! The Python interface, `newslens._newslens` (built with the `python` feature by
//! maturin; `python/newslens/` wraps it): each analysis as the CLI's JSON, so that the
//! package's result is the CLI's, byte for byte before Python parses it. It converts
//! only: the analysis is [`crate::analyze_with`], the batch [`crate::parallel::ordered`].
//!
//! The GIL is released while texts are analysed; a batch reads its items from Python
//! a chunk at a time, so an endless iterator needs only a chunk's memory.

use crate::{analyze_with, parallel, Offsets, Options, QuoteMode, Written};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::collections::VecDeque;

/// The options of a call, from its keyword arguments.
fn options(quotes: &str) -> PyResult<Options> {
    let mode: QuoteMode = quotes.parse().map_err(PyValueError::new_err)?;
    Ok(Options::default().with_quotes(mode))
}

fn unit(offsets: &str) -> PyResult<Offsets> {
    match offsets {
        "chars" => Ok(Offsets::Chars),
        "utf16" => Ok(Offsets::Utf16),
        "utf8" => Ok(Offsets::Utf8),
        other => Err(PyValueError::new_err(format!(
            "offsets must be \"chars\", \"utf16\" or \"utf8\", not {other:?}"
        ))),
    }
}

/// The analysis of `text` as one line of JSON.
fn json(text: &str, options: Options, unit: Offsets) -> String {
    let doc = analyze_with(text, &options);
    serde_json::to_string(&Written::new(&doc, unit)).expect("a result always serialises")
}

/// Why an item cannot be analysed, as Python should hear it.
#[derive(Clone, Debug)]
enum Bad {
    /// Not a string.
    Type(String),
    /// A string with no UTF-8 form (half of a surrogate pair).
    Value(String),
}

/// The text of `item` (the `at`-th, for messages).
fn text_of(item: &Bound<'_, PyAny>, at: usize) -> Result<String, Bad> {
    let Ok(s) = item.cast::<PyString>() else {
        let kind = item
            .get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |n| n.to_string());
        return Err(Bad::Type(format!("item {at}: a str is needed, not {kind}")));
    };
    s.to_cow().map(std::borrow::Cow::into_owned).map_err(|_| {
        Bad::Value(format!(
            "item {at}: the text holds half of a surrogate pair, which has no UTF-8 form"
        ))
    })
}

impl Bad {
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
    let text = text_of(text, 0).map_err(|bad| {
        // One text: no position to name.
        let m = bad.message().trim_start_matches("item 0: ").to_owned();
        match bad {
            Bad::Type(_) => PyTypeError::new_err(m),
            Bad::Value(_) => PyValueError::new_err(m),
        }
    })?;
    Ok(py.detach(|| json(&text, options, unit)))
}

/// The results of a batch, a chunk of items at a time, in input order.
#[pyclass(module = "newslens._newslens")]
struct Batch {
    items: Py<PyAny>,
    options: Options,
    unit: Offsets,
    threads: usize,
    skip: bool,
    /// Results done and not yet taken: each a line of JSON, or why its item is bad.
    ready: VecDeque<Result<String, Bad>>,
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
        if self.ready.is_empty() && !self.done {
            self.fill(py)?;
        }
        match self.ready.pop_front() {
            None => Ok(None),
            Some(Ok(json)) => Ok(Some(json)),
            Some(Err(bad)) if self.skip => Ok(Some(
                serde_json::json!({ "error": bad.message() }).to_string(),
            )),
            Some(Err(bad)) => {
                self.done = true;
                self.ready.clear();
                Err(bad.into_err())
            }
        }
    }
}

impl Batch {
    /// Reads the next chunk of items and analyses it on every thread, without the GIL.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let chunk = 16 * self.threads;
        let items = self.items.bind(py);
        let mut texts: Vec<Result<String, Bad>> = Vec::with_capacity(chunk);
        while texts.len() < chunk {
            let Some(item) = items.call_method0("__next__").map_or_else(
                |e| {
                    if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                },
                |item| Ok(Some(item)),
            )?
            else {
                self.done = true;
                break;
            };
            texts.push(text_of(&item, self.read));
            self.read += 1;
        }
        let (options, unit, threads) = (self.options, self.unit, self.threads);
        let ready = &mut self.ready;
        py.detach(|| {
            let mut texts = texts.into_iter();
            parallel::ordered(
                threads,
                4 * threads,
                move || texts.next(),
                |text| text.map(|t| json(&t, options, unit)),
                |result| -> Result<(), ()> {
                    ready.push_back(result);
                    Ok(())
                },
            )
        })
        .expect("pushing to a queue cannot fail");
        Ok(())
    }
}

/// analyze_batch(items, quotes="all", offsets="chars", threads=None, errors="raise")
/// --
///
/// An iterator of the analyses of `items` (any iterable of str), in input order, each
/// a line of JSON; read and analysed a chunk at a time on `threads` threads (default:
/// every core) without the GIL. A bad item raises (errors="raise") or is answered by
/// `{"error": ...}` (errors="skip").
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
    Ok(Batch {
        items: items.try_iter()?.into_any().unbind(),
        options: options(quotes)?,
        unit: unit(offsets)?,
        threads,
        skip,
        ready: VecDeque::new(),
        read: 0,
        done: false,
    })
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
