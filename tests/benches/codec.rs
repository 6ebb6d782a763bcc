//! Encoding and decoding speed of our bindings of layer 230 against grammers-tl-types 0.11.0
//! (same schema), over the realistic payloads of `tests/common/payloads.rs`:
//!
//! * `messages_messages`: 100 messages and 20 users (~27 KB);
//! * `updates_difference`: 10 new messages, 50 mixed updates, chats and users;
//! * `send_code`: an `auth.sendCode` request;
//! * `upload_file`: `upload.file` with 512 KiB of bytes, next to a plain 512 KiB `memcpy`.
//!
//! Each group has `decode/ours`, `decode/grammers`, `encode/ours`, `encode/grammers` (`to_bytes`,
//! a fresh vector each time, as a user would) and `encode_into/{ours,grammers}` (into a cleared,
//! reused buffer). Both sides must encode to identical bytes before anything is timed.
//!
//! Built with `TL_BYTES_LAYER=1` too, each group also has `decode_shared/ours`: the bindings
//! with every `bytes` and `string` field held in `Bytes` (`tl_tests::grammers_bytes`), decoding
//! from a `Bytes` input, which their fields slice; and `upload_file_4k` has the same for a
//! 4 KiB file part, beside the 512 KiB one.
//!
//! Needs `TL_CORPUS` at build time:
//! `TL_CORPUS=$PWD/../shared/schema cargo bench -p tl-tests --bench codec`
//! (add `-- --warm-up-time 1 --measurement-time 3` for a shorter run).

#[cfg(grammers_layer)]
#[path = "../tests/common/payloads.rs"]
mod payloads;

#[cfg(grammers_layer)]
mod codec {
    use std::hint::black_box;

    use criterion::measurement::WallTime;
    use criterion::{BenchmarkGroup, Criterion, Throughput};

    use super::payloads;

    /// Benchmarks one payload. `function`: grammers decodes functions bare (after the
    /// constructor id, which its caller has read), so its decode starts 4 bytes later.
    fn group<'c, O, T>(
        c: &'c mut Criterion,
        name: &str,
        ours: O,
        theirs: T,
        function: bool,
    ) -> (BenchmarkGroup<'c, WallTime>, Vec<u8>)
    where
        O: tl_types::Serializable + tl_types::Deserializable,
        T: grammers_tl_types::Serializable + grammers_tl_types::Deserializable,
    {
        let bytes = tl_types::Serializable::to_bytes(&ours);
        let theirs_bytes = grammers_tl_types::Serializable::to_bytes(&theirs);
        if bytes != theirs_bytes {
            let at = bytes
                .iter()
                .zip(&theirs_bytes)
                .position(|(a, b)| a != b)
                .unwrap_or(bytes.len().min(theirs_bytes.len()));
            panic!(
                "{name}: ours ({} bytes) and grammers ({} bytes) encode differently from offset \
                 {at}; run the wire_compat test",
                bytes.len(),
                theirs_bytes.len()
            );
        }
        let body = if function { &bytes[4..] } else { &bytes[..] };
        // Both decoders must accept the bytes before they are timed.
        <O as tl_types::Deserializable>::from_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{name}: ours cannot decode: {e}"));
        <T as grammers_tl_types::Deserializable>::from_bytes(body)
            .unwrap_or_else(|e| panic!("{name}: grammers cannot decode: {e:?}"));

        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("decode/ours", |b| {
            b.iter(|| <O as tl_types::Deserializable>::from_bytes(black_box(&bytes)).unwrap())
        });
        g.bench_function("decode/grammers", |b| {
            b.iter(|| {
                <T as grammers_tl_types::Deserializable>::from_bytes(black_box(body)).unwrap()
            })
        });
        g.bench_function("encode/ours", |b| {
            b.iter(|| tl_types::Serializable::to_bytes(black_box(&ours)))
        });
        g.bench_function("encode/grammers", |b| {
            b.iter(|| grammers_tl_types::Serializable::to_bytes(black_box(&theirs)))
        });
        let mut buf = Vec::with_capacity(bytes.len());
        g.bench_function("encode_into/ours", |b| {
            b.iter(|| {
                buf.clear();
                tl_types::Serializable::serialize(black_box(&ours), &mut buf);
                black_box(buf.len())
            })
        });
        g.bench_function("encode_into/grammers", |b| {
            b.iter(|| {
                buf.clear();
                grammers_tl_types::Serializable::serialize(black_box(&theirs), &mut buf);
                black_box(buf.len())
            })
        });
        (g, bytes)
    }

    /// `decode_shared/ours`: `bytes` decoded as `S`, bindings with `bytes` and `string` fields
    /// held in `Bytes`, from a `Bytes` input (`from_bytes_shared`).
    #[cfg(grammers_bytes)]
    fn decode_shared<S: tl_types::Deserializable>(
        g: &mut BenchmarkGroup<'_, WallTime>,
        bytes: &[u8],
    ) {
        let input = tl_types::Bytes::copy_from_slice(bytes);
        S::from_bytes_shared(&input).unwrap_or_else(|e| panic!("cannot decode from Bytes: {e}"));
        g.bench_function("decode_shared/ours", |b| {
            b.iter(|| S::from_bytes_shared(black_box(&input)).unwrap())
        });
    }

    /// Nothing without the bindings held in `Bytes`.
    #[cfg(not(grammers_bytes))]
    fn decode_shared<S>(_: &mut BenchmarkGroup<'_, WallTime>, _: &[u8]) {}

    #[cfg(not(grammers_bytes))]
    use tl_tests::grammers::{enums as shared, functions as shared_functions};
    #[cfg(grammers_bytes)]
    use tl_tests::grammers_bytes::{enums as shared, functions as shared_functions};

    pub fn codec(c: &mut Criterion) {
        let (mut g, bytes) = group(
            c,
            "messages_messages",
            payloads::ours_a(),
            payloads::theirs_a(),
            false,
        );
        decode_shared::<shared::messages::Messages>(&mut g, &bytes);
        g.finish();
        let (mut g, bytes) = group(
            c,
            "updates_difference",
            payloads::ours_b(),
            payloads::theirs_b(),
            false,
        );
        decode_shared::<shared::updates::Difference>(&mut g, &bytes);
        g.finish();
        let (mut g, bytes) = group(
            c,
            "send_code",
            payloads::ours_c(),
            payloads::theirs_c(),
            true,
        );
        decode_shared::<shared_functions::auth::SendCode>(&mut g, &bytes);
        g.finish();

        let (mut g, bytes) = group(
            c,
            "upload_file",
            payloads::ours_d(),
            payloads::theirs_d(),
            false,
        );
        decode_shared::<shared::upload::File>(&mut g, &bytes);
        // The floor for decoding the payload: copying its 512 KiB once.
        let src = bytes[bytes.len() - payloads::UPLOAD_LEN..].to_vec();
        let mut dst = vec![0u8; payloads::UPLOAD_LEN];
        g.throughput(Throughput::Bytes(payloads::UPLOAD_LEN as u64));
        g.bench_function("memcpy", |b| {
            b.iter(|| {
                dst.copy_from_slice(black_box(&src));
                black_box(&mut dst);
            })
        });
        g.finish();

        // A small file part, whose decode from `Bytes` must take as long as the large one's.
        let mut g = c.benchmark_group("upload_file_4k");
        let small = &bytes[..bytes.len() - payloads::UPLOAD_LEN + SMALL_PART];
        let mut small = small.to_vec();
        // Its length: 0xfe and 3 bytes, after the id, the file type and `mtime`.
        small[12..16].copy_from_slice(&[0xfe, 0x00, 0x10, 0x00]);
        <tl_tests::grammers::enums::upload::File as tl_types::Deserializable>::from_bytes(&small)
            .unwrap_or_else(|e| panic!("the 4 KiB part does not decode: {e}"));
        g.bench_function("decode/ours", |b| {
            b.iter(|| {
                <tl_tests::grammers::enums::upload::File as tl_types::Deserializable>::from_bytes(
                    black_box(&small),
                )
                .unwrap()
            })
        });
        decode_shared::<shared::upload::File>(&mut g, &small);
        g.finish();
    }

    /// The small file part of `upload_file_4k`.
    const SMALL_PART: usize = 4096;
}

#[cfg(grammers_layer)]
criterion::criterion_group!(benches, codec::codec);
#[cfg(grammers_layer)]
criterion::criterion_main!(benches);

#[cfg(not(grammers_layer))]
fn main() {
    eprintln!(
        "codec: no benchmark ran: TL_CORPUS was not set at build time, so layer 230 (and the \
         grammers comparison) was not built. Run: \
         TL_CORPUS=$PWD/../shared/schema cargo bench -p tl-tests --bench codec"
    );
}
