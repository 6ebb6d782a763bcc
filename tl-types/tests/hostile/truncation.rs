//! Truncated and random input: every prefix fails, nothing panics.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tl_types::{
    BOOL_FALSE_ID, BOOL_TRUE_ID, DEFAULT_MAX_DEPTH, DecodeErrorKind, DecodeOptions, Deserializable,
    Reader, Serializable, VECTOR_ID, enums, types,
};

use crate::support::*;

fn full_user(id: i64) -> enums::User {
    enums::User::User(Box::new(types::User {
        self_: true,
        contact: true,
        mutual_contact: true,
        deleted: true,
        bot: true,
        verified: true,
        bot_can_edit: true,
        close_friend: true,
        id,
        access_hash: Some(-5),
        first_name: Some("Ünïcödé ✓".into()),
        last_name: Some("x".repeat(300)), // long length prefix
        username: Some("user".into()),
        phone: Some(String::new()),
        photo: Some(enums::UserProfilePhoto::UserProfilePhoto(
            types::UserProfilePhoto {
                has_video: true,
                personal: true,
                photo_id: 9,
                stripped_thumb: Some(vec![1, 2, 3, 4, 5]),
                dc_id: 2,
            },
        )),
        status: Some(enums::UserStatus::Online(types::UserStatusOnline {
            expires: 1_700_000_000,
        })),
        bot_info_version: Some(3),
        lang_code: Some("en".into()),
        usernames: Some(vec![
            enums::Username::Username(types::Username {
                editable: true,
                active: true,
                username: "a".into(),
            }),
            enums::Username::Username(types::Username {
                editable: false,
                active: false,
                username: "bc".into(),
            }),
        ]),
        stories_max_id: Some(12),
    }))
}

fn entities() -> Vec<enums::MessageEntity> {
    vec![
        enums::MessageEntity::Bold(types::MessageEntityBold {
            offset: 0,
            length: 4,
        }),
        enums::MessageEntity::Pre(types::MessageEntityPre {
            offset: 1,
            length: 2,
            language: "rust".into(),
        }),
        enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
            offset: 3,
            length: 1,
            url: "https://t.me".into(),
        }),
        enums::MessageEntity::Blockquote(types::MessageEntityBlockquote {
            collapsed: true,
            offset: 0,
            length: 9,
        }),
        enums::MessageEntity::MentionName(types::MessageEntityMentionName {
            offset: 5,
            length: 6,
            user_id: 1 << 40,
        }),
    ]
}

fn full_message(id: i32) -> enums::Message {
    let photo = enums::Photo::Photo(types::Photo {
        has_stickers: true,
        id: 100,
        access_hash: 101,
        file_reference: vec![0xab; 17],
        date: 5,
        sizes: vec![
            enums::PhotoSize::PhotoSize(types::PhotoSize {
                r#type: "m".into(),
                w: 320,
                h: 240,
                size: 999,
            }),
            enums::PhotoSize::PhotoCachedSize(types::PhotoCachedSize {
                r#type: "s".into(),
                w: 1,
                h: 1,
                bytes: vec![0; 3],
            }),
            enums::PhotoSize::Progressive(types::PhotoSizeProgressive {
                r#type: "y".into(),
                w: 2,
                h: 2,
                sizes: vec![1, 2, 3],
            }),
        ],
        dc_id: 4,
    });
    let story_media = enums::MessageMedia::Story(Box::new(types::MessageMediaStory {
        via_mention: true,
        peer: enums::Peer::Channel(types::PeerChannel { channel_id: 3 }),
        id: 8,
        story: Some(enums::StoryItem::StoryItem(Box::new(types::StoryItem {
            pinned: true,
            id: 8,
            date: 1,
            expire_date: 2,
            caption: Some("caption".into()),
            entities: Some(entities()),
            media: enums::MessageMedia::Photo(types::MessageMediaPhoto {
                spoiler: true,
                photo: Some(photo.clone()),
                ttl_seconds: Some(60),
            }),
        }))),
    }));
    enums::Message::Message(Box::new(types::Message {
        out: true,
        mentioned: true,
        silent: true,
        post: true,
        pinned: true,
        id,
        from_id: Some(enums::Peer::User(types::PeerUser { user_id: 1 })),
        peer_id: enums::Peer::Chat(types::PeerChat { chat_id: 2 }),
        reply_to: Some(enums::MessageReplyHeader::MessageReplyHeader(Box::new(
            types::MessageReplyHeader {
                reply_to_scheduled: true,
                forum_topic: true,
                quote: true,
                reply_to_msg_id: Some(7),
                reply_to_peer_id: Some(enums::Peer::User(types::PeerUser { user_id: 5 })),
                reply_media: Some(story_media),
                reply_to_top_id: Some(6),
                quote_text: Some("quoted".into()),
                quote_entities: Some(entities()),
            },
        ))),
        date: 1_700_000_000,
        message: "héllo wörld ".repeat(30),
        media: Some(enums::MessageMedia::Photo(types::MessageMediaPhoto {
            spoiler: false,
            photo: Some(photo),
            ttl_seconds: Some(1),
        })),
        reply_markup: Some(enums::ReplyMarkup::ReplyInlineMarkup(
            types::ReplyInlineMarkup {
                rows: vec![enums::KeyboardButtonRow::KeyboardButtonRow(
                    types::KeyboardButtonRow {
                        buttons: vec![
                            enums::KeyboardButton::KeyboardButton(types::KeyboardButton {
                                text: "ok".into(),
                            }),
                            enums::KeyboardButton::Callback(types::KeyboardButtonCallback {
                                requires_password: true,
                                text: "cb".into(),
                                data: vec![1, 2, 3],
                            }),
                        ],
                    },
                )],
            },
        )),
        entities: Some(entities()),
        views: Some(10),
        forwards: Some(11),
        edit_date: Some(12),
        grouped_id: Some(13),
    }))
}

fn full_messages() -> enums::messages::Messages {
    enums::messages::Messages::Messages(types::messages::Messages {
        messages: vec![
            full_message(1),
            enums::Message::Empty(types::MessageEmpty {
                id: 2,
                peer_id: Some(enums::Peer::Channel(types::PeerChannel { channel_id: 4 })),
            }),
            enums::Message::Service(types::MessageService {
                out: true,
                silent: false,
                id: 3,
                from_id: None,
                peer_id: enums::Peer::User(types::PeerUser { user_id: 8 }),
                date: 4,
                action: enums::MessageAction::ChatCreate(types::MessageActionChatCreate {
                    title: "group".into(),
                    users: vec![1, 2, 3],
                }),
            }),
        ],
        chats: vec![
            enums::Chat::Chat(types::Chat {
                creator: true,
                left: false,
                deactivated: true,
                id: 55,
                title: "chat".into(),
                photo: enums::ChatPhoto::ChatPhoto(types::ChatPhoto {
                    has_video: true,
                    photo_id: 1,
                    stripped_thumb: Some(vec![9; 6]),
                    dc_id: 2,
                }),
                participants_count: 3,
                date: 4,
                version: 5,
            }),
            enums::Chat::Channel(Box::new(types::Channel {
                creator: true,
                broadcast: true,
                verified: true,
                megagroup: true,
                id: 66,
                access_hash: Some(1),
                title: "channel".into(),
                username: Some("chan".into()),
                photo: enums::ChatPhoto::Empty,
                date: 7,
                participants_count: Some(1_000),
            })),
            enums::Chat::Empty(types::ChatEmpty { id: 77 }),
        ],
        users: vec![
            full_user(1),
            enums::User::Empty(types::UserEmpty { id: 2 }),
            full_user(3),
        ],
    })
}

fn assert_every_prefix_fails<T>(name: &str, bytes: &[u8])
where
    T: Deserializable + Serializable + PartialEq + std::fmt::Debug,
{
    let value = T::from_bytes(bytes).unwrap();
    assert_eq!(value.to_bytes(), bytes, "{name} does not round-trip");
    for len in 0..bytes.len() {
        let prefix = &bytes[..len];
        for options in [DecodeOptions::default(), DecodeOptions::strict()] {
            let result = catch_unwind(AssertUnwindSafe(|| decode_with::<T>(prefix, options)));
            let err = match result {
                Ok(Ok(value)) => panic!("{name}: prefix of {len} bytes decoded: {value:?}"),
                Ok(Err(err)) => err,
                Err(_) => panic!("{name}: prefix of {len} bytes panicked: {:02x?}", prefix),
            };
            assert!(
                matches!(
                    err.kind,
                    DecodeErrorKind::UnexpectedEnd { .. }
                        | DecodeErrorKind::LengthExceedsInput { .. }
                        | DecodeErrorKind::CountExceedsInput { .. }
                ),
                "{name}: prefix of {len} bytes: {err}"
            );
            assert!(err.offset <= len, "{name}: prefix of {len} bytes: {err}");
            let _ = err.to_string();
        }
    }
}

#[test]
fn every_prefix_of_a_valid_encoding_fails() {
    let messages = full_messages().to_bytes();
    assert!(messages.len() > 1_000, "{} bytes", messages.len());
    assert_every_prefix_fails::<enums::messages::Messages>("messages.messages", &messages);
    assert_every_prefix_fails::<enums::User>("user with all flags", &full_user(9).to_bytes());
    assert_every_prefix_fails::<enums::Message>(
        "message with all flags",
        &full_message(4).to_bytes(),
    );
    let deep = nested_bold(DEFAULT_MAX_DEPTH as usize - 1);
    assert_every_prefix_fails::<enums::RichText>("deepest RichText", &deep);
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }

    fn u32(&mut self) -> u32 {
        (self.next() >> 32) as u32
    }
}

/// Every constructor id of the schema the crate was built from.
fn schema_ids() -> Vec<u32> {
    let schema = concat!(
        include_str!("../../schema/api.tl"),
        "\n",
        include_str!("../../schema/mtproto.tl")
    );
    let mut ids: Vec<u32> = schema
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter_map(|line| {
            let name = line.split_whitespace().next()?;
            let (_, hex) = name.split_once('#')?;
            u32::from_str_radix(hex, 16).ok()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A word that is likely to steer decoding somewhere interesting.
fn interesting_word(rng: &mut Rng, ids: &[u32]) -> u32 {
    match rng.below(10) {
        0..=3 => ids[rng.below(ids.len())],
        4 => VECTOR_ID,
        5 => rng.below(6) as u32,
        6 => u32::from_le_bytes([0xfe, rng.below(256) as u8, rng.below(4) as u8, 0]),
        7 => u32::from_le_bytes([rng.below(12) as u8, b'a', 0xff, 0]),
        8 => [BOOL_TRUE_ID, BOOL_FALSE_ID, 0xffff_ffff, 0x7fff_ffff][rng.below(4)],
        _ => rng.u32(),
    }
}

/// Decodes `input` as `T` under `options`: must not panic; an error must point inside the
/// input; a success must re-encode to bytes that decode to the same encoding.
fn fuzz_one<T: Deserializable + Serializable>(input: &[u8], options: DecodeOptions) -> bool {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut reader = Reader::with_options(input, options);
        let value = T::deserialize(&mut reader);
        (value, reader.position())
    }));
    match result {
        Err(_) => panic!(
            "{} panicked on {:02x?} with {options:?}",
            std::any::type_name::<T>(),
            input
        ),
        Ok((Err(err), _)) => {
            assert!(err.offset <= input.len(), "{err} for {input:02x?}");
            let _ = err.to_string();
            false
        }
        Ok((Ok(value), consumed)) => {
            assert!(consumed <= input.len());
            let encoded = value.to_bytes();
            let again = T::from_bytes(&encoded).unwrap_or_else(|err| {
                panic!(
                    "{}: re-encoding of {:02x?} does not decode: {err}",
                    std::any::type_name::<T>(),
                    &input[..consumed]
                )
            });
            assert_eq!(again.to_bytes(), encoded, "{input:02x?}");
            true
        }
    }
}

fn fuzz_all(input: &[u8], decoded: &mut usize) {
    for options in [DecodeOptions::default(), DecodeOptions::strict()] {
        let oks = [
            fuzz_one::<enums::RichText>(input, options),
            fuzz_one::<enums::messages::Messages>(input, options),
            fuzz_one::<enums::Message>(input, options),
            fuzz_one::<enums::User>(input, options),
            fuzz_one::<enums::Updates>(input, options),
            fuzz_one::<enums::updates::Difference>(input, options),
            fuzz_one::<enums::JsonValue>(input, options),
            fuzz_one::<enums::Config>(input, options),
            fuzz_one::<enums::ReplyMarkup>(input, options),
            fuzz_one::<enums::FutureSalts>(input, options),
            fuzz_one::<enums::DcAccessPoints>(input, options),
            fuzz_one::<enums::ResPq>(input, options),
            fuzz_one::<Vec<enums::Message>>(input, options),
            fuzz_one::<Vec<i64>>(input, options),
            fuzz_one::<String>(input, options),
            fuzz_one::<bool>(input, options),
        ];
        *decoded += oks.iter().filter(|&&ok| ok).count();
    }
}

#[test]
fn random_input_never_panics() {
    let ids = schema_ids();
    assert!(ids.len() > 100, "{} ids", ids.len());
    let seeds = [
        full_messages().to_bytes(),
        full_user(1).to_bytes(),
        full_message(2).to_bytes(),
        nested_bold(20),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut decoded = 0;
    for i in 0..20_000u32 {
        let input = if i.is_multiple_of(2) {
            // Words: mostly schema ids, vector ids, small counts and length prefixes.
            let words = rng.below(48);
            let mut input: Vec<u8> = (0..words)
                .flat_map(|_| interesting_word(&mut rng, &ids).to_le_bytes())
                .collect();
            if rng.below(4) == 0 {
                let len = rng.below(input.len() + 1);
                input.truncate(len);
            }
            input
        } else {
            // A valid encoding with a few words or bytes changed.
            let mut input = seeds[rng.below(seeds.len())].clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(input.len() / 4) * 4;
                if rng.below(2) == 0 {
                    let word = interesting_word(&mut rng, &ids);
                    input[at..at + 4].copy_from_slice(&word.to_le_bytes());
                } else {
                    input[at + rng.below(4)] = rng.u32() as u8;
                }
            }
            if rng.below(8) == 0 {
                let len = rng.below(input.len() + 1);
                input.truncate(len);
            }
            input
        };
        fuzz_all(&input, &mut decoded);
    }
    println!("random input: 20000 inputs, {decoded} successful decodes");
    assert!(
        decoded > 100,
        "the generator never produced valid input: {decoded}"
    );
}
