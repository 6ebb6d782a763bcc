//! Allocations per decode of the codec benchmark's payloads (`benches/codec.rs`): ours with
//! the default types, ours with every `bytes` and `string` field held in `Bytes`
//! (`tl_tests::grammers_bytes`, built with `TL_BYTES_LAYER=1`) decoded from a `Bytes` input,
//! and grammers-tl-types 0.11.0, counted by the counting global allocator of tl-types'
//! hostile-input tests. Counts, not times: one decode of each is enough.
//!
//! `TL_CORPUS=$PWD/../shared/schema TL_BYTES_LAYER=1 cargo bench -p tl-tests --bench allocations`

#[path = "../../tl-types/tests/hostile/counting.rs"]
mod counting;
// Only our payloads are used here: grammers' are built from our bytes.
#[cfg(grammers_layer)]
#[allow(unused_imports)]
#[path = "../tests/common/payloads.rs"]
mod payloads;

/// The allocations of one decode of `bytes` as our `O`, as our `S` held in `Bytes` (when
/// built) and as grammers' `T`, as a Markdown row.
#[cfg(grammers_layer)]
fn row<O, S, T>(payload: &str, ours: &O)
where
    O: tl_types::Serializable + tl_types::Deserializable,
    S: tl_types::Deserializable,
    T: grammers_tl_types::Deserializable,
{
    let bytes = tl_types::Serializable::to_bytes(ours);
    let (decoded, default) = counting::measure(|| O::from_bytes(&bytes));
    decoded.unwrap_or_else(|e| panic!("{payload}: {e}"));
    let input = tl_types::Bytes::from(bytes.clone());
    let (decoded, shared) = counting::measure(|| S::from_bytes_shared(&input));
    decoded.unwrap_or_else(|e| panic!("{payload} from Bytes: {e}"));
    let shared = if cfg!(grammers_bytes) {
        shared.allocations.to_string()
    } else {
        "(TL_BYTES_LAYER=1)".to_owned()
    };
    let (decoded, theirs) = counting::measure(|| T::from_bytes(&bytes));
    decoded.unwrap_or_else(|e| panic!("{payload}: grammers: {e:?}"));
    println!(
        "| {payload} | {} B | {} | {shared} | {} |",
        bytes.len(),
        default.allocations,
        theirs.allocations
    );
}

#[cfg(grammers_layer)]
fn main() {
    #[cfg(not(grammers_bytes))]
    use tl_tests::grammers::enums as shared;
    use tl_tests::grammers::enums as ours;
    #[cfg(grammers_bytes)]
    use tl_tests::grammers_bytes::enums as shared;

    let _lock = counting::alloc_lock();
    println!("| payload | size | ours | ours, `Bytes` | grammers |");
    println!("|---|---:|---:|---:|---:|");
    row::<
        ours::messages::Messages,
        shared::messages::Messages,
        grammers_tl_types::enums::messages::Messages,
    >("(a) messages.messages", &payloads::ours_a());
    row::<
        ours::updates::Difference,
        shared::updates::Difference,
        grammers_tl_types::enums::updates::Difference,
    >("(b) updates.difference", &payloads::ours_b());
    row::<ours::upload::File, shared::upload::File, grammers_tl_types::enums::upload::File>(
        "(d) upload.file",
        &payloads::ours_d(),
    );
}

#[cfg(not(grammers_layer))]
fn main() {
    eprintln!(
        "allocations: nothing counted: TL_CORPUS was not set at build time, so layer 230 (and \
         the grammers comparison) was not built"
    );
}
