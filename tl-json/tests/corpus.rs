//! Every definition of Telegram's layer 214 and grammers' layer 230 (api.tl and mtproto.tl of
//! the corpus), two samples each (every optional field set; none): bytes -> TL JSON -> bytes
//! is exact, and the text that `decode_object_to_string` writes as it decodes is the JSON of
//! that value, compact and pretty. The sample bytes are written from the parsed schema by code that shares nothing
//! with the codec (samples/mod.rs).

mod samples;

use std::path::PathBuf;

use samples::{Fill, Samples};
use tl_json::Layout;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("TL_CORPUS").map(PathBuf::from);
    if dir.is_none() {
        println!("skipped: TL_CORPUS is not set (see docs/development.md)");
    }
    dir
}

/// Round-trips two samples of every definition of `files`; returns the count of definitions.
fn round_trip_layer(dir: &std::path::Path, files: &[&str]) -> usize {
    let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(f)).collect();
    let schema = tl_json::Schema::load(&paths).unwrap();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let parsed: Vec<tl_parser::Schema> = texts
        .iter()
        .zip(files)
        .map(|(text, name)| tl_parser::parse(name, text, &Default::default()).unwrap())
        .collect();
    let mut samples = Samples::new(&parsed);
    let count = samples.defs.len();
    let mut failures = Vec::new();
    for index in 0..count {
        for fill in [Fill::All, Fill::None] {
            let mut bytes = Vec::new();
            let name = samples.defs[index].full_name();
            if let Err(e) = samples.def_bytes(index, true, fill, 0, &mut bytes) {
                failures.push(format!("{name}: no sample: {e}"));
                continue;
            }
            let json = match schema.decode_object(&bytes) {
                Ok(json) => json,
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            for (layout, expected) in [
                (Layout::Compact, serde_json::to_string(&json)),
                (Layout::Pretty, serde_json::to_string_pretty(&json)),
            ] {
                let text = schema.decode_object_to_string(&bytes, layout);
                if text.as_ref().ok() != expected.as_ref().ok() {
                    failures.push(format!("{name}: {layout:?} text differs: {text:?}"));
                }
            }
            match schema.encode(&json) {
                Ok(again) if again == bytes => {}
                Ok(_) => failures.push(format!("{name}: re-encoded differently: {json}")),
                Err(e) => failures.push(format!("{name}: {e}: {json}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    count
}

#[test]
fn every_definition_of_layers_214_and_230_round_trips() {
    let Some(dir) = corpus() else { return };
    let layer_214 = round_trip_layer(&dir, &["telegram/api.tl", "telegram/mtproto.tl"]);
    let layer_230 = round_trip_layer(&dir, &["grammers/api.tl", "grammers/mtproto.tl"]);
    println!(
        "round-tripped two samples of {layer_214} definitions of layer 214, {layer_230} of layer 230"
    );
    assert!(
        layer_214 > 2200 && layer_230 > 2500,
        "{layer_214} {layer_230}"
    );
}
