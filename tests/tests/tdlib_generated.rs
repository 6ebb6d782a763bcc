//! TDLib's answers read into generated types: for every function that td_api.tl documents as
//! callable synchronously, the request of each case of tl-json's TDLib test (shared through
//! `#[path]`) is read into the generated function struct, written back with serde_json (our
//! JSON, which must be the case's request), and sent through `td_execute`; TDLib's answer is
//! read into the function's `Return` type (or the generated `Error`, when TDLib answers an
//! error), written back (which must give TDLib's answer and the case's), and encoded and
//! decoded to the same value. The bytes of the request and of the answer must be those of
//! tl-json's TDLib style (every object with its id, a null one `null#56730bcc`).
//!
//! The bindings are `tl_tests::tdlib_sync` (td_api.tl restricted to those functions, serde in
//! TDLib's JSON, `Config::nullable_objects`), built when `TL_CORPUS` is set at build time;
//! libtdjson comes from `TDJSON` (docs/development.md). Without either the tests say so and
//! pass.

#[test]
fn synchronous_functions_answer_in_generated_types() {
    #[cfg(tdlib_sync)]
    generated::synchronous_functions();
    #[cfg(not(tdlib_sync))]
    skipped("synchronous_functions_answer_in_generated_types");
}

#[test]
fn null_objects_read_and_encode_as_tl_json_writes_them() {
    #[cfg(tdlib_sync)]
    generated::null_objects();
    #[cfg(not(tdlib_sync))]
    skipped("null_objects_read_and_encode_as_tl_json_writes_them");
}

#[cfg(not(tdlib_sync))]
fn skipped(test: &str) {
    println!(
        "skipped: TL_CORPUS was not set at build time (no td_api.tl bindings); {test} did not run"
    );
}

#[cfg(tdlib_sync)]
#[path = "../../tl-json/tests/tdjson/mod.rs"]
mod tdjson;

#[cfg(tdlib_sync)]
mod generated {
    use std::collections::{BTreeMap, BTreeSet};

    use serde_json::{Value, json};
    use tl_json::Schema;
    use tl_tests::tdlib_sync::{
        Answer, SYNCHRONOUS, Synchronous, Value as Both, Visit, enums, types, with_function,
    };
    use tl_types::json::Tagged;
    use tl_types::{Deserializable, Serializable};

    use super::tdjson::{
        Case, Tdjson, assert_none_failed, covered, is_synchronous, log_failure, remove_log,
        scratch, setup, synchronous_cases, tdlib_schema, untagged,
    };

    /// The id of `null#56730bcc`: a null object on the wire.
    const NULL_ID: u32 = 0x5673_0bcc;

    /// One case run through the generated types of its function.
    struct RoundTrip<'a> {
        td: &'a Tdjson,
        /// td_api.tl in tl-json's TDLib style, for the bytes.
        schema: &'a Schema,
        case: &'a Case,
        /// The `"@extra"` of the request.
        index: usize,
    }

    /// How a function answered.
    #[derive(Debug, PartialEq)]
    enum Answered {
        /// With its return type.
        Return,
        /// With an error, read as the generated `Error`.
        Error,
    }

    impl Visit for RoundTrip<'_> {
        type Output = Result<Answered, String>;

        fn visit<F: Synchronous>(self) -> Result<Answered, String> {
            // The request as the generated struct; our JSON is what serde writes of it.
            let request: F = serde_json::from_value(self.case.request.clone())
                .map_err(|e| format!("the request does not read: {e}"))?;
            let ours = serde_json::to_value(&request).map_err(|e| e.to_string())?;
            if ours != self.case.request {
                return Err(format!("the request is written as {ours}"));
            }
            same_after_bytes(&request)?;
            let expected = self.schema.encode(&ours).map_err(|e| e.to_string())?;
            if request.to_bytes() != expected {
                return Err(format!(
                    "the request's bytes are not tl-json's {expected:02x?}"
                ));
            }
            let answer = self.td.execute_tagged(&ours, self.index)?;
            if untagged(&answer) != self.case.answer {
                return Err(format!("answered {answer}, not {}", self.case.answer));
            }
            let is_error = answer["@type"] == "error";
            if is_error && <F::Return as Tagged>::TL_TYPE != "Error" {
                read_answer::<enums::Error>(self.schema, &answer)?;
                Ok(Answered::Error)
            } else {
                read_answer::<F::Return>(self.schema, &answer)?;
                Ok(Answered::Return)
            }
        }
    }

    /// Reads TDLib's `answer` (with its `"@extra"`, which is skipped) as a `T`, which serde
    /// must write as TDLib did, and which must encode as tl-json does and decode to itself.
    fn read_answer<T: Answer>(schema: &Schema, answer: &Value) -> Result<(), String> {
        let value: T = serde_json::from_value(answer.clone())
            .map_err(|e| format!("the answer {answer} does not read as {}: {e}", T::TL_TYPE))?;
        let again = serde_json::to_value(&value).map_err(|e| e.to_string())?;
        if again != untagged(answer) {
            return Err(format!("the answer {answer} is written back as {again}"));
        }
        let ty = schema.parse_type(T::TL_TYPE).map_err(|e| e.to_string())?;
        let expected = schema.encode_as(&ty, &again).map_err(|e| e.to_string())?;
        if value.to_bytes() != expected {
            return Err(format!(
                "the answer's bytes are not tl-json's {expected:02x?}"
            ));
        }
        same_after_bytes(&value)
    }

    /// `value` encoded and decoded must be `value`.
    fn same_after_bytes<T: Both>(value: &T) -> Result<(), String> {
        let bytes = value.to_bytes();
        match T::from_bytes(&bytes) {
            Ok(again) if again == *value => Ok(()),
            Ok(again) => Err(format!("{value:?} decodes from its bytes as {again:?}")),
            Err(e) => Err(format!("{value:?} does not decode from its bytes: {e}")),
        }
    }

    pub fn synchronous_functions() {
        let Some((td, td_api)) = setup() else { return };
        let text = std::fs::read_to_string(&td_api).unwrap();
        let parsed = tl_parser::parse("td_api.tl", &text, &Default::default()).unwrap();
        let documented: BTreeSet<&str> = parsed
            .definitions
            .iter()
            .filter(|d| is_synchronous(d))
            .map(|d| d.name)
            .collect();
        // The bindings are of the td_api.tl the test runs with.
        assert_eq!(
            SYNCHRONOUS.iter().copied().collect::<BTreeSet<_>>(),
            documented
        );
        let schema = tdlib_schema(&text);
        let cases = synchronous_cases(&scratch());
        covered(&cases, &documented);
        remove_log();
        let mut failures = Vec::new();
        // Per function: its requests and how they were answered.
        let mut answers: BTreeMap<&str, Vec<Answered>> = BTreeMap::new();
        for (index, case) in cases.iter().enumerate() {
            let name = case.request["@type"].as_str().unwrap();
            let round_trip = RoundTrip {
                td,
                schema: &schema,
                case,
                index,
            };
            match with_function(name, round_trip) {
                Some(Ok(answered)) => answers.entry(name).or_default().push(answered),
                Some(Err(e)) => failures.push(format!("{name}: {e}")),
                None => failures.push(format!("{name}: no generated function")),
            }
        }
        failures.extend(log_failure());
        assert_none_failed(&failures);
        let errors: Vec<&str> = answers
            .iter()
            .filter(|(_, answered)| answered.contains(&Answered::Error))
            .map(|(name, _)| *name)
            .collect();
        assert_eq!(errors, ["getLanguagePackString"]);
        assert_eq!(answers.len(), documented.len());
        println!(
            "{} of {} synchronous functions round-tripped through generated types \
             ({} requests; {} answered with the generated Error, as expected)",
            answers.len(),
            documented.len(),
            cases.len(),
            errors.len()
        );
        assert!(answers.len() >= 28, "{answers:?}");
    }

    /// `phoneNumberInfo.country` "may be null": TDLib leaves it out (or sends `null`), the
    /// generated field is `None`, written as `null#56730bcc`, as tl-json's TDLib style writes
    /// it; set, it is written with its id.
    pub fn null_objects() {
        let Some(corpus) = tl_tests::corpus("null_objects_read_and_encode_as_tl_json_writes_them")
        else {
            return;
        };
        let text = std::fs::read_to_string(corpus.join("tdlib/td_api.tl")).unwrap();
        let schema = tdlib_schema(&text);
        let ty = schema.parse_type("PhoneNumberInfo").unwrap();
        let without = json!({"@type": "phoneNumberInfo", "country_calling_code": "",
            "formatted_phone_number": "999", "is_anonymous": false});
        let mut null = without.clone();
        null["country"] = Value::Null;
        let mut with = without.clone();
        with["country"] = json!({"@type": "countryInfo", "country_code": "US", "name": "USA",
            "english_name": "USA", "flag_emoji": "", "is_hidden": false, "calling_codes": ["1"]});
        for (json, has_country) in [(&without, false), (&null, false), (&with, true)] {
            let info: enums::PhoneNumberInfo = serde_json::from_value(json.clone()).unwrap();
            let enums::PhoneNumberInfo::PhoneNumberInfo(fields) = &info;
            assert_eq!(fields.country.is_some(), has_country, "{json}");
            let written = if has_country { &with } else { &without };
            assert_eq!(&serde_json::to_value(&info).unwrap(), written);
            let bytes = info.to_bytes();
            assert_eq!(bytes, schema.encode_as(&ty, json).unwrap(), "{json}");
            // After the id, the country: null, or the object with its id.
            let country = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
            let expected = if has_country {
                <types::CountryInfo as tl_types::Identifiable>::CONSTRUCTOR_ID
            } else {
                NULL_ID
            };
            assert_eq!(country, expected);
            assert_eq!(enums::PhoneNumberInfo::from_bytes(&bytes).unwrap(), info);
        }
        // Not an object of the field's type: an error, not a panic.
        let mut wrong = without.clone();
        wrong["country"] = json!({"@type": "ok"});
        assert!(serde_json::from_value::<enums::PhoneNumberInfo>(wrong).is_err());
        let mut bytes = enums::PhoneNumberInfo::from_bytes(&schema.encode_as(&ty, &with).unwrap())
            .unwrap()
            .to_bytes();
        bytes[4..8].copy_from_slice(&0xdead_beef_u32.to_le_bytes());
        assert!(enums::PhoneNumberInfo::from_bytes(&bytes).is_err());
    }
}
