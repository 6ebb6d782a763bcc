//! Bytes to a JSON string in TL JSON, over payloads (a) `messages.messages` and (b)
//! `updates.difference` of the codec benchmark (`tests/common/payloads.rs`), three ways:
//!
//! * `tl_json_value`: the schema-driven `tl-json`, `Schema::decode_object` (a
//!   `serde_json::Value`), then `serde_json::to_string`;
//! * `tl_json_text`: `tl-json`'s `Schema::decode_object_to_string`, which writes the same text
//!   as the bytes decode;
//! * `generated`: our generated bindings of layer 230, `from_bytes`, then
//!   `serde_json::to_string` through their serde impls (`Config::serde(true)`).
//!
//! All three must write the same text before anything is timed.
//!
//! Needs the layer built with serde, which costs the build of the layer about 45% more: it
//! is built only with `TL_CORPUS` and `TL_SERDE_230=1` at build time (the schema is read from
//! `TL_CORPUS` at run time too):
//! `TL_CORPUS=$PWD/../shared/schema TL_SERDE_230=1 cargo bench -p tl-tests --bench json`.

// Only (a) and (b) of the payloads, and only ours: the other re-exports go unused.
#[cfg(grammers_serde)]
#[allow(unused_imports)]
#[path = "../tests/common/payloads.rs"]
mod payloads;

#[cfg(grammers_serde)]
mod json {
    use std::hint::black_box;

    use criterion::{Criterion, Throughput};
    use tl_json::{Layout, Schema};

    use super::payloads;

    /// Benchmarks one payload, `value` of the generated bindings.
    fn group<T>(c: &mut Criterion, schema: &Schema, name: &str, value: T)
    where
        T: tl_types::Serializable + tl_types::Deserializable + serde::Serialize,
    {
        let bytes = value.to_bytes();
        let generated = serde_json::to_string(&T::from_bytes(&bytes).unwrap()).unwrap();
        let tree = schema
            .decode_object(&bytes)
            .unwrap_or_else(|e| panic!("{name}: tl-json cannot decode it: {e}"));
        let text = schema
            .decode_object_to_string(&bytes, Layout::Compact)
            .unwrap();
        assert_eq!(
            serde_json::to_string(&tree).unwrap(),
            generated,
            "{name}: tl-json and the generated serde write different JSON"
        );
        assert_eq!(text, generated, "{name}: decode_object_to_string differs");

        let mut g = c.benchmark_group(format!("json_{name}"));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("tl_json_value", |b| {
            b.iter(|| {
                let value = schema.decode_object(black_box(&bytes)).unwrap();
                serde_json::to_string(&value).unwrap()
            })
        });
        g.bench_function("tl_json_text", |b| {
            b.iter(|| {
                schema
                    .decode_object_to_string(black_box(&bytes), Layout::Compact)
                    .unwrap()
            })
        });
        g.bench_function("generated", |b| {
            b.iter(|| serde_json::to_string(&T::from_bytes(black_box(&bytes)).unwrap()).unwrap())
        });
        g.finish();
    }

    pub fn json(c: &mut Criterion) {
        let Some(corpus) = tl_tests::corpus("the json benchmark") else {
            return;
        };
        let dir = corpus.join("grammers");
        let schema = Schema::load(&[dir.join("api.tl"), dir.join("mtproto.tl")])
            .unwrap_or_else(|e| panic!("{e}"));
        group(c, &schema, "messages_messages", payloads::ours_a());
        group(c, &schema, "updates_difference", payloads::ours_b());
    }
}

#[cfg(grammers_serde)]
criterion::criterion_group!(benches, json::json);
#[cfg(grammers_serde)]
criterion::criterion_main!(benches);

#[cfg(not(grammers_serde))]
fn main() {
    eprintln!(
        "json: no benchmark ran: TL_CORPUS and TL_SERDE_230=1 were not both set at build time, \
         so layer 230 was not built with serde. Run: \
         TL_CORPUS=$PWD/../shared/schema TL_SERDE_230=1 cargo bench -p tl-tests --bench json"
    );
}
