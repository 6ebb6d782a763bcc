//! Inputs and decoding helpers shared by the topics.

use tl_types::{
    DecodeError, DecodeErrorKind, DecodeOptions, Deserializable, Identifiable, Reader, VECTOR_ID,
    enums, types,
};

pub(crate) const TEXT_BOLD: u32 = types::TextBold::CONSTRUCTOR_ID;
pub(crate) const TEXT_EMPTY: u32 = types::TextEmpty::CONSTRUCTOR_ID;
pub(crate) const TEXT_PLAIN: u32 = types::TextPlain::CONSTRUCTOR_ID;
pub(crate) const TEXT_CONCAT: u32 = types::TextConcat::CONSTRUCTOR_ID;
pub(crate) const USER_EMPTY: u32 = types::UserEmpty::CONSTRUCTOR_ID;
pub(crate) const USER: u32 = types::User::CONSTRUCTOR_ID;

pub(crate) fn words(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// `depth` × textBold, then textEmpty: `depth + 1` nested RichText values.
pub(crate) fn nested_bold(depth: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(4 * (depth + 1));
    for _ in 0..depth {
        bytes.extend_from_slice(&TEXT_BOLD.to_le_bytes());
    }
    bytes.extend_from_slice(&TEXT_EMPTY.to_le_bytes());
    bytes
}

/// How many textBold wrap the innermost RichText, without recursion.
pub(crate) fn bold_depth(mut text: &enums::RichText) -> usize {
    let mut depth = 0;
    while let enums::RichText::TextBold(bold) = text {
        depth += 1;
        text = &bold.text;
    }
    assert_eq!(*text, enums::RichText::TextEmpty);
    depth
}

pub(crate) fn with_max_depth(max_depth: u32) -> DecodeOptions {
    changed(DecodeOptions::default(), |o| o.max_depth = max_depth)
}

/// `base` with `change` made (`DecodeOptions` is `#[non_exhaustive]`: no struct literals).
pub(crate) fn changed(
    mut base: DecodeOptions,
    change: impl FnOnce(&mut DecodeOptions),
) -> DecodeOptions {
    change(&mut base);
    base
}

/// Decodes a whole input with `options`.
pub(crate) fn decode_with<T: Deserializable>(
    bytes: &[u8],
    options: DecodeOptions,
) -> Result<T, DecodeError> {
    let mut reader = Reader::with_options(bytes, options);
    let value = T::deserialize(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

pub(crate) fn too_deep(offset: usize, max_depth: u32) -> DecodeError {
    DecodeError::new(offset, DecodeErrorKind::TooDeep { max_depth })
}

/// Runs `f` on a new thread with a stack of `stack` bytes.
pub(crate) fn on_thread_with_stack<R: Send + 'static>(
    stack: usize,
    f: impl FnOnce() -> R + Send + 'static,
) -> R {
    std::thread::Builder::new()
        .name(format!("stack-{stack}"))
        .stack_size(stack)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the decoding thread panicked")
}

/// Input nesting about `levels` enum levels along one of the schema's recursive paths.
pub(crate) fn nested_path(path: &str, levels: usize) -> Vec<u8> {
    match path {
        // textBold -> RichText: one level per textBold.
        "textBold" => nested_bold(levels),
        // jsonArray [ JSONValue ]: one level per array.
        "jsonArray" => {
            let mut input = words(&[types::JsonArray::CONSTRUCTOR_ID, VECTOR_ID, 1]).repeat(levels);
            input.extend_from_slice(&words(&[types::JsonNull::CONSTRUCTOR_ID]));
            input
        }
        // messageMediaStory -> StoryItem -> MessageMedia: two levels per story.
        "messageMediaStory" => {
            let story = types::MessageMediaStory::CONSTRUCTOR_ID;
            let item = types::StoryItem::CONSTRUCTOR_ID;
            let peer = types::PeerUser::CONSTRUCTOR_ID;
            let mut input =
                words(&[story, 1, peer, 7, 0, 1, item, 0, 1, 2, 3]).repeat(levels.div_ceil(2));
            input.extend_from_slice(&words(&[types::MessageMediaEmpty::CONSTRUCTOR_ID]));
            input
        }
        _ => panic!("unknown path {path}"),
    }
}

/// A decoder of a whole input as some type, keeping only the outcome: a table of cases can
/// hold decoders of different types.
pub(crate) type Decode = fn(&[u8], DecodeOptions) -> Result<(), DecodeError>;

/// The [`Decode`] of `T`: `decode::<T>`, [`decode_with`] without the value.
pub(crate) fn decode<T: Deserializable>(
    bytes: &[u8],
    options: DecodeOptions,
) -> Result<(), DecodeError> {
    decode_with::<T>(bytes, options).map(drop)
}
