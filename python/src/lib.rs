//! `quotelens._quotelens`, the extension module behind `import quotelens`: the crate's
//! `analyze` and the wire contract's export (src/export.rs) with code-point offsets — the CLI's
//! JSON, as Python dicts. Nothing here analyses or describes a field; the types and their docs
//! live in src/export.rs (and, for Python, in the stubs generated from src/export.d.ts).

use std::borrow::Cow;
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use pythonize::pythonize;
use quotelens::export::{export, DocumentOut, SCHEMA_VERSION};
use quotelens::OffsetUnit;

create_exception!(
    _quotelens,
    AnalysisError,
    PyRuntimeError,
    "The analysis failed inside quotelens on one text (a bug: `analyze` is meant never to fail; please report the text)."
);

/// The text of a Python `str`, one Rust char per Python code point, so that code-point offsets
/// index the Python string. A lone surrogate (which no Rust string can hold) becomes U+FFFD, one
/// for one, as the CLI reads `\ud800` in JSON.
fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    match s.to_cow() {
        Ok(text) => Ok(text),
        Err(_) => {
            // UTF-32 keeps every code point, paired surrogates included, as one unit.
            let units = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
            let bytes = units.cast::<PyBytes>()?.as_bytes();
            Ok(Cow::Owned(
                bytes
                    .chunks_exact(4)
                    .map(|b| char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).unwrap_or('\u{FFFD}'))
                    .collect(),
            ))
        }
    }
}

/// `value` as a `str`, or a TypeError naming `what` and the type it got.
fn as_str<'a, 'py>(value: &'a Bound<'py, PyAny>, what: &str) -> PyResult<&'a Bound<'py, PyString>> {
    value.cast::<PyString>().map_err(|_| {
        let got = value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("{what} must be str, not {got}"))
    })
}

/// Analyses `text` and exports it with code-point offsets; `None` if the analysis panicked.
fn document(text: &str) -> Option<DocumentOut<'_>> {
    let analysis = catch_unwind(AssertUnwindSafe(|| quotelens::analyze(text))).ok()?;
    Some(export(text, &analysis, OffsetUnit::CodePoint))
}

fn failed(index: Option<usize>) -> PyErr {
    let which = index.map_or("the text".to_string(), |i| format!("texts[{i}]"));
    AnalysisError::new_err(format!("internal error while analysing {which} (please report it)"))
}

/// analyze(text: str) -> DocumentOut
///
/// Finds the quotations, their speakers and cues, the entities and paragraphs of `text`. Returns
/// the CLI's JSON document as a dict (the same fields, less the CLI's `id`); offsets are code
/// points, so `text[q["start"]:q["end"]] == q["text"]`. The GIL is released while it runs.
///
/// Raises TypeError if `text` is not a str, AnalysisError if the analysis fails (a bug).
#[pyfunction]
fn analyze<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = text_of(as_str(text, "text")?)?;
    let doc = py.detach(|| document(&text)).ok_or_else(|| failed(None))?;
    Ok(pythonize(py, &doc)?)
}

/// analyze_many(texts: Iterable[str], threads: int | None = None) -> list[DocumentOut]
///
/// `analyze` of every text, in order, on `threads` threads (default: every core this process
/// may use) with the GIL released, so other Python threads run meanwhile. Inside a Spark or
/// multiprocessing worker that already has a core of its own, pass `threads=1`.
///
/// Raises TypeError if `texts` is a str or bytes or an item is not a str, ValueError if
/// `threads` is 0, AnalysisError if the analysis fails (a bug).
#[pyfunction]
#[pyo3(signature = (texts, threads=None))]
fn analyze_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err("analyze_many takes an iterable of str (for one text, call analyze)"));
    }
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
    };
    let items: Vec<Bound<'py, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
    let strings =
        items.iter().enumerate().map(|(i, item)| as_str(item, &format!("texts[{i}]"))).collect::<PyResult<Vec<_>>>()?;
    let texts = strings.iter().map(|s| text_of(s)).collect::<PyResult<Vec<Cow<str>>>>()?;
    let docs = py.detach(|| analyse_all(&texts, threads));
    docs.into_iter().enumerate().map(|(i, doc)| Ok(pythonize(py, &doc.ok_or_else(|| failed(Some(i)))?)?)).collect()
}

/// The documents of `texts`, in order, analysed on `threads` threads that each take the next
/// text when done (articles differ in length, so fixed shares would leave threads idle).
fn analyse_all<'t>(texts: &'t [Cow<'t, str>], threads: usize) -> Vec<Option<DocumentOut<'t>>> {
    let threads = threads.min(texts.len());
    if threads <= 1 {
        return texts.iter().map(|t| document(t)).collect();
    }
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(texts.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(text) = texts.get(i) else { break };
                    mine.push((i, document(text)));
                }
                done.lock().unwrap_or_else(|e| e.into_inner()).append(&mut mine);
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, doc)| doc).collect()
}

#[pymodule]
fn _quotelens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add("AnalysisError", m.py().get_type::<AnalysisError>())?;
    m.add("SCHEMA_VERSION", SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
