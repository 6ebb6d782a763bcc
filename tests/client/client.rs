//! A Telegram client's requests and the reading of their answers, written as a user of the
//! generated bindings writes them: each request names only the fields it needs (`new` with
//! the required ones, setters for the optional ones it wants), so a later layer that gives a
//! request more optional fields needs no change here.
//!
//! The bindings are reached as `crate::layer`. The `client` test of tl-tests runs this
//! against layer 230; the `upgrade` test compiles it unchanged against layers 195, 214 and
//! 230, beside `literal.rs`, the same requests as struct literals, which newer layers break.

use tl_types::{DecodeError, Deserializable, RemoteCall, Serializable};

use crate::layer::{enums, functions, types};

/// The app's credentials, as my.telegram.org gives them.
pub const API_ID: i32 = 611335;
/// See [`API_ID`].
pub const API_HASH: &str = "d524b414d21f4d37f08684c1df41ac9c";
/// How much of a file `upload.getFile` asks for at once (the most it may).
pub const FILE_PART: i32 = 512 * 1024;

/// `auth.sendCode`: ask for a login code sent to `phone`, with the default settings.
pub fn send_code(phone: &str) -> Vec<u8> {
    functions::auth::SendCode::new(phone, API_ID, API_HASH, types::CodeSettings::new()).to_bytes()
}

/// The answer to `auth.sendCode`: the hash to sign in with, when a code was sent.
pub fn sent_code_hash(answer: &[u8]) -> Result<Option<String>, DecodeError> {
    let answer = <functions::auth::SendCode as RemoteCall>::Return::from_bytes(answer)?;
    Ok(match answer {
        enums::auth::SentCode::SentCode(sent) => Some(sent.phone_code_hash),
        _ => None,
    })
}

/// `messages.sendMessage` of a text, silently and without a link preview.
pub fn send_text(peer: impl Into<enums::InputPeer>, text: &str, random_id: i64) -> Vec<u8> {
    functions::messages::SendMessage::new(peer, text, random_id)
        .silent(true)
        .no_webpage(true)
        .to_bytes()
}

/// The answer to `messages.sendMessage`: the new message's id when the server answers with
/// `updateShortSentMessage` (to a private chat).
pub fn sent_message_id(answer: &[u8]) -> Result<Option<i32>, DecodeError> {
    let answer = <functions::messages::SendMessage as RemoteCall>::Return::from_bytes(answer)?;
    Ok(match answer {
        enums::Updates::UpdateShortSentMessage(sent) => Some(sent.id),
        _ => None,
    })
}

/// `messages.getHistory`: the latest `limit` messages of `peer`.
pub fn get_history(peer: impl Into<enums::InputPeer>, limit: i32) -> Vec<u8> {
    functions::messages::GetHistory::new(peer, 0, 0, 0, limit, 0, 0, 0).to_bytes()
}

/// The answer to `messages.getHistory`: the texts of its messages, newest first.
pub fn history_texts(answer: &[u8]) -> Result<Vec<String>, DecodeError> {
    let answer = <functions::messages::GetHistory as RemoteCall>::Return::from_bytes(answer)?;
    let messages = match answer {
        enums::messages::Messages::Messages(page) => page.messages,
        enums::messages::Messages::Slice(page) => page.messages,
        enums::messages::Messages::ChannelMessages(page) => page.messages,
        _ => Vec::new(),
    };
    let texts = messages.into_iter().filter_map(|message| match message {
        enums::Message::Message(message) => Some(message.message),
        _ => None,
    });
    Ok(texts.collect())
}

/// `upload.getFile`: the part of a document at `offset`, a multiple of [`FILE_PART`].
pub fn get_file_part(id: i64, access_hash: i64, file_reference: &[u8], offset: i64) -> Vec<u8> {
    let location = types::InputDocumentFileLocation::new(id, access_hash, file_reference, "");
    functions::upload::GetFile::new(location, offset, FILE_PART).to_bytes()
}

/// The answer to `upload.getFile`: the bytes of the part, unless the file is on a CDN.
pub fn file_part(answer: &[u8]) -> Result<Option<Vec<u8>>, DecodeError> {
    let answer = <functions::upload::GetFile as RemoteCall>::Return::from_bytes(answer)?;
    Ok(match answer {
        enums::upload::File::File(part) => Some(part.bytes),
        enums::upload::File::CdnRedirect(_) => None,
    })
}
