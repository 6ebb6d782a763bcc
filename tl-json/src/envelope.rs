//! MTProto's envelopes, which Telegram's mtproto.tl comments out as "parsed manually":
//! `message`, `msg_container`, `rpc_result` and `gzip_packed`. The codec knows them as TL
//! text of its own, added to every schema that does not define them.

use std::io::Read;
use std::sync::OnceLock;

/// The id of `gzip_packed`.
pub(crate) const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// The envelopes. `message` is written `mtproto.message` so that it cannot take the place of
/// api.tl's `message` constructor; it is renamed `message` once resolved, and is only ever
/// bare, inside `msg_container`.
const ENVELOPES: &str = "\
mtproto.message msg_id:long seqno:int bytes:int body:Object = mtproto.Message;
msg_container#73f1f8dc messages:vector<%mtproto.Message> = MessageContainer;
rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;
gzip_packed#3072cfa1 packed_data:bytes = Object;
";

/// The name `message` is written under, in [`ENVELOPES`].
pub(crate) const MESSAGE: &str = "mtproto.message";

/// What the codec does besides reading fields in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Special {
    /// `message`: its `bytes` field is the length of its body, computed.
    Message,
    /// `gzip_packed`: decoded into the object it packs.
    GzipPacked,
}

/// The envelopes' definitions, parsed once.
pub(crate) fn definitions() -> &'static tl_parser::Schema<'static> {
    static PARSED: OnceLock<tl_parser::Schema<'static>> = OnceLock::new();
    PARSED.get_or_init(|| {
        tl_parser::parse("envelopes.tl", ENVELOPES, &tl_parser::Options::default())
            .unwrap_or_else(|report| panic!("the envelopes' TL does not parse: {report}"))
    })
}

/// What the codec does specially for the definition `name` with `id`.
pub(crate) fn special(name: &str, id: u32) -> Option<Special> {
    match (name, id) {
        (MESSAGE, _) => Some(Special::Message),
        (_, GZIP_PACKED_ID) => Some(Special::GzipPacked),
        _ => None,
    }
}

/// Why inflating failed.
#[derive(Debug)]
pub(crate) enum InflateError {
    /// More than the limit when inflated.
    TooLarge,
    /// Not gzip data, or cut short.
    Invalid(String),
}

/// Inflates gzip `data` to at most `limit` bytes: the inflater is read in chunks through
/// `Read::take`, and the buffer grows by doubling, never past `limit` (so it holds at most
/// `limit` bytes, and 1.5 times that while it moves).
pub(crate) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    const CHUNK: usize = 64 << 10;
    let mut inflater = flate2::read::GzDecoder::new(data).take(limit as u64 + 1);
    let mut chunk = vec![0; CHUNK];
    let mut inflated = Vec::new();
    loop {
        let n = match inflater.read(&mut chunk) {
            Ok(0) => return Ok(inflated),
            Ok(n) => n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(InflateError::Invalid(error.to_string())),
        };
        if inflated.len() + n > limit {
            return Err(InflateError::TooLarge);
        }
        if inflated.len() + n > inflated.capacity() {
            let grown = (inflated.capacity() * 2).max(CHUNK).min(limit);
            inflated.reserve_exact(grown - inflated.len());
        }
        inflated.extend_from_slice(&chunk[..n]);
    }
}

/// Gzips `data` (tests and tools that build `gzip_packed` payloads).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a vector cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}
