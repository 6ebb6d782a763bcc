//! What the TDLib tests share: libtdjson (TDLib 1.8.66, built from the commit of the corpus'
//! td_api.tl), loaded at run time from the path in `TDJSON` and called through `td_execute`
//! only, and a real request to every function that td_api.tl documents as callable
//! synchronously, with TDLib's answer. Used by tl-json's `tests/tdlib.rs` (through the
//! schema) and, with `#[path]`, by tl-tests' `tests/tdlib_generated.rs` (through generated
//! types).

use std::collections::BTreeSet;
use std::ffi::{CStr, CString, c_char};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};

mod synchronous;
pub use synchronous::{SYNCHRONOUS, is_synchronous};

/// The TDLib that td_api.tl of the corpus comes from.
pub const TDLIB_VERSION: &str = "1.8.66";
pub const TDLIB_COMMIT: &str = "022d60202e446ad1287b9fb68e687c8a0760788b";

/// `const char *td_execute(const char *request)`.
type Execute = unsafe extern "C" fn(*const c_char) -> *const c_char;

/// libtdjson, loaded once for the tests of a test binary.
pub struct Tdjson {
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
    pub fn execute(&self, request: &Value) -> Value {
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

impl Tdjson {
    /// Runs `request` with `"@extra": extra`, which TDLib must give back with its answer:
    /// the answer, `"@extra"` included, or what is wrong with it.
    pub fn execute_tagged(&self, request: &Value, extra: usize) -> Result<Value, String> {
        let mut request = request.clone();
        request["@extra"] = extra.into();
        let answer = self.execute(&request);
        match answer.get("@extra") {
            Some(tag) if *tag == extra => Ok(answer),
            tag => Err(format!("@extra came back as {tag:?} in {answer}")),
        }
    }
}

/// `answer` without its `"@extra"`.
pub fn untagged(answer: &Value) -> Value {
    let mut answer = answer.clone();
    if let Some(object) = answer.as_object_mut() {
        object.remove("@extra");
    }
    answer
}

/// The names of the synchronous functions: those of `cases`, which must be those documented.
pub fn covered<'a>(cases: &'a [Case], documented: &BTreeSet<&str>) -> BTreeSet<&'a str> {
    let covered: BTreeSet<&str> = cases
        .iter()
        .map(|c| c.request["@type"].as_str().unwrap())
        .collect();
    assert_eq!(
        &covered, documented,
        "a case for every function documented \"{SYNCHRONOUS}\""
    );
    covered
}

/// Fails with every failure of the cases, if any.
pub fn assert_none_failed(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The log file that the cases make TDLib write, removed before they run.
pub fn remove_log() {
    let _ = std::fs::remove_file(scratch().join("td.log"));
}

/// What is wrong with the log file after the cases ran: `addLogMessage`'s line must be in it.
pub fn log_failure() -> Option<String> {
    let log = std::fs::read_to_string(scratch().join("td.log")).unwrap_or_default();
    (!log.contains(LOG_LINE)).then(|| format!("addLogMessage: the log file has {log:?}"))
}

/// Where TDLib may write: the working directory of this test process.
pub fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("tdlib")
}

/// libtdjson, quiet, with the scratch directory as the working directory, and the path of
/// td_api.tl; `None` (the test is skipped) when `TL_CORPUS` or `TDJSON`
/// is not set.
pub fn setup() -> Option<(&'static Tdjson, PathBuf)> {
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

/// td_api.tl (its `text`) in tl-json's TDLib style.
pub fn tdlib_schema(text: &str) -> tl_json::Schema {
    let mut options = tl_json::Options::default();
    options.style = tl_json::Style::Tdlib;
    tl_json::Schema::from_sources(&[("td_api.tl", text)])
        .unwrap()
        .with_options(options)
}

fn formatted(text: &str, entities: Value) -> Value {
    json!({"@type": "formattedText", "text": text, "entities": entities})
}

fn entity(offset: i32, length: i32, ty: &str) -> Value {
    json!({"@type": "textEntity", "offset": offset, "length": length, "type": {"@type": ty}})
}

/// A request to run and TDLib's answer, exactly (`"@extra"` left out).
pub struct Case {
    pub request: Value,
    pub answer: Value,
}

/// Every synchronous function with real arguments, in the order they run: the log settings
/// are changed (to a file of the scratch directory) and set back.
pub fn synchronous_cases(scratch: &Path) -> Vec<Case> {
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
pub const LOG_LINE: &str = "tl-json: a line from the TDLib check";
