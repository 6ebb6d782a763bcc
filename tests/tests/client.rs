//! Acceptance: the example client (`tests/client/client.rs`) against layer 230 (grammers'
//! api.tl and mtproto.tl). Its requests, which name only the fields they need, encode as the
//! schema says; each answer, built here as a server would with the generated types, decodes
//! and matches as the client expects.
//!
//! Needs `TL_CORPUS` at build time (the layer is generated from the corpus); without it the
//! test says so and passes.

#[cfg(grammers_layer)]
mod layer {
    pub use tl_tests::grammers::{enums, functions, types};
}

#[cfg(grammers_layer)]
#[path = "../client/client.rs"]
mod client;

#[test]
fn example_client_talks_layer_230() {
    if tl_tests::HAS_GRAMMERS_LAYER {
        #[cfg(grammers_layer)]
        layer_230::run();
    } else {
        eprintln!(
            "skipped: TL_CORPUS was not set at build time; example_client_talks_layer_230 did not run"
        );
    }
}

#[cfg(grammers_layer)]
mod layer_230 {
    use tl_types::{Deserializable, Serializable};

    use super::client;
    use super::layer::{enums, functions, types};

    pub fn run() {
        send_code();
        send_message();
        get_history();
        get_file();
    }

    fn send_code() {
        let request = client::send_code("+15550100");
        let request = functions::auth::SendCode::from_bytes(&request).unwrap();
        assert_eq!(request.phone_number, "+15550100");
        assert_eq!(
            (request.api_id, request.api_hash.as_str()),
            (client::API_ID, client::API_HASH)
        );
        let enums::CodeSettings::CodeSettings(settings) = request.settings;
        assert!(!settings.allow_flashcall && settings.logout_tokens.is_none());

        let sent =
            types::auth::SentCode::new(types::auth::SentCodeTypeSms::new(5), "a1b2c3").timeout(60);
        let hash = client::sent_code_hash(&sent.to_bytes()).unwrap();
        assert_eq!(hash.as_deref(), Some("a1b2c3"));
        let authorized = types::auth::SentCodeSuccess::new(types::auth::Authorization::new(user()));
        assert_eq!(client::sent_code_hash(&authorized.to_bytes()), Ok(None));
    }

    fn user() -> types::User {
        types::User::new(7).first_name("Ann").with_min(false)
    }

    /// The request as the schema lays it out: only the flags `silent` (5) and `no_webpage`
    /// (1), then the peer, the text and the random id; no optional field.
    fn send_message() {
        let request = client::send_text(types::InputPeerSelf::new(), "hello", 0x0102_0304);
        let mut expected = Vec::new();
        expected.extend(0xfef4_8f62_u32.to_le_bytes());
        expected.extend((1_u32 << 1 | 1 << 5).to_le_bytes());
        expected.extend(0x7da0_7ec9_u32.to_le_bytes());
        expected.extend(b"\x05hello\0\0");
        expected.extend(0x0102_0304_i64.to_le_bytes());
        assert_eq!(request, expected);

        let sent = types::UpdateShortSentMessage::new(42, 100, 1, 1_700_000_000).out(true);
        assert_eq!(client::sent_message_id(&sent.to_bytes()), Ok(Some(42)));
        let too_long = enums::Updates::TooLong;
        assert_eq!(client::sent_message_id(&too_long.to_bytes()), Ok(None));
    }

    fn get_history() {
        let peer = types::InputPeerUser::new(7, -99);
        let request = client::get_history(peer.clone(), 2);
        let request = functions::messages::GetHistory::from_bytes(&request).unwrap();
        assert_eq!(request.peer, peer.into());
        assert_eq!((request.limit, request.offset_id, request.hash), (2, 0, 0));

        let from_ann = types::PeerUser::new(7);
        let page = types::messages::MessagesSlice::new(
            10,
            vec![
                types::Message::new(9, from_ann.clone(), 1_700_000_100, "second").into(),
                types::MessageEmpty::new(8).into(),
                types::Message::new(7, from_ann, 1_700_000_000, "first")
                    .out(true)
                    .edit_date(1_700_000_050)
                    .into(),
            ],
            Vec::new(),
            Vec::new(),
            vec![user().into()],
        )
        .inexact(true);
        let texts = client::history_texts(&page.to_bytes()).unwrap();
        assert_eq!(texts, ["second", "first"]);
    }

    fn get_file() {
        let request = client::get_file_part(5, 6, b"ref", 3 * i64::from(client::FILE_PART));
        let request = functions::upload::GetFile::from_bytes(&request).unwrap();
        assert!(!request.precise && !request.cdn_supported);
        assert_eq!(
            (request.offset, request.limit),
            (3 * i64::from(client::FILE_PART), client::FILE_PART)
        );
        let expected = types::InputDocumentFileLocation::new(5, 6, b"ref", "");
        assert_eq!(request.location, expected.into());

        let part = vec![0xa5; 1000];
        let file = types::upload::File::new(types::storage::FilePartial::new(), 0, part.clone());
        assert_eq!(client::file_part(&file.to_bytes()), Ok(Some(part)));
        let redirect = types::upload::FileCdnRedirect::new(1, b"token", b"key", b"iv", Vec::new());
        assert_eq!(client::file_part(&redirect.to_bytes()), Ok(None));
    }
}
