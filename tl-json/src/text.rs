//! Bytes as text: hex and base64 (the JSON form of `int128` and `bytes`), and the forms in
//! which people paste dumps, told apart by [`parse_input`].

use crate::error::InputError;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Standard base64 that reads text with or without its padding (never misplaced), as people
/// paste it; the bits after the last byte must be zero.
const BASE64_READER: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// [`base64_encode`], appended to `out`.
pub(crate) fn base64_encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    // A length past `usize` could not have been read.
    let len = base64::encoded_len(bytes.len(), true).unwrap_or(0);
    out.resize(start + len, 0);
    let written = base64::engine::general_purpose::STANDARD
        .encode_slice(bytes, &mut out[start..])
        .unwrap_or(0);
    out.truncate(start + written);
}

/// Standard base64; padding may be left out, but not misplaced.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    // The crate takes a partial padding (`YQ=`) as none; it is a cut text.
    if text.ends_with('=') && !text.len().is_multiple_of(4) {
        return None;
    }
    BASE64_READER.decode(text).ok()
}

/// Lowercase hex.
pub fn hex_encode(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// [`hex_encode`], appended to `out`.
pub(crate) fn hex_encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + 2 * bytes.len(), 0);
    // The room is exactly what it needs.
    let _ = hex::encode_to_slice(bytes, &mut out[start..]);
}

/// Hex digits, either case, without separators.
pub fn hex_decode(text: &str) -> Option<Vec<u8>> {
    hex::decode(text).ok()
}

/// The bytes that `text` holds, as people paste them:
///
/// - a Python bytes literal, `b'\x15\xc4\xb5\x1c...'` (or several, as Python wraps them), with
///   the escapes of Python (`\xHH`, `\n`, `\\`, `\'`, octal...) and printable ASCII;
/// - hex, with spaces and new lines anywhere and an optional `0x`;
/// - else standard base64 (padding optional; whitespace allowed).
///
/// Text that is both hex and base64 (`deadbeef`) is read as hex.
pub fn parse_input(text: &str) -> Result<Vec<u8>, InputError> {
    let text = text.trim();
    if text.starts_with("b'") || text.starts_with("b\"") {
        return python_literals(text);
    }
    let compact: String = text.split_whitespace().collect();
    let hex = compact.strip_prefix("0x").unwrap_or(&compact);
    if let Some(bytes) = hex_decode(hex) {
        return Ok(bytes);
    }
    base64_decode(&compact).ok_or_else(|| InputError {
        message: "the input is neither hex, base64 nor a Python bytes literal (b'...')".to_owned(),
    })
}

/// One or more Python bytes literals, separated by whitespace.
fn python_literals(mut text: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    while !text.is_empty() {
        let mut chars = text.chars();
        let quote = match (chars.next(), chars.next()) {
            (Some('b'), Some(q @ ('\'' | '"'))) => q,
            _ => return Err(literal_error("expected b' or b\" to start a literal")),
        };
        let rest = python_literal(chars.as_str(), quote, &mut bytes)?;
        text = rest.trim_start();
    }
    Ok(bytes)
}

fn literal_error(message: &str) -> InputError {
    InputError {
        message: format!("bad Python bytes literal: {message}"),
    }
}

/// The body of one literal (after `b'`) into `out`; returns the text after its closing quote.
fn python_literal<'t>(
    text: &'t str,
    quote: char,
    out: &mut Vec<u8>,
) -> Result<&'t str, InputError> {
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            c if c == quote => return Ok(&text[at + 1..]),
            '\\' => {
                let (_, escaped) = chars.next().ok_or_else(|| literal_error("ends in `\\`"))?;
                match escaped {
                    'x' => {
                        let digits: String = chars.by_ref().take(2).map(|(_, c)| c).collect();
                        let byte = hex_decode(&digits)
                            .filter(|b| b.len() == 1)
                            .ok_or_else(|| literal_error("`\\x` needs two hex digits"))?;
                        out.extend(byte);
                    }
                    '0'..='7' => out.push(octal_escape(escaped, &mut chars)?),
                    '\n' => {}
                    other => out.push(simple_escape(other)?),
                }
            }
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c as u8),
            other => {
                return Err(literal_error(&format!(
                    "{other:?} is not a printable ASCII character"
                )));
            }
        }
    }
    Err(literal_error(&format!("no closing {quote}")))
}

/// `\n`, `\\`, `\'`... the escapes of one character.
fn simple_escape(c: char) -> Result<u8, InputError> {
    Ok(match c {
        'n' => b'\n',
        'r' => b'\r',
        't' => b'\t',
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'v' => 11,
        '\\' | '\'' | '"' => c as u8,
        other => return Err(literal_error(&format!("unknown escape `\\{other}`"))),
    })
}

/// `\N`, `\NN` or `\NNN` in octal; `first` is read.
fn octal_escape(first: char, chars: &mut std::str::CharIndices) -> Result<u8, InputError> {
    let mut value = first.to_digit(8).unwrap_or(0);
    for _ in 0..2 {
        let next = chars.clone().next();
        match next.and_then(|(_, c)| c.to_digit(8)) {
            Some(digit) => {
                value = value * 8 + digit;
                chars.next();
            }
            None => break,
        }
    }
    u8::try_from(value).map_err(|_| literal_error("octal escape above \\377"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..20 {
            let text = base64_encode(&data[..len]);
            assert_eq!(text.len() % 4, 0);
            assert_eq!(
                base64_decode(&text).as_deref(),
                Some(&data[..len]),
                "{text}"
            );
        }
        assert_eq!(
            base64_encode(b"any carnal pleas"),
            "YW55IGNhcm5hbCBwbGVhcw=="
        );
        assert_eq!(
            base64_decode("YW55IGNhcm5hbCBwbGVhcw").unwrap(),
            b"any carnal pleas"
        );
        assert_eq!(base64_decode("YW55=IGN"), None);
        assert_eq!(base64_decode("YQ="), None);
        assert_eq!(base64_decode("Y"), None);
    }

    #[test]
    fn hex_base64_and_python_literals_give_the_same_bytes() {
        let bytes = vec![0x15, 0xc4, 0xb5, 0x1c, 0x0a, b'\\', b'\'', b'A', 0, 0xff];
        let hex = "15c4b51c 0a5c27 41\n00FF";
        let base64 = base64_encode(&bytes);
        let python = r"b'\x15\xc4\xb5\x1c\n\\\'A\x00\xff'";
        assert_eq!(parse_input(hex).unwrap(), bytes);
        assert_eq!(
            parse_input(&format!("0x{}", hex_encode(&bytes))).unwrap(),
            bytes
        );
        assert_eq!(parse_input(&base64).unwrap(), bytes);
        assert_eq!(parse_input(python).unwrap(), bytes);
        assert_eq!(
            parse_input(r#"b"\x15\xc4" b'\xb5\x1c\n\\\'A\0\377'"#).unwrap(),
            bytes
        );
    }

    #[test]
    fn bad_input_says_why() {
        let err = |text: &str| parse_input(text).unwrap_err().message;
        assert!(
            err("not hex!").contains("neither hex"),
            "{}",
            err("not hex!")
        );
        assert!(err(r"b'\x1'").contains("two hex digits"));
        assert!(err(r"b'abc").contains("no closing"));
        assert!(err("b'é'").contains("printable ASCII"));
        assert!(err(r"b'\q'").contains("unknown escape"));
    }
}
