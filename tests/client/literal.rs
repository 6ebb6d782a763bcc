//! The requests of `client.rs` written as struct literals, every field named, as they compile
//! against layer 195. Layers 214 and 230 give `messages.sendMessage` more optional fields,
//! and this no longer compiles (E0063, missing fields): the `upgrade` test shows it.

use tl_types::Serializable;

use crate::layer::{enums, functions, types};

/// `auth.sendCode`, as `client::send_code`.
pub fn send_code(phone: &str, api_id: i32, api_hash: &str) -> Vec<u8> {
    let settings = types::CodeSettings {
        allow_flashcall: false,
        current_number: false,
        allow_app_hash: false,
        allow_missed_call: false,
        allow_firebase: false,
        unknown_number: false,
        logout_tokens: None,
        token: None,
        app_sandbox: None,
    };
    functions::auth::SendCode {
        phone_number: phone.to_owned(),
        api_id,
        api_hash: api_hash.to_owned(),
        settings: settings.into(),
    }
    .to_bytes()
}

/// `messages.sendMessage`, as `client::send_text`.
pub fn send_text(peer: enums::InputPeer, text: &str, random_id: i64) -> Vec<u8> {
    functions::messages::SendMessage {
        no_webpage: true,
        silent: true,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer,
        reply_to: None,
        message: text.to_owned(),
        random_id,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
    }
    .to_bytes()
}

/// `messages.getHistory`, as `client::get_history`.
pub fn get_history(peer: enums::InputPeer, limit: i32) -> Vec<u8> {
    functions::messages::GetHistory {
        peer,
        offset_id: 0,
        offset_date: 0,
        add_offset: 0,
        limit,
        max_id: 0,
        min_id: 0,
        hash: 0,
    }
    .to_bytes()
}

/// `upload.getFile`, as `client::get_file_part`.
pub fn get_file_part(id: i64, access_hash: i64, file_reference: &[u8], offset: i64) -> Vec<u8> {
    let location = types::InputDocumentFileLocation {
        id,
        access_hash,
        file_reference: file_reference.to_vec(),
        thumb_size: String::new(),
    };
    functions::upload::GetFile {
        precise: false,
        cdn_supported: false,
        location: location.into(),
        offset,
        limit: 512 * 1024,
    }
    .to_bytes()
}
