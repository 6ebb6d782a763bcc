//! The TDLib style against TDLib itself: libtdjson (TDLib 1.8.66, built from the commit of
//! the corpus' td_api.tl), loaded at run time from the path in `TDJSON` (`.ci/run` downloads
//! it: docs/development.md), called through `td_execute` only: a client (`td_create_client_id`,
//! `td_send`) may open network connections.
//!
//! - Every function that td_api.tl documents as callable synchronously gets a real request in
//!   our JSON; TDLib's answer must read back through the schema as the function's return type,
//!   and is checked value for value.
//! - Every other function gets our JSON of two samples (every object set; the outermost ones
//!   null), which TDLib must parse: it answers that the method can't be executed
//!   synchronously, never that it failed to parse the request.
//! - As a control, forms that are not ours (the TL style's `"_"`, unpadded base64, bytes as
//!   numbers, `"NaN"` for a double) get TDLib's parse error, and the codec refuses them too.
//!
//! Requests that write files (`setLogStream`, `getLanguagePackString`) write them in a scratch
//! directory, the working directory of this test process.

mod samples;
mod tdjson;

use std::collections::BTreeSet;

use serde_json::{Value, json};
use tl_json::Schema;
use tl_parser::{Category, Definition};

use samples::{Fill, Samples};
use tdjson::{
    assert_none_failed, covered, is_synchronous, log_failure, remove_log, scratch, setup,
    synchronous_cases, tdlib_schema, untagged,
};

/// TDLib's answer to any other function, once the request is parsed.
fn not_synchronous() -> Value {
    json!({"@type": "error", "code": 400, "message": "The method can't be executed synchronously"})
}

/// Reads TDLib's answer as a value of `ty` through the schema: TDLib style JSON -> bytes ->
/// JSON must give it back. (tl-tests' `tests/tdlib_generated.rs` reads it into generated
/// types.)
fn read_answer(schema: &Schema, ty: &str, answer: &Value) -> Result<(), String> {
    let ty = schema.parse_type(ty).map_err(|e| e.to_string())?;
    let bytes = schema.encode_as(&ty, answer).map_err(|e| e.to_string())?;
    let again = schema.decode_as(&ty, &bytes).map_err(|e| e.to_string())?;
    if again != *answer {
        return Err(format!("read back as {again}"));
    }
    Ok(())
}

#[test]
fn synchronous_functions_answer_in_our_json() {
    let Some((td, td_api)) = setup() else { return };
    let text = std::fs::read_to_string(&td_api).unwrap();
    let parsed = tl_parser::parse("td_api.tl", &text, &Default::default()).unwrap();
    let schema = tdlib_schema(&text);
    let functions: Vec<&Definition> = parsed
        .definitions
        .iter()
        .filter(|d| is_synchronous(d))
        .collect();
    let cases = synchronous_cases(&scratch());
    let documented: BTreeSet<&str> = functions.iter().map(|d| d.name).collect();
    covered(&cases, &documented);
    remove_log();
    let mut failures = Vec::new();
    let mut answered_errors = BTreeSet::new();
    for (index, case) in cases.iter().enumerate() {
        let name = case.request["@type"].as_str().unwrap();
        let def = functions.iter().find(|d| d.name == name).unwrap();
        // Our JSON: the request is what the codec writes for its bytes.
        let bytes = schema
            .encode(&case.request)
            .unwrap_or_else(|e| panic!("{name}: the request is not our JSON: {e}"));
        assert_eq!(schema.decode_function(&bytes).unwrap(), case.request);
        let answer = match td.execute_tagged(&case.request, index) {
            Ok(answer) => untagged(&answer),
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        if answer != case.answer {
            failures.push(format!("{name}: answered {answer}, not {}", case.answer));
        }
        let returns = def.result.full_name();
        let ty = match answer["@type"].as_str() {
            Some("error") if returns != "Error" => {
                answered_errors.insert(name);
                "Error".to_owned()
            }
            _ => returns,
        };
        if let Err(e) = read_answer(&schema, &ty, &answer) {
            failures.push(format!("{name}: the answer {answer} is no {ty}: {e}"));
        }
    }
    failures.extend(log_failure());
    assert_none_failed(&failures);
    assert_eq!(answered_errors, BTreeSet::from(["getLanguagePackString"]));
    println!(
        "{} synchronous functions answered as their return type ({} requests; {} with an error, as expected)",
        documented.len(),
        cases.len(),
        answered_errors.len()
    );
    assert!(documented.len() >= 28, "{documented:?}");
}

#[test]
fn tdlib_parses_our_json_of_every_other_function() {
    let Some((td, td_api)) = setup() else { return };
    let text = std::fs::read_to_string(&td_api).unwrap();
    let parsed = [tl_parser::parse("td_api.tl", &text, &Default::default()).unwrap()];
    let schema = tdlib_schema(&text);
    let mut samples = Samples::new(&parsed);
    samples.tdlib = true;
    let mut failures = Vec::new();
    let mut functions = 0;
    for index in 0..samples.defs.len() {
        let def = samples.defs[index];
        if def.category != Category::Function || is_synchronous(def) {
            continue;
        }
        functions += 1;
        for fill in [Fill::All, Fill::None] {
            let mut bytes = Vec::new();
            samples.def_bytes(index, true, fill, 0, &mut bytes).unwrap();
            let request = schema
                .decode_function(&bytes)
                .unwrap_or_else(|e| panic!("{}: a sample does not decode: {e}", def.name));
            assert_eq!(schema.encode(&request).unwrap(), bytes, "{request}");
            let answer = td.execute(&request);
            if answer != not_synchronous() {
                failures.push(format!("{}: {request}\n  answered {answer}", def.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} requests not parsed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("TDLib parsed our JSON of 2 samples of each of {functions} other functions");
    assert!(functions > 900, "{functions}");
}

#[test]
fn tdlib_answers_a_parse_error_to_other_forms() {
    let Some((td, td_api)) = setup() else { return };
    let schema = tdlib_schema(&std::fs::read_to_string(&td_api).unwrap());
    let ours = json!({"@type": "getCallbackQueryAnswer", "chat_id": 1, "message_id": 2,
        "payload": {"@type": "callbackQueryPayloadData", "data": "AAEC/w=="}});
    let bytes = schema.encode(&ours).unwrap();
    assert_eq!(schema.decode_function(&bytes).unwrap(), ours);
    assert_eq!(td.execute(&ours), not_synchronous());
    let parse_error = |reason: &str| {
        let message = format!("Failed to parse JSON object as TDLib request: {reason}");
        json!({"@type": "error", "code": 400, "message": message})
    };
    // TL style's key; base64 without its padding; bytes as numbers (serde's default form); a
    // double as TL JSON writes NaN.
    let mut tl_style = ours.clone();
    let object = tl_style.as_object_mut().unwrap();
    let name = object.remove("@type").unwrap();
    object.insert("_".into(), name);
    let mut unpadded = ours.clone();
    unpadded["payload"]["data"] = "AAEC/w".into();
    let mut numbers = ours.clone();
    numbers["payload"]["data"] = json!([0, 1, 2, 255]);
    let nan = json!({"@type": "getJsonString",
        "json_value": {"@type": "jsonValueNumber", "value": "NaN"}});
    for (request, reason) in [
        (tl_style, "Can't find field \"@type\""),
        (unpadded, "Wrong padding length"),
        (numbers, "Expected String, but receive Array"),
        (nan, "Expected Number, but receive String"),
    ] {
        assert_eq!(td.execute(&request), parse_error(reason), "{request}");
        // What TDLib cannot read is not our JSON either.
        let ours = schema.encode(&request);
        assert!(ours.is_err(), "encoded {request}");
    }
}
