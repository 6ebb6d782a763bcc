//! Valid values with every flag set, built from the bundled schema's real definitions: the
//! seeds of the truncation and random-input tests.

use tl_types::{enums, types};

fn peer_user(user_id: i64) -> enums::Peer {
    types::PeerUser { user_id }.into()
}

fn restriction_reasons() -> Vec<enums::RestrictionReason> {
    vec![
        types::RestrictionReason {
            platform: "all".into(),
            reason: "porn".into(),
            text: "x".repeat(260), // long length prefix
        }
        .into(),
    ]
}

fn peer_color(color: i32) -> enums::PeerColor {
    types::PeerColor {
        color: Some(color),
        background_emoji_id: Some(-(color as i64)),
    }
    .into()
}

pub(crate) fn full_user(id: i64) -> enums::User {
    types::User {
        self_: true,
        contact: true,
        mutual_contact: true,
        deleted: true,
        bot: true,
        bot_chat_history: true,
        bot_nochats: true,
        verified: true,
        restricted: true,
        min: true,
        bot_inline_geo: true,
        support: true,
        scam: true,
        apply_min_photo: true,
        fake: true,
        bot_attach_menu: true,
        premium: true,
        attach_menu_enabled: true,
        bot_can_edit: true,
        close_friend: true,
        stories_hidden: true,
        stories_unavailable: true,
        contact_require_premium: true,
        bot_business: true,
        bot_has_main_app: true,
        id,
        access_hash: Some(-5),
        first_name: Some("Ünïcödé ✓".into()),
        last_name: Some("x".repeat(300)), // long length prefix
        username: Some("user".into()),
        phone: Some(String::new()),
        photo: Some(
            types::UserProfilePhoto {
                has_video: true,
                personal: true,
                photo_id: 9,
                stripped_thumb: Some(vec![1, 2, 3, 4, 5]),
                dc_id: 2,
            }
            .into(),
        ),
        status: Some(
            types::UserStatusOnline {
                expires: 1_700_000_000,
            }
            .into(),
        ),
        bot_info_version: Some(3),
        restriction_reason: Some(restriction_reasons()),
        bot_inline_placeholder: Some("search…".into()),
        lang_code: Some("en".into()),
        emoji_status: Some(
            types::EmojiStatus {
                document_id: 77,
                until: Some(1_800_000_000),
            }
            .into(),
        ),
        usernames: Some(vec![
            types::Username {
                editable: true,
                active: true,
                username: "a".into(),
            }
            .into(),
            types::Username {
                editable: false,
                active: false,
                username: "bc".into(),
            }
            .into(),
        ]),
        stories_max_id: Some(12),
        color: Some(peer_color(5)),
        profile_color: Some(peer_color(6)),
        bot_active_users: Some(1_000),
        bot_verification_icon: Some(i64::MIN),
        send_paid_messages_stars: Some(i64::MAX),
    }
    .into()
}

fn entities() -> Vec<enums::MessageEntity> {
    vec![
        types::MessageEntityBold {
            offset: 0,
            length: 4,
        }
        .into(),
        types::MessageEntityPre {
            offset: 1,
            length: 2,
            language: "rust".into(),
        }
        .into(),
        types::MessageEntityTextUrl {
            offset: 3,
            length: 1,
            url: "https://t.me".into(),
        }
        .into(),
        types::MessageEntityBlockquote {
            collapsed: true,
            offset: 0,
            length: 9,
        }
        .into(),
        types::MessageEntityMentionName {
            offset: 5,
            length: 6,
            user_id: 1 << 40,
        }
        .into(),
    ]
}

fn full_photo() -> enums::Photo {
    types::Photo {
        has_stickers: true,
        id: 100,
        access_hash: 101,
        file_reference: vec![0xab; 17],
        date: 5,
        sizes: vec![
            types::PhotoSize {
                r#type: "m".into(),
                w: 320,
                h: 240,
                size: 999,
            }
            .into(),
            types::PhotoCachedSize {
                r#type: "s".into(),
                w: 1,
                h: 1,
                bytes: vec![0; 3],
            }
            .into(),
            types::PhotoSizeProgressive {
                r#type: "y".into(),
                w: 2,
                h: 2,
                sizes: vec![1, 2, 3],
            }
            .into(),
        ],
        video_sizes: Some(vec![
            types::VideoSize {
                r#type: "u".into(),
                w: 640,
                h: 640,
                size: 12_345,
                video_start_ts: Some(1.25),
            }
            .into(),
        ]),
        dc_id: 4,
    }
    .into()
}

fn reaction_counts() -> Vec<enums::ReactionCount> {
    vec![
        types::ReactionCount {
            chosen_order: Some(1),
            reaction: types::ReactionEmoji {
                emoticon: "👍".into(),
            }
            .into(),
            count: 3,
        }
        .into(),
        types::ReactionCount {
            chosen_order: None,
            reaction: enums::Reaction::Paid,
            count: 1,
        }
        .into(),
    ]
}

fn full_reactions() -> enums::MessageReactions {
    types::MessageReactions {
        min: true,
        can_see_list: true,
        reactions_as_tags: true,
        results: reaction_counts(),
        recent_reactions: Some(vec![
            types::MessagePeerReaction {
                big: true,
                unread: true,
                my: true,
                peer_id: peer_user(9),
                date: 10,
                reaction: types::ReactionCustomEmoji { document_id: 11 }.into(),
            }
            .into(),
        ]),
        top_reactors: Some(vec![
            types::MessageReactor {
                top: true,
                my: true,
                anonymous: true,
                peer_id: Some(peer_user(12)),
                count: 13,
            }
            .into(),
        ]),
    }
    .into()
}

/// A story whose media is `media`: the recursion MessageMedia -> StoryItem -> MessageMedia.
fn full_story(media: enums::MessageMedia) -> enums::StoryItem {
    let coordinates = types::MediaAreaCoordinates {
        x: 0.5,
        y: -0.5,
        w: 10.0,
        h: 20.0,
        rotation: 90.0,
        radius: Some(f64::MIN_POSITIVE),
    };
    types::StoryItem {
        pinned: true,
        public: true,
        close_friends: true,
        min: true,
        noforwards: true,
        edited: true,
        contacts: true,
        selected_contacts: true,
        out: true,
        id: 8,
        date: 1,
        from_id: Some(peer_user(3)),
        fwd_from: Some(
            types::StoryFwdHeader {
                modified: true,
                from: Some(types::PeerChannel { channel_id: 4 }.into()),
                from_name: Some("fwd".into()),
                story_id: Some(5),
            }
            .into(),
        ),
        expire_date: 2,
        caption: Some("caption".into()),
        entities: Some(entities()),
        media,
        media_areas: Some(vec![
            types::MediaAreaUrl {
                coordinates: coordinates.clone().into(),
                url: "https://t.me".into(),
            }
            .into(),
            types::MediaAreaSuggestedReaction {
                dark: true,
                flipped: true,
                coordinates: coordinates.into(),
                reaction: enums::Reaction::Empty,
            }
            .into(),
        ]),
        privacy: Some(vec![
            enums::PrivacyRule::PrivacyValueAllowAll,
            types::PrivacyValueAllowUsers { users: vec![1, 2] }.into(),
        ]),
        views: Some(
            types::StoryViews {
                has_viewers: true,
                views_count: 100,
                forwards_count: Some(2),
                reactions: Some(reaction_counts()),
                reactions_count: Some(4),
                recent_viewers: Some(vec![7, 8]),
            }
            .into(),
        ),
        sent_reaction: Some(enums::Reaction::Paid),
        albums: Some(vec![1]),
    }
    .into()
}

fn full_fwd_header() -> enums::MessageFwdHeader {
    types::MessageFwdHeader {
        imported: true,
        saved_out: true,
        from_id: Some(peer_user(20)),
        from_name: Some("from".into()),
        date: 21,
        channel_post: Some(22),
        post_author: Some("author".into()),
        saved_from_peer: Some(types::PeerChat { chat_id: 23 }.into()),
        saved_from_msg_id: Some(24),
        saved_from_id: Some(peer_user(25)),
        saved_from_name: Some("saved".into()),
        saved_date: Some(26),
        psa_type: Some("psa".into()),
    }
    .into()
}

fn full_reply_header(media: enums::MessageMedia) -> enums::MessageReplyHeader {
    types::MessageReplyHeader {
        reply_to_scheduled: true,
        forum_topic: true,
        quote: true,
        reply_to_msg_id: Some(7),
        reply_to_peer_id: Some(peer_user(5)),
        reply_from: Some(full_fwd_header()),
        reply_media: Some(media),
        reply_to_top_id: Some(6),
        quote_text: Some("quoted".into()),
        quote_entities: Some(entities()),
        quote_offset: Some(2),
        todo_item_id: Some(3),
    }
    .into()
}

fn inline_keyboard() -> enums::ReplyMarkup {
    types::ReplyInlineMarkup {
        rows: vec![
            types::KeyboardButtonRow {
                buttons: vec![
                    types::KeyboardButton { text: "ok".into() }.into(),
                    types::KeyboardButtonCallback {
                        requires_password: true,
                        text: "cb".into(),
                        data: vec![1, 2, 3],
                    }
                    .into(),
                ],
            }
            .into(),
        ],
    }
    .into()
}

/// The optional parts of a message that carry nested objects, each present.
fn message_extras() -> (
    enums::MessageReplies,
    enums::FactCheck,
    enums::SuggestedPost,
) {
    let replies = types::MessageReplies {
        comments: true,
        replies: 30,
        replies_pts: 31,
        recent_repliers: Some(vec![peer_user(32)]),
        channel_id: Some(33),
        max_id: Some(34),
        read_max_id: Some(35),
    };
    let factcheck = types::FactCheck {
        need_check: true,
        country: Some("NL".into()),
        text: Some(
            types::TextWithEntities {
                text: "checked".into(),
                entities: entities(),
            }
            .into(),
        ),
        hash: 36,
    };
    let suggested_post = types::SuggestedPost {
        accepted: true,
        rejected: true,
        price: Some(
            types::StarsAmount {
                amount: 37,
                nanos: 38,
            }
            .into(),
        ),
        schedule_date: Some(39),
    };
    (replies.into(), factcheck.into(), suggested_post.into())
}

pub(crate) fn full_message(id: i32) -> enums::Message {
    let story_media = types::MessageMediaStory {
        via_mention: true,
        peer: types::PeerChannel { channel_id: 3 }.into(),
        id: 8,
        story: Some(full_story(
            types::MessageMediaPhoto {
                spoiler: true,
                photo: Some(full_photo()),
                ttl_seconds: Some(60),
            }
            .into(),
        )),
    };
    let (replies, factcheck, suggested_post) = message_extras();
    types::Message {
        out: true,
        mentioned: true,
        media_unread: true,
        silent: true,
        post: true,
        from_scheduled: true,
        legacy: true,
        edit_hide: true,
        pinned: true,
        noforwards: true,
        invert_media: true,
        offline: true,
        video_processing_pending: true,
        paid_suggested_post_stars: true,
        paid_suggested_post_ton: true,
        id,
        from_id: Some(peer_user(1)),
        from_boosts_applied: Some(2),
        peer_id: types::PeerChat { chat_id: 2 }.into(),
        saved_peer_id: Some(peer_user(3)),
        fwd_from: Some(full_fwd_header()),
        via_bot_id: Some(4),
        via_business_bot_id: Some(5),
        reply_to: Some(full_reply_header(story_media.into())),
        date: 1_700_000_000,
        message: "héllo wörld ".repeat(30),
        media: Some(
            types::MessageMediaPhoto {
                spoiler: false,
                photo: Some(full_photo()),
                ttl_seconds: Some(1),
            }
            .into(),
        ),
        reply_markup: Some(inline_keyboard()),
        entities: Some(entities()),
        views: Some(10),
        forwards: Some(11),
        replies: Some(replies),
        edit_date: Some(12),
        post_author: Some("author".into()),
        grouped_id: Some(13),
        reactions: Some(full_reactions()),
        restriction_reason: Some(restriction_reasons()),
        ttl_period: Some(14),
        quick_reply_shortcut_id: Some(15),
        effect: Some(16),
        factcheck: Some(factcheck),
        report_delivery_until_date: Some(17),
        paid_message_stars: Some(18),
        suggested_post: Some(suggested_post),
    }
    .into()
}

fn full_service_message(id: i32) -> enums::Message {
    types::MessageService {
        out: true,
        mentioned: false,
        media_unread: true,
        reactions_are_possible: false,
        silent: true,
        post: false,
        legacy: true,
        id,
        from_id: None,
        peer_id: peer_user(8),
        saved_peer_id: Some(peer_user(9)),
        reply_to: None,
        date: 4,
        action: types::MessageActionChatCreate {
            title: "group".into(),
            users: vec![1, 2, 3],
        }
        .into(),
        reactions: Some(full_reactions()),
        ttl_period: None,
    }
    .into()
}

fn admin_rights() -> types::ChatAdminRights {
    types::ChatAdminRights {
        change_info: true,
        post_messages: false,
        edit_messages: true,
        delete_messages: false,
        ban_users: true,
        invite_users: false,
        pin_messages: true,
        add_admins: false,
        anonymous: true,
        manage_call: false,
        other: true,
        manage_topics: false,
        post_stories: true,
        edit_stories: false,
        delete_stories: true,
        manage_direct_messages: true,
    }
}

fn banned_rights(until_date: i32) -> types::ChatBannedRights {
    types::ChatBannedRights {
        view_messages: false,
        send_messages: true,
        send_media: false,
        send_stickers: true,
        send_gifs: false,
        send_games: true,
        send_inline: false,
        embed_links: true,
        send_polls: false,
        change_info: true,
        invite_users: false,
        pin_messages: true,
        manage_topics: false,
        send_photos: true,
        send_videos: false,
        send_roundvideos: true,
        send_audios: false,
        send_voices: true,
        send_docs: false,
        send_plain: true,
        until_date,
    }
}

fn full_chat() -> enums::Chat {
    types::Chat {
        creator: true,
        left: false,
        deactivated: true,
        call_active: true,
        call_not_empty: false,
        noforwards: true,
        id: 55,
        title: "chat".into(),
        photo: types::ChatPhoto {
            has_video: true,
            photo_id: 1,
            stripped_thumb: Some(vec![9; 6]),
            dc_id: 2,
        }
        .into(),
        participants_count: 3,
        date: 4,
        version: 5,
        migrated_to: Some(
            types::InputChannel {
                channel_id: 66,
                access_hash: 1,
            }
            .into(),
        ),
        admin_rights: Some(admin_rights().into()),
        default_banned_rights: Some(banned_rights(0).into()),
    }
    .into()
}

fn full_channel() -> enums::Chat {
    types::Channel {
        creator: true,
        left: false,
        broadcast: true,
        verified: true,
        megagroup: true,
        restricted: true,
        signatures: false,
        min: true,
        scam: false,
        has_link: true,
        has_geo: false,
        slowmode_enabled: true,
        call_active: false,
        call_not_empty: true,
        fake: false,
        gigagroup: true,
        noforwards: false,
        join_to_send: true,
        join_request: false,
        forum: true,
        stories_hidden: false,
        stories_hidden_min: true,
        stories_unavailable: false,
        signature_profiles: true,
        autotranslation: false,
        broadcast_messages_allowed: true,
        monoforum: false,
        forum_tabs: true,
        id: 66,
        access_hash: Some(1),
        title: "channel".into(),
        username: Some("chan".into()),
        photo: enums::ChatPhoto::Empty,
        date: 7,
        restriction_reason: Some(restriction_reasons()),
        admin_rights: Some(admin_rights().into()),
        banned_rights: Some(banned_rights(i32::MAX).into()),
        default_banned_rights: Some(banned_rights(0).into()),
        participants_count: Some(1_000),
        usernames: Some(vec![]),
        stories_max_id: Some(3),
        color: Some(peer_color(1)),
        profile_color: Some(peer_color(2)),
        emoji_status: Some(enums::EmojiStatus::Empty),
        level: Some(4),
        subscription_until_date: Some(5),
        bot_verification_icon: Some(6),
        send_paid_messages_stars: Some(7),
        linked_monoforum_id: Some(8),
    }
    .into()
}

pub(crate) fn full_messages() -> enums::messages::Messages {
    types::messages::Messages {
        messages: vec![
            full_message(1),
            types::MessageEmpty {
                id: 2,
                peer_id: Some(types::PeerChannel { channel_id: 4 }.into()),
            }
            .into(),
            full_service_message(3),
        ],
        chats: vec![
            full_chat(),
            full_channel(),
            types::ChatEmpty { id: 77 }.into(),
        ],
        users: vec![
            full_user(1),
            types::UserEmpty { id: 2 }.into(),
            full_user(3),
        ],
    }
    .into()
}
