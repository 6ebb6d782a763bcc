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

use std::collections::BTreeSet;
use std::ffi::{CStr, CString, c_char};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};
use tl_json::{Options, Schema, Style};
use tl_parser::{Category, Definition};

use samples::{Fill, Samples};

/// The TDLib that td_api.tl of the corpus comes from.
const TDLIB_VERSION: &str = "1.8.66";
const TDLIB_COMMIT: &str = "022d60202e446ad1287b9fb68e687c8a0760788b";

/// What td_api.tl says of the functions `td_execute` runs.
const SYNCHRONOUS: &str = "Can be called synchronously";

/// TDLib's answer to any other function, once the request is parsed.
fn not_synchronous() -> Value {
    json!({"@type": "error", "code": 400, "message": "The method can't be executed synchronously"})
}

/// `const char *td_execute(const char *request)`.
type Execute = unsafe extern "C" fn(*const c_char) -> *const c_char;

/// libtdjson, loaded once for the tests of this file.
struct Tdjson {
    execute: Execute,
    _library: libloading::Library,
}

impl Tdjson {
    fn load(path: &Path) -> Result<Tdjson, libloading::Error> {
        // SAFETY: libtdjson's initializers only set TDLib up; `td_execute` has the C
        // signature of `Execute`, and the library is kept as long as the function pointer.
        unsafe {
            let library = libloading::Library::new(path)?;
            let execute = *library.get::<Execute>(b"td_execute\0")?;
            Ok(Tdjson {
                execute,
                _library: library,
            })
        }
    }

    /// Runs a request synchronously; TDLib's answer.
    fn execute(&self, request: &Value) -> Value {
        let text = CString::new(request.to_string()).expect("JSON text has no NUL byte");
        // SAFETY: a NUL-terminated request; the answer stays valid until this thread's next
        // call, and is copied at once.
        let answer = unsafe {
            let answer = (self.execute)(text.as_ptr());
            assert!(
                !answer.is_null(),
                "td_execute answered nothing to {request}"
            );
            CStr::from_ptr(answer).to_string_lossy().into_owned()
        };
        serde_json::from_str(&answer)
            .unwrap_or_else(|e| panic!("TDLib's answer is not JSON ({e}): {answer}"))
    }
}

/// Where TDLib may write: the working directory of this test process.
fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("tdlib")
}

/// libtdjson, quiet, and td_api.tl; `None` (the test is skipped) when `TL_CORPUS` or `TDJSON`
/// is not set.
fn setup() -> Option<(&'static Tdjson, PathBuf)> {
    let Some(corpus) = std::env::var_os("TL_CORPUS") else {
        println!("skipped: TL_CORPUS is not set (see docs/development.md)");
        return None;
    };
    let Some(library) = std::env::var_os("TDJSON") else {
        println!("skipped: TDJSON (the path of libtdjson.so) is not set (see docs/development.md)");
        return None;
    };
    static TDJSON: OnceLock<Tdjson> = OnceLock::new();
    let td = TDJSON.get_or_init(|| {
        let path = Path::new(&library);
        let td = Tdjson::load(path)
            .unwrap_or_else(|e| panic!("cannot load TDJSON={}: {e}", path.display()));
        // Before anything else: TDLib logs to stderr.
        let quiet = json!({"@type": "setLogVerbosityLevel", "new_verbosity_level": 0});
        assert_eq!(td.execute(&quiet), json!({"@type": "ok"}));
        std::fs::create_dir_all(scratch()).unwrap();
        std::env::set_current_dir(scratch()).unwrap();
        for (option, expected) in [("version", TDLIB_VERSION), ("commit_hash", TDLIB_COMMIT)] {
            let answer = td.execute(&json!({"@type": "getOption", "name": option}));
            assert_eq!(
                answer["value"], expected,
                "TDJSON is not the TDLib of the corpus' td_api.tl: {option} {answer}"
            );
        }
        td
    });
    Some((td, PathBuf::from(corpus).join("tdlib/td_api.tl")))
}

fn tdlib_schema(text: &str) -> Schema {
    let mut options = Options::default();
    options.style = Style::Tdlib;
    Schema::from_sources(&[("td_api.tl", text)])
        .unwrap()
        .with_options(options)
}

fn is_synchronous(def: &Definition) -> bool {
    def.category == Category::Function && def.docs.iter().any(|line| line.contains(SYNCHRONOUS))
}

/// Reads TDLib's answer as a value of `ty` through the schema: TDLib style JSON -> bytes ->
/// JSON must give it back. (The place to read it into generated types as well, once their
/// serde impls write the TDLib style.)
fn read_answer(schema: &Schema, ty: &str, answer: &Value) -> Result<(), String> {
    let ty = schema.parse_type(ty).map_err(|e| e.to_string())?;
    let bytes = schema.encode_as(&ty, answer).map_err(|e| e.to_string())?;
    let again = schema.decode_as(&ty, &bytes).map_err(|e| e.to_string())?;
    if again != *answer {
        return Err(format!("read back as {again}"));
    }
    Ok(())
}

fn formatted(text: &str, entities: Value) -> Value {
    json!({"@type": "formattedText", "text": text, "entities": entities})
}

fn entity(offset: i32, length: i32, ty: &str) -> Value {
    json!({"@type": "textEntity", "offset": offset, "length": length, "type": {"@type": ty}})
}

/// A request to run and TDLib's answer, exactly.
struct Case {
    request: Value,
    answer: Value,
}

/// Every synchronous function with real arguments, in the order they run: the log settings
/// are changed (to a file of the scratch directory) and set back.
fn synchronous_cases(scratch: &Path) -> Vec<Case> {
    let log_file = scratch.join("td.log").display().to_string();
    let log_stream_file = json!({"@type": "logStreamFile", "path": log_file,
        "max_file_size": 1 << 20, "redirect_stderr": false});
    let ok = json!({"@type": "ok"});
    let text = |text: &str| json!({"@type": "text", "text": text});
    let verbosity = |level: i32| json!({"@type": "logVerbosityLevel", "verbosity_level": level});
    let bold_italic = formatted(
        "bold italic",
        json!([
            entity(0, 4, "textEntityTypeBold"),
            entity(5, 6, "textEntityTypeItalic")
        ]),
    );
    let cases = [
        (
            json!({"@type": "getTextEntities",
                "text": "@durov see https://telegram.org #tdlib $USD /start@bot mail@example.com 4242424242424242"}),
            json!({"@type": "textEntities", "entities": [
                entity(0, 6, "textEntityTypeMention"),
                entity(11, 20, "textEntityTypeUrl"),
                entity(32, 6, "textEntityTypeHashtag"),
                entity(39, 4, "textEntityTypeCashtag"),
                entity(44, 10, "textEntityTypeBotCommand"),
                entity(55, 16, "textEntityTypeEmailAddress"),
                entity(72, 16, "textEntityTypeBankCardNumber"),
            ]}),
        ),
        (
            json!({"@type": "parseTextEntities",
                "text": "<b>bold</b> <i>it</i> <code>x</code> <a href=\"https://t.me\">t</a>",
                "parse_mode": {"@type": "textParseModeHTML"}}),
            formatted(
                "bold it x t",
                json!([
                    entity(0, 4, "textEntityTypeBold"),
                    entity(5, 2, "textEntityTypeItalic"),
                    entity(8, 1, "textEntityTypeCode"),
                    {"@type": "textEntity", "offset": 10, "length": 1,
                        "type": {"@type": "textEntityTypeTextUrl", "url": "https://t.me/"}},
                ]),
            ),
        ),
        (
            json!({"@type": "parseTextEntities", "text": "*b* _i_ `c`",
                "parse_mode": {"@type": "textParseModeMarkdown", "version": 2}}),
            formatted(
                "b i c",
                json!([
                    entity(0, 1, "textEntityTypeBold"),
                    entity(2, 1, "textEntityTypeItalic"),
                    entity(4, 1, "textEntityTypeCode"),
                ]),
            ),
        ),
        (
            json!({"@type": "parseMarkdown",
                "text": formatted("**bold** __italic__ ~~strike~~ `code`", json!([]))}),
            formatted(
                "bold italic strike code",
                json!([
                    entity(0, 4, "textEntityTypeBold"),
                    entity(5, 6, "textEntityTypeItalic"),
                    entity(12, 6, "textEntityTypeStrikethrough"),
                    entity(19, 4, "textEntityTypeCode"),
                ]),
            ),
        ),
        (
            json!({"@type": "getMarkdownText", "text": bold_italic}),
            formatted("**bold** __italic__", json!([])),
        ),
        (
            json!({"@type": "searchQuote", "text": formatted("hello world", json!([])),
                "quote": formatted("world", json!([])), "quote_position": 0}),
            json!({"@type": "foundPosition", "position": 6}),
        ),
        (
            json!({"@type": "getJsonValue", "json": r#"{"a":[1,2.5,null,true,"s"],"b":{}}"#}),
            json!({"@type": "jsonValueObject", "members": [
                {"@type": "jsonObjectMember", "key": "a", "value": {"@type": "jsonValueArray", "values": [
                    {"@type": "jsonValueNumber", "value": 1.0},
                    {"@type": "jsonValueNumber", "value": 2.5},
                    {"@type": "jsonValueNull"},
                    {"@type": "jsonValueBoolean", "value": true},
                    {"@type": "jsonValueString", "value": "s"},
                ]}},
                {"@type": "jsonObjectMember", "key": "b",
                    "value": {"@type": "jsonValueObject", "members": []}},
            ]}),
        ),
        (
            json!({"@type": "getJsonString", "json_value": {"@type": "jsonValueObject", "members": [
                {"@type": "jsonObjectMember", "key": "a", "value": {"@type": "jsonValueArray", "values": [
                    {"@type": "jsonValueNumber", "value": 2.5},
                    {"@type": "jsonValueNull"},
                    {"@type": "jsonValueBoolean", "value": false},
                    {"@type": "jsonValueString", "value": "s"},
                ]}},
            ]}}),
            text(r#"{"a":[2.500000,null,false,"s"]}"#),
        ),
        (
            json!({"@type": "getThemeParametersJsonString", "theme": {"@type": "themeParameters",
                "background_color": 0xffffff, "secondary_background_color": 0,
                "header_background_color": 1, "bottom_bar_background_color": 2,
                "section_background_color": 3, "section_separator_color": 4, "text_color": 5,
                "accent_text_color": 6, "section_header_text_color": 7,
                "subtitle_text_color": 8, "destructive_text_color": 9, "hint_color": 10,
                "link_color": 11, "button_color": 12, "button_text_color": 13}}),
            text(concat!(
                r##"{"bg_color":"#ffffff","secondary_bg_color":"#000000","text_color":"#000005","##,
                r##""hint_color":"#00000a","link_color":"#00000b","button_color":"#00000c","##,
                r##""button_text_color":"#00000d","header_bg_color":"#000001","##,
                r##""bottom_bar_bg_color":"#000002","section_bg_color":"#000003","##,
                r##""section_separator_color":"#000004","accent_text_color":"#000006","##,
                r##""section_header_text_color":"#000007","subtitle_text_color":"#000008","##,
                r##""destructive_text_color":"#000009"}"##
            )),
        ),
        (
            json!({"@type": "getFileMimeType", "file_name": "photo.JPG"}),
            text("image/jpeg"),
        ),
        (
            json!({"@type": "getFileExtension", "mime_type": "audio/ogg"}),
            text("oga"),
        ),
        (
            json!({"@type": "cleanFileName", "file_name": "../a/b:c?.txt"}),
            text("b c.txt"),
        ),
        (
            json!({"@type": "getCountryFlagEmoji", "country_code": "FR"}),
            text("\u{1f1eb}\u{1f1f7}"),
        ),
        (
            json!({"@type": "searchStringsByPrefix", "strings": ["Hello world", "help", "world"],
                "query": "wor", "limit": 10, "return_none_for_empty_query": true}),
            json!({"@type": "foundPositions", "total_count": 2, "positions": [0, 2]}),
        ),
        (
            json!({"@type": "checkQuickReplyShortcutName", "name": "hello"}),
            ok.clone(),
        ),
        (
            // The icon is null: left out.
            json!({"@type": "getChatFolderDefaultIconName", "folder": {"@type": "chatFolder",
                "name": {"@type": "chatFolderName", "text": formatted("Work", json!([])),
                    "animate_custom_emoji": false},
                "color_id": -1, "is_shareable": false, "pinned_chat_ids": [],
                "included_chat_ids": [], "excluded_chat_ids": [], "exclude_muted": false,
                "exclude_read": false, "exclude_archived": false, "include_contacts": false,
                "include_non_contacts": false, "include_bots": true, "include_groups": false,
                "include_channels": false}}),
            json!({"@type": "chatFolderIcon", "name": "Bots"}),
        ),
        (
            json!({"@type": "getPhoneNumberInfoSync", "language_code": "en",
                "phone_number_prefix": "+1 212"}),
            json!({"@type": "phoneNumberInfo", "country": {"@type": "countryInfo",
                "country_code": "US", "name": "USA", "english_name": "USA",
                "flag_emoji": "\u{1f1fa}\u{1f1f8}", "is_hidden": false, "calling_codes": ["1"]},
                "country_calling_code": "1", "formatted_phone_number": "212 --- ----",
                "is_anonymous": false}),
        ),
        (
            // No country: TDLib leaves the null object out.
            json!({"@type": "getPhoneNumberInfoSync", "language_code": "en",
                "phone_number_prefix": "+999"}),
            json!({"@type": "phoneNumberInfo", "country_calling_code": "",
                "formatted_phone_number": "999", "is_anonymous": false}),
        ),
        (
            // An int64 answer: a decimal string.
            json!({"@type": "getPushReceiverId", "payload": "{}"}),
            json!({"@type": "pushReceiverId", "id": "0"}),
        ),
        (
            json!({"@type": "getOption", "name": "version"}),
            json!({"@type": "optionValueString", "value": TDLIB_VERSION}),
        ),
        (
            // No language pack in this database: the documented 404.
            json!({"@type": "getLanguagePackString",
                "language_pack_database_path": scratch.join("language-pack.sqlite").display().to_string(),
                "localization_target": "android", "language_pack_id": "en", "key": "Cancel"}),
            json!({"@type": "error", "code": 404, "message": "Not Found"}),
        ),
        (
            json!({"@type": "testReturnError",
                "error": {"@type": "error", "code": 406, "message": "TEST"}}),
            json!({"@type": "error", "code": 406, "message": "TEST"}),
        ),
        (
            json!({"@type": "getLogStream"}),
            json!({"@type": "logStreamDefault"}),
        ),
        (
            json!({"@type": "getLogTags"}),
            json!({"@type": "logTags", "tags": ["actor", "binlog", "config_recoverer",
                "connections", "dc", "dns_resolver", "fd", "file_gc", "file_loader",
                "file_references", "get_difference", "mtproto", "net_query", "notifications",
                "proxy", "raw_mtproto", "sqlite", "td_init", "td_requests", "update_file"]}),
        ),
        (
            json!({"@type": "getLogTagVerbosityLevel", "tag": "actor"}),
            verbosity(14),
        ),
        (
            json!({"@type": "setLogTagVerbosityLevel", "tag": "actor", "new_verbosity_level": 1}),
            ok.clone(),
        ),
        (
            json!({"@type": "getLogTagVerbosityLevel", "tag": "actor"}),
            verbosity(1),
        ),
        (
            json!({"@type": "setLogTagVerbosityLevel", "tag": "actor", "new_verbosity_level": 14}),
            ok.clone(),
        ),
        (
            json!({"@type": "setLogStream", "log_stream": log_stream_file.clone()}),
            ok.clone(),
        ),
        (json!({"@type": "getLogStream"}), log_stream_file),
        (
            json!({"@type": "setLogVerbosityLevel", "new_verbosity_level": 2}),
            ok.clone(),
        ),
        (json!({"@type": "getLogVerbosityLevel"}), verbosity(2)),
        (
            // Level 2, warnings: a message of level 0 is fatal, and aborts the process.
            json!({"@type": "addLogMessage", "verbosity_level": 2, "text": LOG_LINE}),
            ok.clone(),
        ),
        (
            json!({"@type": "setLogVerbosityLevel", "new_verbosity_level": 0}),
            ok.clone(),
        ),
        (
            json!({"@type": "setLogStream", "log_stream": {"@type": "logStreamDefault"}}),
            ok.clone(),
        ),
        (json!({"@type": "getLogVerbosityLevel"}), verbosity(0)),
    ];
    cases
        .into_iter()
        .map(|(request, answer)| Case { request, answer })
        .collect()
}

/// What `addLogMessage` writes to the log file.
const LOG_LINE: &str = "tl-json: a line from the TDLib check";

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
    let covered: BTreeSet<&str> = cases
        .iter()
        .map(|c| c.request["@type"].as_str().unwrap())
        .collect();
    assert_eq!(
        covered, documented,
        "a case for every function documented \"{SYNCHRONOUS}\""
    );
    let _ = std::fs::remove_file(scratch().join("td.log"));
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
        // `@extra` comes back with the answer.
        let mut request = case.request.clone();
        request["@extra"] = index.into();
        let mut answer = td.execute(&request);
        let extra = answer.as_object_mut().and_then(|a| a.remove("@extra"));
        if extra != Some(index.into()) {
            failures.push(format!("{name}: @extra came back as {extra:?}"));
        }
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
    let log = std::fs::read_to_string(scratch().join("td.log")).unwrap_or_default();
    if !log.contains(LOG_LINE) {
        failures.push(format!("addLogMessage: the log file has {log:?}"));
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
