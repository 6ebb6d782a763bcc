//! Encoding into other sinks than `Vec<u8>`: every sink receives exactly `to_bytes()`, for
//! generated structs, enums and functions and for the primitive encodings.

use std::collections::VecDeque;
use std::io::{self, Cursor, Write};

use bytes::{BufMut, BytesMut};
use tl_types::{Serializable, enums, functions, types};

/// A request with set and unset flags, an optional boxed field with flags of its own, and a
/// vector of boxed values.
fn send_message() -> functions::messages::SendMessage {
    let reply = types::InputReplyToMessage::new(7)
        .quote_text("quoted")
        .quote_offset(3);
    let entities: Vec<enums::MessageEntity> = vec![
        types::MessageEntityBold::new(0, 5).into(),
        types::MessageEntityItalic::new(6, 5).into(),
    ];
    functions::messages::SendMessage::new(
        types::InputPeerUser::new(1 << 40, -9),
        "hello world",
        0x0123_4567_89ab_cdef,
    )
    .silent(true)
    .reply_to(reply)
    .entities(entities)
    .schedule_date(1_700_000_000)
}

/// Checks every sink against `to_bytes()`.
fn encodes_everywhere<T: Serializable>(value: &T) {
    let expected = value.to_bytes();
    let header = [0xaa, 0xbb, 0xcc];
    let with_header: Vec<u8> = header.iter().copied().chain(expected.clone()).collect();

    // An existing vector after a header: `serialize` appends.
    let mut vec = header.to_vec();
    value.serialize(&mut vec);
    assert_eq!(vec, with_header, "serialize after a header");

    // `Extend<u8>` sinks.
    let mut vec = header.to_vec();
    value.serialize_to(&mut vec);
    assert_eq!(vec, with_header, "serialize_to Vec<u8>");
    let mut deque = VecDeque::from(header.to_vec());
    value.serialize_to(&mut deque);
    assert_eq!(deque, with_header, "serialize_to VecDeque<u8>");
    let mut bytes = BytesMut::from(&header[..]);
    value.serialize_to(&mut bytes);
    assert_eq!(bytes[..], with_header[..], "serialize_to BytesMut");

    // `io::Write` sinks.
    let mut vec = header.to_vec();
    value.write_to(&mut vec).unwrap();
    assert_eq!(vec, with_header, "write_to Vec<u8>");
    let mut writer = BytesMut::from(&header[..]).writer();
    value.write_to(&mut writer).unwrap();
    assert_eq!(
        writer.get_ref()[..],
        with_header[..],
        "write_to BytesMut::writer"
    );
    let mut cursor = Cursor::new(vec![0; header.len()]);
    cursor.set_position(header.len() as u64);
    value.write_to(&mut cursor).unwrap();
    assert_eq!(
        cursor.get_ref()[header.len()..],
        expected[..],
        "write_to Cursor"
    );
    let mut dyn_vec = Vec::new();
    value.write_to(&mut dyn_vec as &mut dyn Write).unwrap();
    assert_eq!(dyn_vec, expected, "write_to &mut dyn Write");

    // A fixed buffer, larger than needed and exactly as large.
    for spare in [5, 0] {
        let mut frame = vec![0xee; expected.len() + spare];
        let mut rest = &mut frame[..];
        value.write_to(&mut rest).unwrap();
        assert_eq!(rest.len(), spare, "what a fixed buffer keeps");
        assert_eq!(frame[..expected.len()], expected[..], "write_to &mut [u8]");
        assert!(frame[expected.len()..].iter().all(|&b| b == 0xee));
    }

    // One byte short: the buffer is filled with the start, and the error says so.
    let mut frame = vec![0; expected.len() - 1];
    let mut rest = &mut frame[..];
    let error = value.write_to(&mut rest).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::WriteZero);
    assert_eq!(frame[..], expected[..expected.len() - 1]);
}

#[test]
fn a_request_with_flags_optional_fields_and_a_vector() {
    let request = send_message();
    let bytes = request.to_bytes();
    // The flags word after the id: reply_to (0), entities (3), silent (5), schedule_date (10).
    assert_eq!(bytes[..4], 0xfe05dc9a_u32.to_le_bytes());
    assert_eq!(
        bytes[4..8],
        (1_u32 | 1 << 3 | 1 << 5 | 1 << 10).to_le_bytes()
    );
    encodes_everywhere(&request);
}

#[test]
fn a_flags_word_completed_after_its_fields() {
    // `logout_tokens` sets bit 6 as it is written: the encoder goes back to the flags word.
    let settings = types::CodeSettings::new()
        .allow_flashcall(true)
        .logout_tokens(vec![vec![1, 2, 3], vec![4; 300]])
        .app_sandbox(true);
    let bytes = settings.to_bytes();
    assert_eq!(bytes[4..8], (1_u32 | 1 << 6 | 1 << 8).to_le_bytes());
    encodes_everywhere(&settings);
    encodes_everywhere(&enums::CodeSettings::from(settings));
}

#[test]
fn structs_and_enums() {
    encodes_everywhere(&types::InputPeerSelf::new());
    encodes_everywhere(&enums::InputPeer::from(types::InputPeerUser::new(5, 6)));
    let text = types::TextWithEntities::new(
        "x".repeat(300), // a 4-byte length prefix
        vec![types::MessageEntityBold::new(0, 300).into()],
    );
    encodes_everywhere(&text);
    encodes_everywhere(&enums::TextWithEntities::from(text));
}

#[test]
fn primitives() {
    encodes_everywhere(&-5_i32);
    encodes_everywhere(&7_u32);
    encodes_everywhere(&-(1_i64 << 40));
    encodes_everywhere(&1.5_f64);
    encodes_everywhere(&true);
    encodes_everywhere(&String::from("héllo"));
    encodes_everywhere(&vec![1_u8, 2, 3]);
    encodes_everywhere(&[9_u8; 16]);
    encodes_everywhere(&vec![1_i64, -2, 3]);
    encodes_everywhere(&Vec::<i32>::new());
    encodes_everywhere(&vec![String::from("a"), String::from("bc")]);
}

/// Accepts `accept` bytes, then fails.
struct Failing {
    accept: usize,
    written: Vec<u8>,
}

impl Write for Failing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(self.accept - self.written.len());
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::BrokenPipe, "peer gone"));
        }
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_returns_its_error() {
    let request = send_message();
    for accept in [0, 6] {
        let mut out = Failing {
            accept,
            written: Vec::new(),
        };
        let error = request.write_to(&mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(error.to_string(), "peer gone");
        assert_eq!(out.written, request.to_bytes()[..accept]);
    }
}

#[test]
fn serializable_stays_dyn_compatible() {
    let values: [&dyn Serializable; 2] = [&send_message(), &5_i32];
    let mut buf = Vec::new();
    for value in values {
        value.serialize(&mut buf);
    }
    let mut expected = send_message().to_bytes();
    expected.extend_from_slice(&5_i32.to_le_bytes());
    assert_eq!(buf, expected);
}

/// Encodes `inner` with `write_to` from inside its own `write`, as a logging sink might.
struct Nested<'a> {
    inner: &'a functions::messages::SendMessage,
    nested: Vec<u8>,
    written: Vec<u8>,
}

impl Write for Nested<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write_to(&mut self.nested)?;
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn an_encoding_sink_that_encodes_gets_both_right() {
    let request = send_message();
    let mut out = Nested {
        inner: &request,
        nested: Vec::new(),
        written: Vec::new(),
    };
    types::CodeSettings::new().write_to(&mut out).unwrap();
    assert_eq!(out.written, types::CodeSettings::new().to_bytes());
    assert_eq!(out.nested, request.to_bytes());
}

/// Panics on the first byte.
struct Panicking;

impl Extend<u8> for Panicking {
    fn extend<I: IntoIterator<Item = u8>>(&mut self, _: I) {
        panic!("sink panics");
    }
}

#[test]
fn values_of_any_size_after_a_panicking_sink() {
    let panicked = std::panic::catch_unwind(|| send_message().serialize_to(&mut Panicking));
    assert!(panicked.is_err());
    // Larger than the thread's vector keeps, then small again.
    for value in [vec![3_u8; 100_000], vec![1, 2], vec![4; 70_000], vec![]] {
        encodes_everywhere(&value);
        encodes_everywhere(&send_message());
    }
}
