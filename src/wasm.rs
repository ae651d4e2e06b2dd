//! The JavaScript interface: one function, plain objects out, UTF-16 offsets.

use crate::{analyze as analyze_text, Offsets, Output, QuoteModel};
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
/** One entity mention. */
export interface Entity extends TextSpan { kind: EntityKind; group: number | null; }
/** One real-world entity: its mentions (indices into `entities`) and the role phrases that refer to it ("the president"). */
export interface Group { name: string; kind: EntityKind; mentions: number[]; references: TextSpan[]; }
/** The speaker of a quote: the mention ("he") and the name it refers to ("Joe Biden"). */
export interface Speaker extends TextSpan { name: string; group: number | null; }
/** One quotation. `parts` are its pieces: the quote itself, or each piece in quotation marks when its cue interrupts it ("“We won,” she said, “and we will win again.”"), when start..end runs over the cue too. `quoted` are the speaker's own words inside a mixed quote, each with its quotation marks ("dead on arrival" in: said the plan was "dead on arrival" unless ...); empty for the other kinds. */
export interface Quote extends TextSpan { kind: QuoteKind; cue: TextSpan | null; speaker: Speaker | null; parts: TextSpan[]; quoted: TextSpan[]; }
/** One sentence. */
export interface Sentence { start: number; end: number; }
/** How `analyzeWith` finds quotes: "all" (the default: the rules, and the learned model on every sentence with quotation marks or a likely cue, so reported speech too), "quoted" (the model only where there are quotation marks: about a sixth faster, little reported speech), or "rules" (the rules alone, fastest). */
export interface AnalyzeOptions { quotes?: "rules" | "quoted" | "all"; }
/** The analysis of one text. */
export interface Analysis { entities: Entity[]; groups: Group[]; quotes: Quote[]; sentences: Sentence[]; }
"#;

/// Analyses `text` and returns the result as a plain object, with offsets in UTF-16
/// code units so that `text.slice(start, end)` gives each span's text.
///
/// # Errors
/// A JS `Error` if the result cannot be converted (it always can; the conversion is
/// fallible only in type).
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    to_js(&analyze_text(text))
}

/// Analyses `text` as [`analyze`] does, with `options` (`{ quotes: "rules" | "quoted" |
/// "all" }`, any field left out takes its default; `undefined` for all defaults).
///
/// # Errors
/// A JS `Error` when `options` is not such an object or `quotes` no such name.
#[wasm_bindgen(js_name = analyzeWith, unchecked_return_type = "Analysis")]
pub fn analyze_with(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsError> {
    let mut model = QuoteModel::default();
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
    to_js(&crate::analyze_using(
        text,
        &crate::ner::ModelNameFinder,
        model,
    ))
}

/// A document as the plain object JavaScript gets, offsets in UTF-16 code units.
fn to_js(doc: &crate::Document) -> Result<JsValue, JsError> {
    Output::new(doc, Offsets::Utf16)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
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
        let v = analyze(text).expect("analysis");
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
            let out: serde_json::Value =
                serde_wasm_bindgen::from_value(analyze_with(text, options).expect("analysis"))
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
        assert!(analyze_with(text, with("everything".into())).is_err());
        assert!(analyze_with(text, with(5.into())).is_err());
    }

    #[wasm_bindgen_test]
    fn empty_text_gives_empty_layers() {
        let out: serde_json::Value = serde_wasm_bindgen::from_value(analyze("").unwrap()).unwrap();
        assert_eq!(out["entities"].as_array().map(Vec::len), Some(0));
        assert_eq!(out["quotes"].as_array().map(Vec::len), Some(0));
    }
}
