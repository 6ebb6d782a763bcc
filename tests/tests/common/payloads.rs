//! Realistic layer-230 payloads, built identically for our bindings of the layer
//! (`tl_tests::grammers`) and for grammers-tl-types 0.11.0, for the wire-compatibility test
//! (`tests/wire_compat.rs`) and the benchmarks (`benches/codec.rs`, `benches/json.rs`).
//!
//! The builders are written once, in `payload_builders!`, and expanded over both crates:
//! both expansions run the same code with the same deterministic generator, so they build the
//! same logical values. The payloads:
//!
//! * (a) `messages.messages`: 100 messages (text of varied length with non-ASCII, entities,
//!   replies, photos, documents, web pages, flags, views/forwards, edits) and 20 users;
//! * (b) `updates.difference`: 10 new messages and 50 mixed updates, chats, users, state;
//! * (c) an `auth.sendCode` request;
//! * (d) `upload.file` with 512 KiB of JPEG-typed bytes.
//!
//! Included with `#[path]` by the test and the benchmark (grammers-tl-types is only a
//! dev-dependency of `tl-tests`, so this cannot live in the library).

#![allow(dead_code)]

/// Size of the `upload.file` payload's bytes.
pub const UPLOAD_LEN: usize = 512 * 1024;

/// xorshift64*: deterministic, dependency-free.
pub struct Gen(u64);

impl Gen {
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }

    pub fn i64(&mut self) -> i64 {
        self.next_u64() as i64
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(len + 8);
        while out.len() < len {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(len);
        out
    }

    /// `min` to `min + spread - 1` random bytes.
    pub fn bytes_about(&mut self, min: usize, spread: u32) -> Vec<u8> {
        let len = min + self.below(spread) as usize;
        self.bytes(len)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u32) as usize]
    }
}

/// Plain text fragments, some non-ASCII (entity offsets are in UTF-16 code units, as in TL).
const WORDS: &[&str] = &[
    "Hello",
    "everyone,",
    "the meeting moved to",
    "tomorrow at 10:00.",
    "Привет, как дела?",
    "Всё отлично, спасибо!",
    "今日はいい天気ですね。",
    "Ça marche 👍",
    "🎉🎉🎉",
    "Did you see the new release?",
    "The build is green again ✅",
    "Let me check and get back to you.",
    "¿Dónde está la biblioteca?",
    "Straße, Größe, Übermaß",
    "ok",
    "lol 😂",
    "Here are the notes from yesterday's call, with the action items at the end:",
    "1) update the docs 2) tag the release 3) announce it",
    "مرحبا بالعالم",
    "שלום עולם",
    "Thanks!",
    "I'll be 5 minutes late 🚇",
];

const URLS: &[&str] = &[
    "https://example.org/blog/2025/release-notes",
    "https://t.me/example_channel/1234",
    "https://docs.example.com/api/v2/messages#send",
    "http://example.net/a?b=c&d=e",
];

const FIRST_NAMES: &[&str] = &[
    "Alice",
    "Bob",
    "Carol",
    "Дмитрий",
    "Eve",
    "Frank",
    "Grace",
    "Hiro",
    "Иван",
    "Judy",
    "Karim",
    "Léa",
    "Mallory",
    "Nadia",
    "Олег",
    "Peggy",
    "Quentin",
    "Rupert",
    "Sybil",
    "太郎",
];

const LAST_NAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Иванова",
    "García",
    "Müller",
    "Rossi",
    "山田",
    "Dubois",
    "",
];

fn utf16_len(s: &str) -> i32 {
    s.encode_utf16().count() as i32
}

/// The kinds of entity the text builder emits (mapped onto each crate's types by the macro).
pub enum Entity {
    Bold(i32, i32),
    Italic(i32, i32),
    Code(i32, i32),
    Pre(i32, i32, &'static str),
    Url(i32, i32),
    TextUrl(i32, i32, &'static str),
    Mention(i32, i32),
    MentionName(i32, i32, i64),
    Hashtag(i32, i32),
    CustomEmoji(i32, i32, i64),
}

/// A message text of varied length with its entities (possibly none).
pub fn text(g: &mut Gen, user_ids: &[i64]) -> (String, Vec<Entity>) {
    let mut s = String::new();
    let mut entities = Vec::new();
    // Mostly short chat lines, some long posts.
    let pieces = match g.below(10) {
        0..=6 => 1 + g.below(2),
        7..=8 => 3 + g.below(4),
        _ => 6 + g.below(8),
    };
    for i in 0..pieces {
        if i > 0 {
            s.push(' ');
        }
        let at = utf16_len(&s);
        match g.below(20) {
            0 => {
                let url = g.pick(URLS);
                s.push_str(url);
                entities.push(Entity::Url(at, utf16_len(url)));
            }
            1 => {
                let name = g.pick(FIRST_NAMES);
                s.push('@');
                s.push_str(&name.to_lowercase());
                s.push_str("_tg");
                entities.push(Entity::Mention(at, utf16_len(&s) - at));
            }
            2 => {
                let w = g.pick(WORDS);
                s.push_str(w);
                entities.push(Entity::Bold(at, utf16_len(w)));
            }
            3 => {
                let w = g.pick(WORDS);
                s.push_str(w);
                entities.push(Entity::Italic(at, utf16_len(w)));
            }
            4 => {
                s.push_str("cargo bench -p tl-tests");
                entities.push(Entity::Code(at, utf16_len(&s) - at));
            }
            5 => {
                let w = g.pick(WORDS);
                s.push_str(w);
                let url = g.pick(URLS);
                entities.push(Entity::TextUrl(at, utf16_len(w), url));
            }
            6 => {
                let name = g.pick(FIRST_NAMES);
                s.push_str(name);
                let id = user_ids[g.below(user_ids.len() as u32) as usize];
                entities.push(Entity::MentionName(at, utf16_len(name), id));
            }
            7 => {
                s.push_str("#release");
                entities.push(Entity::Hashtag(at, 8));
            }
            8 if g.chance(30) => {
                s.push_str("fn main() {\n    println!(\"hi\");\n}");
                entities.push(Entity::Pre(at, utf16_len(&s) - at, "rust"));
            }
            9 => {
                s.push('🔥');
                entities.push(Entity::CustomEmoji(
                    at,
                    2,
                    5_368_000_000_000_000_000 + g.i64() % 1000,
                ));
            }
            _ => s.push_str(g.pick(WORDS)),
        }
    }
    (s, entities)
}

/// Expands to the builders over one crate's bindings (`root` has `types`, `enums` and
/// `functions`); `self_field` is the name of `user`'s `self:flags.10?true` field, the only
/// field name the two generators spell differently.
macro_rules! payload_builders {
    (root = $($root:ident)::+, self_field = $self_field:ident) => {
        use super::{Entity, Gen, UPLOAD_LEN};
        use $($root)::+::{enums, functions, types};

        const BASE_DATE: i32 = 1_750_000_000;
        const ME: i64 = 777_000_001;

        pub fn user_ids() -> Vec<i64> {
            (0..20).map(|i| 5_000_000_000 + i * 7919).collect()
        }

        fn peer_user(user_id: i64) -> enums::Peer {
            enums::Peer::from(types::PeerUser { user_id })
        }

        fn peer_chat(chat_id: i64) -> enums::Peer {
            enums::Peer::from(types::PeerChat { chat_id })
        }

        fn peer_channel(channel_id: i64) -> enums::Peer {
            enums::Peer::from(types::PeerChannel { channel_id })
        }

        fn entity(e: Entity) -> enums::MessageEntity {
            match e {
                Entity::Bold(offset, length) => types::MessageEntityBold { offset, length }.into(),
                Entity::Italic(offset, length) => {
                    types::MessageEntityItalic { offset, length }.into()
                }
                Entity::Code(offset, length) => types::MessageEntityCode { offset, length }.into(),
                Entity::Pre(offset, length, language) => types::MessageEntityPre {
                    offset,
                    length,
                    language: language.to_owned(),
                }
                .into(),
                Entity::Url(offset, length) => types::MessageEntityUrl { offset, length }.into(),
                Entity::TextUrl(offset, length, url) => types::MessageEntityTextUrl {
                    offset,
                    length,
                    url: url.to_owned(),
                }
                .into(),
                Entity::Mention(offset, length) => {
                    types::MessageEntityMention { offset, length }.into()
                }
                Entity::MentionName(offset, length, user_id) => types::MessageEntityMentionName {
                    offset,
                    length,
                    user_id,
                }
                .into(),
                Entity::Hashtag(offset, length) => {
                    types::MessageEntityHashtag { offset, length }.into()
                }
                Entity::CustomEmoji(offset, length, document_id) => {
                    types::MessageEntityCustomEmoji {
                        offset,
                        length,
                        document_id,
                    }
                    .into()
                }
            }
        }

        fn photo(g: &mut Gen) -> enums::Photo {
            let mut sizes: Vec<enums::PhotoSize> = vec![
                types::PhotoStrippedSize {
                    r#type: "i".to_owned(),
                    bytes: g.bytes_about(90, 40),
                }
                .into(),
                types::PhotoSize {
                    r#type: "m".to_owned(),
                    w: 320,
                    h: 240,
                    size: 14_000 + g.below(4000) as i32,
                }
                .into(),
            ];
            if g.chance(60) {
                sizes.push(
                    types::PhotoSizeProgressive {
                        r#type: "y".to_owned(),
                        w: 1280,
                        h: 960,
                        sizes: vec![9_000, 30_000, 61_000, 98_000, 131_000],
                    }
                    .into(),
                );
            } else {
                sizes.push(
                    types::PhotoSize {
                        r#type: "x".to_owned(),
                        w: 800,
                        h: 600,
                        size: 60_000 + g.below(20_000) as i32,
                    }
                    .into(),
                );
            }
            types::Photo {
                has_stickers: g.chance(5),
                id: g.i64(),
                access_hash: g.i64(),
                file_reference: g.bytes(29),
                date: BASE_DATE - g.below(86_400) as i32,
                sizes,
                video_sizes: None,
                dc_id: 2 + g.below(3) as i32,
            }
            .into()
        }

        fn document(g: &mut Gen) -> enums::Document {
            let (mime, attributes): (&str, Vec<enums::DocumentAttribute>) = match g.below(3) {
                0 => (
                    "video/mp4",
                    vec![
                        types::DocumentAttributeVideo {
                            round_message: false,
                            supports_streaming: true,
                            nosound: false,
                            duration: 12.5 + f64::from(g.below(600)),
                            w: 1280,
                            h: 720,
                            preload_prefix_size: Some(131_072),
                            video_start_ts: None,
                            video_codec: Some("h264".to_owned()),
                        }
                        .into(),
                        types::DocumentAttributeFilename {
                            file_name: "clip.mp4".to_owned(),
                        }
                        .into(),
                    ],
                ),
                1 => (
                    "audio/ogg",
                    vec![
                        types::DocumentAttributeAudio {
                            voice: true,
                            duration: 3 + g.below(60) as i32,
                            title: None,
                            performer: None,
                            waveform: Some(g.bytes(63)),
                        }
                        .into(),
                    ],
                ),
                _ => (
                    "application/pdf",
                    vec![
                        types::DocumentAttributeFilename {
                            file_name: "Отчёт за квартал.pdf".to_owned(),
                        }
                        .into(),
                    ],
                ),
            };
            let thumbs: Option<Vec<enums::PhotoSize>> = if mime == "video/mp4" {
                Some(vec![
                    types::PhotoStrippedSize {
                        r#type: "i".to_owned(),
                        bytes: g.bytes(70),
                    }
                    .into(),
                    types::PhotoSize {
                        r#type: "m".to_owned(),
                        w: 320,
                        h: 180,
                        size: 9_000,
                    }
                    .into(),
                ])
            } else {
                None
            };
            types::Document {
                id: g.i64(),
                access_hash: g.i64(),
                file_reference: g.bytes(29),
                date: BASE_DATE - g.below(86_400) as i32,
                mime_type: mime.to_owned(),
                size: 10_000 + i64::from(g.below(50_000_000)),
                thumbs,
                video_thumbs: None,
                dc_id: 2 + g.below(3) as i32,
                attributes,
            }
            .into()
        }

        fn web_page(g: &mut Gen) -> enums::WebPage {
            let has_photo = g.chance(50);
            types::WebPage {
                has_large_media: has_photo,
                video_cover_photo: false,
                id: g.i64(),
                url: "https://example.org/blog/2025/release-notes".to_owned(),
                display_url: "example.org/blog/2025/release-notes".to_owned(),
                hash: g.below(1 << 30) as i32,
                r#type: Some("article".to_owned()),
                site_name: Some("Example Blog".to_owned()),
                title: Some("Release notes: what's new in 2025".to_owned()),
                description: Some(
                    "Faster decoding, smaller binaries and a brand-new schema compiler. \
                     Воспроизводимые сборки и многое другое."
                        .to_owned(),
                ),
                photo: if has_photo { Some(photo(g)) } else { None },
                embed_url: None,
                embed_type: None,
                embed_width: None,
                embed_height: None,
                duration: None,
                author: Some("The Example Team".to_owned()),
                document: None,
                cached_page: None,
                attributes: None,
            }
            .into()
        }

        fn media(g: &mut Gen) -> Option<enums::MessageMedia> {
            match g.below(100) {
                0..=16 => Some(
                    types::MessageMediaPhoto {
                        spoiler: g.chance(5),
                        live_photo: false,
                        photo: Some(photo(g)),
                        ttl_seconds: None,
                        video: None,
                    }
                    .into(),
                ),
                17..=22 => Some(
                    types::MessageMediaDocument {
                        nopremium: false,
                        spoiler: false,
                        video: false,
                        round: false,
                        voice: false,
                        document: Some(document(g)),
                        alt_documents: None,
                        video_cover: None,
                        video_timestamp: None,
                        ttl_seconds: None,
                    }
                    .into(),
                ),
                23..=26 => Some(
                    types::MessageMediaWebPage {
                        force_large_media: false,
                        force_small_media: false,
                        manual: false,
                        safe: true,
                        webpage: web_page(g),
                    }
                    .into(),
                ),
                _ => None,
            }
        }

        fn reactions(g: &mut Gen) -> enums::MessageReactions {
            let emoji = ["👍", "❤", "🔥", "😁"];
            let n = 1 + g.below(3) as usize;
            types::MessageReactions {
                min: false,
                can_see_list: g.chance(50),
                reactions_as_tags: false,
                results: emoji[..n]
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        types::ReactionCount {
                            chosen_order: if i == 0 && g.chance(30) { Some(0) } else { None },
                            reaction: types::ReactionEmoji {
                                emoticon: (*e).to_owned(),
                            }
                            .into(),
                            count: 1 + g.below(40) as i32,
                        }
                        .into()
                    })
                    .collect(),
                recent_reactions: None,
                top_reactors: None,
            }
            .into()
        }

        /// A message numbered `id` in `peer_id`; a channel post when `channel` is set.
        fn message(g: &mut Gen, id: i32, peer_id: enums::Peer, channel: bool) -> enums::Message {
            let users = user_ids();
            let (message, entities) = super::text(g, &users);
            let from = users[g.below(users.len() as u32) as usize];
            let out = !channel && g.chance(30);
            let post = channel && g.chance(70);
            let reply_to: Option<enums::MessageReplyHeader> = if g.chance(20) {
                Some(
                    types::MessageReplyHeader {
                        reply_to_scheduled: false,
                        forum_topic: false,
                        quote: false,
                        reply_to_ephemeral: false,
                        reply_to_msg_id: Some(id - 1 - g.below(10) as i32),
                        reply_to_peer_id: None,
                        reply_from: None,
                        reply_media: None,
                        reply_to_top_id: None,
                        quote_text: None,
                        quote_entities: None,
                        quote_offset: None,
                        todo_item_id: None,
                        poll_option: None,
                    }
                    .into(),
                )
            } else {
                None
            };
            let fwd_from: Option<enums::MessageFwdHeader> = if g.chance(5) {
                Some(
                    types::MessageFwdHeader {
                        imported: false,
                        saved_out: false,
                        from_id: Some(peer_channel(1_900_000_123)),
                        from_name: None,
                        date: BASE_DATE - 100_000,
                        channel_post: Some(4_242),
                        post_author: Some("Editor".to_owned()),
                        saved_from_peer: None,
                        saved_from_msg_id: None,
                        saved_from_id: None,
                        saved_from_name: None,
                        saved_date: None,
                        psa_type: None,
                    }
                    .into(),
                )
            } else {
                None
            };
            // views and forwards share flags.10: both or neither.
            let counted = channel || g.chance(10);
            let edited = g.chance(15);
            types::Message {
                out,
                mentioned: !out && g.chance(8),
                media_unread: g.chance(5),
                silent: g.chance(10),
                post,
                from_scheduled: g.chance(3),
                legacy: false,
                edit_hide: edited && g.chance(20),
                pinned: g.chance(3),
                noforwards: g.chance(2),
                invert_media: false,
                offline: false,
                video_processing_pending: false,
                paid_suggested_post_stars: false,
                paid_suggested_post_ton: false,
                id,
                from_id: if post {
                    None
                } else if out {
                    Some(peer_user(ME))
                } else {
                    Some(peer_user(from))
                },
                from_boosts_applied: None,
                from_rank: None,
                peer_id,
                saved_peer_id: None,
                fwd_from,
                via_bot_id: if g.chance(3) { Some(users[19]) } else { None },
                via_business_bot_id: None,
                guestchat_via_from: None,
                reply_to,
                date: BASE_DATE + id * 37,
                message,
                media: media(g),
                reply_markup: None,
                entities: if entities.is_empty() {
                    None
                } else {
                    Some(entities.into_iter().map(entity).collect())
                },
                views: if counted { Some(100 + g.below(50_000) as i32) } else { None },
                forwards: if counted { Some(g.below(300) as i32) } else { None },
                replies: None,
                edit_date: if edited { Some(BASE_DATE + id * 37 + 600) } else { None },
                post_author: if post && g.chance(50) {
                    Some("Анна".to_owned())
                } else {
                    None
                },
                grouped_id: None,
                reactions: if g.chance(15) { Some(reactions(g)) } else { None },
                restriction_reason: None,
                ttl_period: None,
                quick_reply_shortcut_id: None,
                effect: None,
                factcheck: None,
                report_delivery_until_date: None,
                paid_message_stars: None,
                suggested_post: None,
                schedule_repeat_period: None,
                summary_from_language: None,
                rich_message: None,
            }
            .into()
        }

        fn user(g: &mut Gen, i: usize, id: i64) -> enums::User {
            let bot = i % 7 == 6;
            let first = super::FIRST_NAMES[i % super::FIRST_NAMES.len()];
            let last = g.pick(super::LAST_NAMES);
            let status: enums::UserStatus = match g.below(5) {
                0 => types::UserStatusOnline {
                    expires: BASE_DATE + 300,
                }
                .into(),
                1 => types::UserStatusOffline {
                    was_online: BASE_DATE - g.below(100_000) as i32,
                }
                .into(),
                2 => types::UserStatusRecently { by_me: false }.into(),
                3 => types::UserStatusLastWeek { by_me: g.chance(50) }.into(),
                _ => types::UserStatusEmpty {}.into(),
            };
            let photo: Option<enums::UserProfilePhoto> = if g.chance(75) {
                Some(
                    types::UserProfilePhoto {
                        has_video: g.chance(10),
                        personal: false,
                        photo_id: g.i64(),
                        stripped_thumb: Some(g.bytes_about(60, 40)),
                        dc_id: 2 + g.below(3) as i32,
                    }
                    .into(),
                )
            } else {
                None
            };
            let username = format!("{}_tg", first.to_lowercase());
            let usernames: Option<Vec<enums::Username>> = if g.chance(15) {
                Some(vec![
                    types::Username {
                        editable: true,
                        active: true,
                        deletable: false,
                        expired: false,
                        username: username.clone(),
                    }
                    .into(),
                    types::Username {
                        editable: false,
                        active: true,
                        deletable: false,
                        expired: false,
                        username: format!("{username}_alt"),
                    }
                    .into(),
                ])
            } else {
                None
            };
            types::User {
                $self_field: false,
                contact: !bot && g.chance(40),
                mutual_contact: !bot && g.chance(20),
                deleted: false,
                // bot shares flags.14 with bot_info_version: both or neither.
                bot,
                bot_chat_history: false,
                bot_nochats: bot,
                verified: g.chance(10),
                restricted: false,
                min: false,
                bot_inline_geo: false,
                support: false,
                scam: false,
                apply_min_photo: true,
                fake: false,
                bot_attach_menu: false,
                premium: g.chance(30),
                attach_menu_enabled: false,
                bot_can_edit: false,
                close_friend: false,
                stories_hidden: false,
                stories_unavailable: true,
                contact_require_premium: false,
                bot_business: false,
                bot_has_main_app: false,
                bot_forum_view: false,
                bot_forum_can_manage_topics: false,
                bot_can_manage_bots: false,
                bot_guestchat: false,
                bot_guard: false,
                id,
                access_hash: Some(g.i64()),
                first_name: Some(first.to_owned()),
                last_name: if last.is_empty() { None } else { Some(last.to_owned()) },
                username: if usernames.is_none() { Some(username) } else { None },
                phone: if bot {
                    None
                } else {
                    Some(format!("4479{:08}", g.below(100_000_000)))
                },
                photo,
                status: Some(status),
                bot_info_version: if bot { Some(3) } else { None },
                restriction_reason: None,
                bot_inline_placeholder: if bot {
                    Some("Search…".to_owned())
                } else {
                    None
                },
                lang_code: if g.chance(50) { Some("en".to_owned()) } else { None },
                emoji_status: None,
                usernames,
                stories_max_id: None,
                color: None,
                profile_color: None,
                bot_active_users: if bot { Some(12_345) } else { None },
                bot_verification_icon: None,
                send_paid_messages_stars: None,
                linked_community_id: None,
            }
            .into()
        }

        fn users(g: &mut Gen, n: usize) -> Vec<enums::User> {
            user_ids()
                .into_iter()
                .take(n)
                .enumerate()
                .map(|(i, id)| user(g, i, id))
                .collect()
        }

        fn chat(g: &mut Gen, id: i64) -> enums::Chat {
            types::Chat {
                creator: g.chance(30),
                left: false,
                deactivated: false,
                call_active: false,
                call_not_empty: false,
                noforwards: false,
                id,
                title: "Weekend hiking 🏔".to_owned(),
                photo: if g.chance(50) {
                    types::ChatPhoto {
                        has_video: false,
                        photo_id: g.i64(),
                        stripped_thumb: Some(g.bytes(80)),
                        dc_id: 2,
                    }
                    .into()
                } else {
                    types::ChatPhotoEmpty {}.into()
                },
                participants_count: 3 + g.below(100) as i32,
                date: BASE_DATE - 5_000_000,
                version: 1 + g.below(20) as i32,
                migrated_to: None,
                admin_rights: None,
                default_banned_rights: None,
            }
            .into()
        }

        fn channel(g: &mut Gen, id: i64, megagroup: bool) -> enums::Chat {
            types::Channel {
                creator: false,
                left: false,
                broadcast: !megagroup,
                verified: !megagroup,
                megagroup,
                restricted: false,
                signatures: !megagroup,
                min: false,
                scam: false,
                has_link: true,
                has_geo: false,
                slowmode_enabled: false,
                call_active: false,
                call_not_empty: false,
                fake: false,
                gigagroup: false,
                noforwards: false,
                join_to_send: megagroup,
                join_request: false,
                forum: false,
                stories_hidden: false,
                stories_hidden_min: false,
                stories_unavailable: true,
                signature_profiles: false,
                autotranslation: false,
                broadcast_messages_allowed: false,
                monoforum: false,
                forum_tabs: false,
                id,
                access_hash: Some(g.i64()),
                title: if megagroup {
                    "Rust 🦀 Русскоязычное сообщество".to_owned()
                } else {
                    "Example News".to_owned()
                },
                username: Some(if megagroup { "rust_ru" } else { "example_news" }.to_owned()),
                photo: types::ChatPhoto {
                    has_video: false,
                    photo_id: g.i64(),
                    stripped_thumb: Some(g.bytes(80)),
                    dc_id: 4,
                }
                .into(),
                date: BASE_DATE - 50_000_000,
                restriction_reason: None,
                admin_rights: None,
                banned_rights: None,
                default_banned_rights: if megagroup {
                    Some(
                        types::ChatBannedRights {
                            view_messages: false,
                            send_messages: false,
                            send_media: false,
                            send_stickers: false,
                            send_gifs: false,
                            send_games: true,
                            send_inline: true,
                            embed_links: false,
                            send_polls: true,
                            change_info: true,
                            invite_users: false,
                            pin_messages: true,
                            manage_topics: true,
                            send_photos: false,
                            send_videos: false,
                            send_roundvideos: false,
                            send_audios: false,
                            send_voices: false,
                            send_docs: false,
                            send_plain: false,
                            edit_rank: false,
                            send_reactions: false,
                            manage_linked_peers: false,
                            until_date: i32::MAX,
                        }
                        .into(),
                    )
                } else {
                    None
                },
                participants_count: Some(10_000 + g.below(100_000) as i32),
                usernames: None,
                stories_max_id: None,
                color: None,
                profile_color: None,
                emoji_status: None,
                level: Some(3),
                subscription_until_date: None,
                bot_verification_icon: None,
                send_paid_messages_stars: None,
                linked_monoforum_id: None,
                linked_community_id: None,
            }
            .into()
        }

        /// (a) `messages.messages`: 100 messages of a private chat, 20 users.
        pub fn messages_messages() -> enums::messages::Messages {
            let mut g = Gen::new(0xa11ce);
            let users_ids = user_ids();
            let messages = (0..100)
                .map(|i| {
                    let peer = peer_user(users_ids[(i % 20) as usize]);
                    message(&mut g, 200_000 - i, peer, false)
                })
                .collect();
            types::messages::Messages {
                messages,
                topics: Vec::new(),
                chats: Vec::new(),
                users: users(&mut g, 20),
            }
            .into()
        }

        /// (b) `updates.difference`: 10 new messages, 50 mixed updates, 5 chats, 10 users.
        pub fn updates_difference() -> enums::updates::Difference {
            let mut g = Gen::new(0xd1ff);
            let ids = user_ids();
            let (chat_id, group_id, channel_id) = (4_100_000_001, 1_700_000_001, 1_900_000_123);
            let new_messages = (0..10)
                .map(|i| message(&mut g, 300_000 + i, peer_user(ids[i as usize]), false))
                .collect();
            let mut other_updates: Vec<enums::Update> = Vec::new();
            for i in 0..50_i32 {
                let pts = 80_000 + i * 2;
                let update: enums::Update = match i % 16 {
                    0 => types::UpdateNewChannelMessage {
                        message: message(&mut g, 9_000 + i, peer_channel(channel_id), true),
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    1 => types::UpdateEditMessage {
                        message: message(&mut g, 300_000 - i, peer_chat(chat_id), false),
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    2 => types::UpdateDeleteMessages {
                        messages: (0..1 + g.below(8) as i32).map(|k| 299_000 + k).collect(),
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    3 => types::UpdateReadHistoryInbox {
                        folder_id: if g.chance(20) { Some(1) } else { None },
                        peer: peer_user(ids[(i % 20) as usize]),
                        top_msg_id: None,
                        max_id: 300_000 + i,
                        still_unread_count: g.below(5) as i32,
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    4 => types::UpdateReadHistoryOutbox {
                        peer: peer_chat(chat_id),
                        max_id: 300_000 + i,
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    5 => types::UpdateUserStatus {
                        user_id: ids[(i % 20) as usize],
                        status: if g.chance(50) {
                            types::UserStatusOnline {
                                expires: BASE_DATE + 300,
                            }
                            .into()
                        } else {
                            types::UserStatusOffline {
                                was_online: BASE_DATE - 60,
                            }
                            .into()
                        },
                    }
                    .into(),
                    6 => types::UpdateUserTyping {
                        user_id: ids[(i % 20) as usize],
                        top_msg_id: None,
                        action: types::SendMessageTypingAction {}.into(),
                    }
                    .into(),
                    7 => types::UpdateChatUserTyping {
                        chat_id,
                        from_id: peer_user(ids[(i % 20) as usize]),
                        action: types::SendMessageTypingAction {}.into(),
                    }
                    .into(),
                    8 => types::UpdateDeleteChannelMessages {
                        channel_id,
                        messages: vec![8_990 + i, 8_991 + i],
                        pts,
                        pts_count: 2,
                    }
                    .into(),
                    9 => types::UpdateReadChannelInbox {
                        folder_id: None,
                        channel_id: group_id,
                        max_id: 120_000 + i,
                        still_unread_count: 17,
                        pts,
                    }
                    .into(),
                    10 => types::UpdateChannelMessageViews {
                        channel_id,
                        id: 9_000 + i,
                        views: 10_000 + g.below(10_000) as i32,
                    }
                    .into(),
                    11 => types::UpdateMessageId {
                        id: 300_100 + i,
                        random_id: g.i64(),
                    }
                    .into(),
                    12 => types::UpdateNewMessage {
                        message: message(&mut g, 300_200 + i, peer_chat(chat_id), false),
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    13 => types::UpdatePinnedMessages {
                        pinned: true,
                        peer: peer_channel(group_id),
                        messages: vec![120_000 + i],
                        pts,
                        pts_count: 1,
                    }
                    .into(),
                    14 => types::UpdateChannelTooLong {
                        channel_id: group_id,
                        pts: Some(pts),
                    }
                    .into(),
                    _ => types::UpdateMessageReactions {
                        peer: peer_channel(channel_id),
                        msg_id: 9_000 + i,
                        top_msg_id: None,
                        saved_peer_id: None,
                        reactions: reactions(&mut g),
                    }
                    .into(),
                };
                other_updates.push(update);
            }
            let chats = vec![
                chat(&mut g, chat_id),
                chat(&mut g, chat_id + 1),
                chat(&mut g, chat_id + 2),
                channel(&mut g, group_id, true),
                channel(&mut g, channel_id, false),
            ];
            types::updates::Difference {
                new_messages,
                new_encrypted_messages: Vec::new(),
                other_updates,
                chats,
                users: users(&mut g, 10),
                state: types::updates::State {
                    pts: 80_100,
                    qts: 0,
                    date: BASE_DATE + 4_000,
                    seq: 0,
                    unread_count: 7,
                }
                .into(),
            }
            .into()
        }

        /// (c) `auth.sendCode` with a couple of `codeSettings` flags and a logout token.
        pub fn send_code() -> functions::auth::SendCode {
            functions::auth::SendCode {
                phone_number: "+447911123456".to_owned(),
                api_id: 611_335,
                api_hash: "d524b414d21f4d37f08684c1df41ac9c".to_owned(),
                settings: types::CodeSettings {
                    allow_flashcall: false,
                    current_number: true,
                    allow_app_hash: true,
                    allow_missed_call: false,
                    allow_firebase: false,
                    unknown_number: false,
                    logout_tokens: Some(vec![Gen::new(0x5e4d).bytes(32)]),
                    token: None,
                    app_sandbox: None,
                }
                .into(),
            }
        }

        /// (d) `upload.file`: a JPEG part of [`UPLOAD_LEN`] bytes.
        pub fn upload_file() -> enums::upload::File {
            types::upload::File {
                r#type: types::storage::FileJpeg {}.into(),
                mtime: BASE_DATE,
                bytes: Gen::new(0xf11e).bytes(UPLOAD_LEN),
            }
            .into()
        }
    };
}

/// The payloads in our bindings of layer 230.
#[cfg(grammers_layer)]
pub mod ours {
    payload_builders!(root = tl_tests::grammers, self_field = self_);
}

/// The payloads in grammers-tl-types 0.11.0.
#[cfg(grammers_layer)]
pub mod theirs {
    payload_builders!(root = grammers_tl_types, self_field = is_self);
}

#[cfg(grammers_layer)]
pub use self::{
    ours::{
        messages_messages as ours_a, send_code as ours_c, updates_difference as ours_b,
        upload_file as ours_d,
    },
    theirs::{
        messages_messages as theirs_a, send_code as theirs_c, updates_difference as theirs_b,
        upload_file as theirs_d,
    },
};
