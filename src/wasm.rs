//! The JavaScript interface: one function, plain objects out, UTF-16 offsets.
//!
//! A JavaScript string may hold half of a surrogate pair, which is no character and
//! has no UTF-8 form: the analysis reads U+FFFD in its place (one UTF-16 unit too, so
//! every offset holds), and each span's `text` is then cut from the string given, so
//! that `text.slice(start, end) === span.text` whatever the string.

use crate::{analyze_with as analyze_doc, command, Offsets, Options, QuoteMode, Written};
use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A kind of entity. */
export type EntityKind = "person" | "organization" | "location" | "misc" | "date" | "time" | "money" | "percent" | "number";
/** A kind of quotation. */
export type QuoteKind = "direct" | "partial" | "mixed" | "indirect";
/** A span of the text: `text.slice(start, end) === span.text` (UTF-16 code units). */
export interface TextSpan { start: number; end: number; text: string; }
/** One entity mention; `confidence` is the probability that a name is right (span and kind, calibrated on CoNLL-2003, GUM and UNER English-EWT dev), null for numbers, dates and names of rules alone. */
export interface Entity extends TextSpan { kind: EntityKind; group: number | null; confidence: number | null; }
/** One real-world entity: its mentions (indices into `entities`) and the role phrases that refer to it ("the president"). */
export interface Group { name: string; kind: EntityKind; mentions: number[]; references: TextSpan[]; }
/** The speaker of a quote: the mention ("he") and the name it refers to ("Joe Biden"). */
export interface Speaker extends TextSpan { name: string; group: number | null; }
/** One quotation. `parts` are its pieces: the quote itself, or each piece in quotation marks when its cue interrupts it ("“We won,” she said, “and we will win again.”"), when start..end runs over the cue too. `quoted` are the speaker's own words inside a mixed quote, each with its quotation marks ("dead on arrival" in: said the plan was "dead on arrival" unless ...); empty for the other kinds. `confidence` is the probability (two decimals) that these are someone's words as found and said by `speaker` (no one, where it is null), calibrated on PolNeAR dev. */
export interface Quote extends TextSpan { kind: QuoteKind; cue: TextSpan | null; speaker: Speaker | null; confidence: number; parts: TextSpan[]; quoted: TextSpan[]; }
/** One sentence. */
export interface Sentence { start: number; end: number; }
/** How `analyzeWith` finds quotes: "all" (the default: the rules, and the learned model on every sentence with quotation marks or a likely cue, so reported speech too), "quoted" (the model only where there are quotation marks: about a sixth faster, little reported speech), or "rules" (the rules alone, fastest). */
export interface AnalyzeOptions { quotes?: "rules" | "quoted" | "all"; }
/** A person or organisation: how often the text names it (role phrases that refer to it counted) and how many quotes are its own. */
export interface Person { name: string; kind: EntityKind; group: number; mentions: number; quotes: number; }
/** One speaker's quotes: indices into `quotes`, in text order. `name` is each quote's `speaker.name`. */
export interface Said { name: string; group: number | null; quotes: number[]; }
/** The article at a glance: the people and organisations, most mentioned first; who said what, most quoted first; the quotes with no speaker (indices into `quotes`). */
export interface Summary { people: Person[]; speakers: Said[]; unattributed: number[]; }
/** The analysis of one text. */
export interface Analysis { entities: Entity[]; groups: Group[]; quotes: Quote[]; sentences: Sentence[]; summary: Summary; }
"#;

/// Analyses `text` and returns the result as a plain object, with offsets in UTF-16
/// code units so that `text.slice(start, end)` gives each span's text.
///
/// # Errors
/// A JS `Error` if the result cannot be converted (it always can; the conversion is
/// fallible only in type).
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsString,
) -> Result<JsValue, JsError> {
    run(text, QuoteMode::default())
}

/// Analyses `text` as [`analyze`] does, with `options` (`{ quotes: "rules" | "quoted" |
/// "all" }`, any field left out takes its default; `undefined` for all defaults).
///
/// # Errors
/// A JS `Error` when `options` is not such an object or `quotes` no such name.
#[wasm_bindgen(js_name = analyzeWith, unchecked_return_type = "Analysis")]
pub fn analyze_with(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsString,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsError> {
    let mut model = QuoteMode::default();
    if let Some(options) = options {
        let value = js_sys::Reflect::get(&options, &JsValue::from_str("quotes"))
            .map_err(|_| JsError::new("analyzeWith: options.quotes cannot be read"))?;
        if !value.is_undefined() {
            let name = value
                .as_string()
                .ok_or_else(|| JsError::new("analyzeWith: options.quotes must be a string"))?;
            model = name
                .parse()
                .map_err(|e: String| JsError::new(&format!("analyzeWith: {e}")))?;
        }
    }
    run(text, model)
}

/// The analysis of `text` with `model` as the plain object JavaScript gets, offsets in
/// UTF-16 code units.
fn run(text: &JsString, model: QuoteMode) -> Result<JsValue, JsError> {
    let whole = text.is_valid_utf16();
    let rust = if whole {
        String::from(text)
    } else {
        String::from_utf16_lossy(&text.iter().collect::<Vec<u16>>())
    };
    let doc = analyze_doc(&rust, &Options::default().with_quotes(model));
    let out = Written::new(&doc, Offsets::Utf16)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))?;
    if !whole {
        texts_from(&out, text).map_err(|_| JsError::new("the result cannot be completed"))?;
    }
    Ok(out)
}

/// Sets the `text` of every span of `out` to its slice of `text`.
fn texts_from(out: &JsValue, text: &JsString) -> Result<(), JsValue> {
    let get = |o: &JsValue, key: &str| Reflect::get(o, &JsValue::from_str(key));
    let each = |o: &JsValue, key: &str, f: &dyn Fn(&JsValue) -> Result<(), JsValue>| {
        Array::from(&get(o, key)?).iter().try_for_each(|x| f(&x))
    };
    let cut = |span: &JsValue| -> Result<(), JsValue> {
        if !span.is_object() {
            return Ok(()); // a quote without cue or speaker
        }
        let at = |key: &str| get(span, key).map(|v| v.as_f64().unwrap_or(0.0) as u32);
        let slice = text.slice(at("start")?, at("end")?);
        Reflect::set(span, &JsValue::from_str("text"), &slice).map(|_| ())
    };
    each(out, "entities", &cut)?;
    each(out, "groups", &|g| each(g, "references", &cut))?;
    each(out, "quotes", &|q| {
        cut(q)?;
        cut(&get(q, "cue")?)?;
        cut(&get(q, "speaker")?)?;
        each(q, "parts", &cut)?;
        each(q, "quoted", &cut)
    })
}

/// For the npm package's `newslens` command: what the Rust command prints for the
/// whole input `bytes` named `name` (`quotes`: "all", "quoted" or "rules"; `offsets`:
/// "utf8", "utf16" or "chars"; `format`: "json", "pretty" or "text"), byte for byte.
///
/// # Errors
/// A JS `Error` with the command's one-line message ("NAME: invalid UTF-8 at byte
/// N"), or naming an unknown option value.
#[wasm_bindgen(js_name = commandResult)]
pub fn command_result(
    bytes: &[u8],
    name: &str,
    quotes: &str,
    offsets: &str,
    format: &str,
) -> Result<Vec<u8>, JsError> {
    let (options, unit) = command_options(quotes, offsets)?;
    let format: command::Format = format.parse().map_err(|e: String| JsError::new(&e))?;
    let text = command::text_of(name, bytes).map_err(|e| JsError::new(&e))?;
    let doc = analyze_doc(text, &options);
    let mut out = Vec::new();
    command::write_result(&mut out, &doc, unit, format)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(out)
}

/// For the npm package's `newslens` command with `--jsonl`: the Rust command's answer
/// to line `n` of `name`, `line` (its line end may be there or not), byte for byte,
/// and the complaint for standard error when the line is bad.
///
/// # Errors
/// A JS `Error` naming an unknown option value.
#[wasm_bindgen(
    js_name = commandAnswer,
    unchecked_return_type = "{ line: Uint8Array; complaint: string | undefined }"
)]
pub fn command_answer(
    line: &[u8],
    name: &str,
    n: u32,
    quotes: &str,
    offsets: &str,
) -> Result<JsValue, JsError> {
    let (options, unit) = command_options(quotes, offsets)?;
    let answer = command::answer(name, n as usize, line, &options, unit)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let out = js_sys::Object::new();
    let line = js_sys::Uint8Array::from(answer.line.as_slice()).into();
    let complaint = answer.complaint.map_or(JsValue::UNDEFINED, JsValue::from);
    for (key, value) in [("line", line), ("complaint", complaint)] {
        Reflect::set(&out, &JsValue::from_str(key), &value)
            .map_err(|_| JsError::new("the answer cannot be built"))?;
    }
    Ok(out.into())
}

/// The options the command's `--quotes` and `--offsets` name.
fn command_options(quotes: &str, offsets: &str) -> Result<(Options, Offsets), JsError> {
    let mode: QuoteMode = quotes.parse().map_err(|e: String| JsError::new(&e))?;
    let unit: Offsets = offsets.parse().map_err(|e: String| JsError::new(&e))?;
    Ok((Options::default().with_quotes(mode), unit))
}

/// The version of newslens.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn returns_plain_objects_with_utf16_offsets() {
        // The flag is 4 UTF-16 units, the curly quotes 1 each.
        let text = "🇺🇦\n\n“We will win,” Olena Koval said, “and 🇺🇦 will stay.”";
        let v = analyze(&JsString::from(text)).expect("analysis");
        let out: serde_json::Value =
            serde_wasm_bindgen::from_value(v.clone()).expect("plain object");
        let q = &out["quotes"][0];
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let slice = |s: &serde_json::Value| {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            String::from_utf16(&utf16[a..b]).unwrap()
        };
        assert_eq!(
            slice(q),
            "“We will win,” Olena Koval said, “and 🇺🇦 will stay.”"
        );
        assert_eq!(slice(&q["parts"][0]), "“We will win,”");
        assert_eq!(slice(&q["parts"][1]), "“and 🇺🇦 will stay.”");
        assert_eq!(q["parts"][1]["text"], "“and 🇺🇦 will stay.”");
        assert_eq!(q["speaker"]["name"], "Olena Koval");
        assert_eq!(slice(&q["speaker"]), "Olena Koval");
        assert!(v.is_object());
    }

    #[wasm_bindgen_test]
    fn options_choose_how_quotes_are_found() {
        let text = "Power was cut to 80,000 homes overnight, the Electricity Supply Board said.";
        let quotes = |options: Option<js_sys::Object>| -> Vec<String> {
            let out: serde_json::Value = serde_wasm_bindgen::from_value(
                analyze_with(&JsString::from(text), options).expect("analysis"),
            )
            .expect("plain object");
            out["quotes"]
                .as_array()
                .expect("quotes")
                .iter()
                .map(|q| format!("{} {}", q["kind"], q["speaker"]["name"]))
                .collect()
        };
        let with = |value: serde_json::Value| -> Option<js_sys::Object> {
            use wasm_bindgen::JsCast;
            let o = serde_json::json!({ "quotes": value });
            Some(
                o.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                    .expect("an object")
                    .unchecked_into(),
            )
        };
        let reported = ["\"indirect\" \"Electricity Supply Board\""];
        assert_eq!(quotes(None), reported);
        assert_eq!(quotes(Some(js_sys::Object::new())), reported);
        assert_eq!(quotes(with("all".into())), reported);
        assert!(quotes(with("quoted".into())).is_empty());
        let text = JsString::from(text);
        assert!(analyze_with(&text, with("everything".into())).is_err());
        assert!(analyze_with(&text, with(5.into())).is_err());
    }

    #[wasm_bindgen_test]
    fn every_span_is_its_slice_of_a_string_with_half_a_surrogate_pair() {
        // “Nous partons,” dit Ana Ruiz à Kyiv <lone high surrogate> 🇺🇦 <lone low one>.
        let mut units: Vec<u16> = "\u{201c}Nous partons,\u{201d} said Ana Ruiz in Kyiv "
            .encode_utf16()
            .collect();
        units.push(0xd800);
        units.extend(" 🇺🇦 said Olena Koval, \"and we ".encode_utf16());
        units.push(0xdc00);
        units.extend(" stay.\"".encode_utf16());
        let text = JsString::from_char_code(&units);
        assert!(!text.is_valid_utf16());
        let out = analyze(&text).expect("analysis");
        let mut spans = 0;
        let check = |span: &JsValue| {
            let at = |key: &str| Reflect::get(span, &key.into()).unwrap().as_f64().unwrap() as u32;
            let got = Reflect::get(span, &"text".into()).unwrap();
            assert_eq!(JsValue::from(text.slice(at("start"), at("end"))), got);
        };
        let list = |o: &JsValue, key: &str| Array::from(&Reflect::get(o, &key.into()).unwrap());
        for e in list(&out, "entities").iter() {
            check(&e);
            spans += 1;
        }
        for q in list(&out, "quotes").iter() {
            check(&q);
            for p in list(&q, "parts").iter() {
                check(&p);
            }
            let speaker = Reflect::get(&q, &"speaker".into()).unwrap();
            if speaker.is_object() {
                check(&speaker);
            }
            spans += 1;
        }
        assert!(spans >= 4, "names and quotes found: {spans}");
        // The quote that holds the low surrogate holds it in its text.
        let last = list(&out, "quotes").pop();
        let quoted = Reflect::get(&last, &"text".into()).unwrap();
        let quoted = JsString::from(quoted);
        assert!(quoted.iter().any(|u| u == 0xdc00), "{quoted:?}");
    }

    #[wasm_bindgen_test]
    fn empty_text_gives_empty_layers() {
        let out: serde_json::Value =
            serde_wasm_bindgen::from_value(analyze(&JsString::from("")).unwrap()).unwrap();
        assert_eq!(out["entities"].as_array().map(Vec::len), Some(0));
        assert_eq!(out["quotes"].as_array().map(Vec::len), Some(0));
    }
}
