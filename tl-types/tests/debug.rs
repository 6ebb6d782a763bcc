//! `Debug` of the bindings: byte strings as short hex, secrets redacted, everything else as
//! derived. See the "Debug output" section of docs/generated-code.md.

use tl_types::{enums, functions, types};

/// Every way a value can be formatted for a log.
fn both(value: &impl std::fmt::Debug) -> [String; 2] {
    [format!("{value:?}"), format!("{value:#?}")]
}

/// `bytes` as `Debug` of a `Vec<u8>` would show them, and as hex: neither may appear.
fn renderings(secret: &[u8]) -> [String; 2] {
    let decimal = format!("{secret:?}");
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    [decimal[1..decimal.len() - 1].to_owned(), hex]
}

#[test]
fn a_512_kib_file_part_prints_in_one_short_line() {
    let bytes: Vec<u8> = (0..512 * 1024).map(|i| (i % 251) as u8).collect();
    let file = types::upload::File {
        r#type: enums::storage::FileType::FileJpeg,
        mtime: 1_700_000_000,
        bytes,
    };
    let debug = format!("{file:?}");
    assert_eq!(
        debug,
        "File { type: FileJpeg, mtime: 1700000000, bytes: <524288 bytes: \
         000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f...> }"
    );
    // Inside its enum, and laid out one field per line, it stays as short.
    let boxed = enums::upload::File::from(file);
    for text in both(&boxed) {
        assert!(text.len() < 400, "{} characters: {text}", text.len());
        assert!(text.contains("<524288 bytes: 000102"), "{text}");
    }
}

#[test]
fn short_bytes_print_whole_and_options_and_vectors_keep_their_shape() {
    let hash = types::FileHash {
        offset: 0,
        limit: 1024,
        hash: vec![0xde, 0xad, 0xbe, 0xef],
    };
    assert_eq!(
        format!("{hash:?}"),
        "FileHash { offset: 0, limit: 1024, hash: <4 bytes: deadbeef> }"
    );
    let empty = types::FileHash {
        hash: Vec::new(),
        ..hash
    };
    assert!(format!("{empty:?}").ends_with("hash: <0 bytes> }"));
    // `int128` nonces, which are not secret, are hex too.
    let answer = types::ServerDhParamsFail {
        nonce: [0x11; 16],
        server_nonce: [0x22; 16],
        new_nonce_hash: [0x33; 16],
    };
    assert!(
        format!("{answer:?}").contains(&format!("nonce: <16 bytes: {}>", "11".repeat(16))),
        "{answer:?}"
    );
    let photo = types::UserProfilePhoto {
        has_video: false,
        personal: false,
        photo_id: 7,
        stripped_thumb: Some(vec![1, 2, 3]),
        dc_id: 2,
    };
    assert!(format!("{photo:?}").contains("stripped_thumb: Some(<3 bytes: 010203>)"));
    let none = types::UserProfilePhoto {
        stripped_thumb: None,
        ..photo
    };
    assert!(format!("{none:?}").contains("stripped_thumb: None"));
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let token: Vec<u8> = b"FUTURE-AUTH-TOKEN-7f3a".to_vec();
    let logout: Vec<u8> = vec![0xc3, 0x5e, 0xa7, 0x19, 0x42, 0x8b];
    let code = "82731";
    let new_nonce = [0xa5; 32];

    let authorization = types::auth::Authorization {
        setup_password_required: false,
        otherwise_relogin_days: None,
        tmp_sessions: Some(3),
        future_auth_token: Some(token.clone()),
        user: types::UserEmpty { id: 123_456_789 }.into(),
    };
    let settings = types::CodeSettings {
        allow_flashcall: true,
        current_number: false,
        allow_app_hash: false,
        allow_missed_call: false,
        allow_firebase: false,
        unknown_number: false,
        logout_tokens: Some(vec![logout.clone(), token.clone()]),
        token: None,
        app_sandbox: None,
    };
    let sign_in = functions::auth::SignIn {
        phone_number: "+15550100".to_owned(),
        phone_code_hash: "hash-4e1d".to_owned(),
        phone_code: Some(code.to_owned()),
        email_verification: Some(
            types::EmailVerificationCode {
                code: code.to_owned(),
            }
            .into(),
        ),
    };
    let inner = types::PQInnerData {
        pq: "pq-17ed".to_owned(),
        p: "p-0494".to_owned(),
        q: "q-4c87".to_owned(),
        nonce: [0x11; 16],
        server_nonce: [0x22; 16],
        new_nonce,
    };

    let mut secrets: Vec<String> = vec![code.to_owned(), "FUTURE-AUTH".to_owned()];
    for secret in [&token[..], &logout, &new_nonce, &new_nonce[..4]] {
        secrets.extend(renderings(secret));
    }
    let cases: [(&dyn std::fmt::Debug, &[&str]); 4] = [
        (
            &authorization,
            &[
                "future_auth_token: Some(<redacted>)",
                "tmp_sessions: Some(3)",
                "123456789",
            ],
        ),
        (
            &settings,
            &["logout_tokens: Some(<redacted>)", "allow_flashcall: true"],
        ),
        (
            &sign_in,
            &[
                "phone_code: Some(<redacted>)",
                "+15550100",
                "hash-4e1d",
                "Code(EmailVerificationCode { code: <redacted> })",
            ],
        ),
        (
            &inner,
            &[
                "new_nonce: <redacted>",
                "pq-17ed",
                &format!("nonce: <16 bytes: {}>", "11".repeat(16)),
            ],
        ),
    ];
    for (value, shown) in cases {
        for text in [format!("{value:?}"), format!("{value:#?}")] {
            for secret in &secrets {
                assert!(!text.contains(secret.as_str()), "{secret:?} is in {text}");
            }
        }
        // The compact form holds each visible field as written above.
        let text = format!("{value:?}");
        for needle in shown {
            assert!(text.contains(needle), "{needle:?} is not in {text}");
        }
    }
    // Unset, a secret's field still says so.
    let none = types::auth::Authorization {
        future_auth_token: None,
        ..authorization
    };
    assert!(format!("{none:?}").contains("future_auth_token: None"));
}
