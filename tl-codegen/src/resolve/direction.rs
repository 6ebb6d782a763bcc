//! `Config::direction`: which codecs each kept definition gets. A client encodes requests and
//! decodes answers; a server the mirror; `Both` (the default) everything.
//!
//! Two closures over the kept model, with the edges of `roots` (a definition reaches its
//! fields' types, a constructor its type, a type all its constructors): *sent*, what the
//! arguments of the functions reach; *received*, what their results and the type and
//! constructor roots of `Config::roots` (what the peer pushes, `Updates`) reach. Both are
//! unions of whole types, so an enum and its constructors get the same codecs. A definition
//! that no function and no root reaches (MTProto's service messages, the handshake's inner
//! data) keeps both codecs: the schema does not say who sends it.

use std::fmt;
use std::str::FromStr;

use tl_parser::Category;

use super::roots::{Node, reach_type, reached};
use crate::model::{Codecs, Model};

/// Which way the generated code talks: which definitions get encoders and which decoders
/// (`Config::direction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Encoders of functions and of what their arguments reach; decoders of what their results
    /// and the type roots reach.
    Client,
    /// The mirror of `Client`: decoders of functions and their arguments, encoders of results.
    Server,
    /// Every encoder and decoder.
    #[default]
    Both,
}

impl FromStr for Direction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "client" => Ok(Direction::Client),
            "server" => Ok(Direction::Server),
            "both" => Ok(Direction::Both),
            _ => Err(format!(
                "unknown direction `{text}`: expected client, server or both"
            )),
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::Client => "client",
            Direction::Server => "server",
            Direction::Both => "both",
        })
    }
}

/// The roots of a profile, by TL name: `all` (`Config::roots` and `Config::sent_roots`), among
/// which `sent` are sent; the other types and constructors among them are received.
pub(super) struct Roots<'a> {
    pub all: &'a [String],
    pub sent: &'a [String],
}

/// Sets the codecs of every struct and enum of `model` for `direction`, with the type and
/// constructor `roots`; `no_function_decoders` takes every function's decoder away, whatever
/// the direction.
pub(super) fn decide_codecs(
    model: &mut Model,
    direction: Direction,
    roots: Roots<'_>,
    no_function_decoders: bool,
) {
    if direction != Direction::Both {
        let (sent, received) = closures(model, &roots);
        let (outgoing, incoming) = match direction {
            Direction::Server => (&received, &sent),
            _ => (&sent, &received),
        };
        // A function is in a closure only through a field of type `Function` (TON's
        // `testObject`), which needs its codec too.
        for (i, s) in model.structs.iter_mut().enumerate() {
            s.codecs = Codecs {
                encode: outgoing.0[i],
                decode: incoming.0[i],
            };
            if s.category == Category::Function {
                s.codecs.encode |= direction == Direction::Client;
                s.codecs.decode |= direction == Direction::Server;
            }
        }
        for (e, en) in model.enums.iter_mut().enumerate() {
            en.codecs = Codecs {
                encode: outgoing.1[e],
                decode: incoming.1[e],
            };
            // Reached by no field: as far as its functions allow (below), `Function` decodes
            // any request.
            if en.any == Some(Category::Function) && en.codecs == NEITHER {
                en.codecs = Codecs::BOTH;
            }
        }
        model.answers = direction == Direction::Server;
        model.directed = true;
    }
    if no_function_decoders {
        let functions = model.structs.iter_mut();
        for s in functions.filter(|s| s.category == Category::Function) {
            s.codecs.decode = false;
        }
    }
    // `Object` and `Function` hold constructors of every type or every function: each codec
    // only where all of them have it.
    for e in 0..model.enums.len() {
        if model.enums[e].any.is_some() {
            let variants = model.enums[e].variants.iter();
            let ctors: Vec<Codecs> = variants.map(|v| model.structs[v.ctor].codecs).collect();
            let codecs = &mut model.enums[e].codecs;
            codecs.encode &= ctors.iter().all(|c| c.encode);
            codecs.decode &= ctors.iter().all(|c| c.decode);
        }
    }
}

const NEITHER: Codecs = Codecs {
    encode: false,
    decode: false,
};

/// Marks of structs and of enums.
type Marks = (Vec<bool>, Vec<bool>);

/// (sent, received): what the arguments of the functions and the sent roots reach, and what
/// the results of the functions and the other type and constructor roots reach. What neither
/// reaches is in both, with all it reaches: it keeps both codecs, and so must everything its
/// codecs call.
fn closures(model: &Model, roots: &Roots<'_>) -> (Marks, Marks) {
    let mut arguments = Vec::new();
    let mut results = Vec::new();
    let functions = model.structs.iter();
    for s in functions.filter(|s| s.category == Category::Function) {
        for field in &s.fields {
            reach_type(&field.ty, &mut arguments);
        }
        if let Some(ty) = &s.returns {
            reach_type(ty, &mut results);
        }
    }
    let constructors = model.structs.iter().enumerate();
    let constructors = constructors.filter(|(_, s)| s.category == Category::Type);
    // `Function` is not a value that is sent or received: its functions decide its codecs.
    let types = model.enums.iter().enumerate();
    let types = types.filter(|(_, e)| e.any != Some(Category::Function));
    for (name, i) in constructors
        .clone()
        .map(|(i, s)| (&s.tl_name, Node::Struct(i)))
    {
        queue_root(name, i, roots, &mut arguments, &mut results);
    }
    for (name, e) in types.clone().map(|(e, en)| (&en.tl_name, Node::Enum(e))) {
        queue_root(name, e, roots, &mut arguments, &mut results);
    }
    let mut sent = reached(model, arguments);
    let mut received = reached(model, results);
    let unreached = constructors
        .filter(|&(i, _)| !sent.0[i] && !received.0[i])
        .map(|(i, _)| Node::Struct(i));
    let unreached_types = types
        .filter(|&(e, _)| !sent.1[e] && !received.1[e])
        .map(|(e, _)| Node::Enum(e));
    let both = reached(model, unreached.chain(unreached_types).collect());
    for marks in [&mut sent, &mut received] {
        or_into(&mut marks.0, &both.0);
        or_into(&mut marks.1, &both.1);
    }
    (sent, received)
}

/// Queues `node`, named `name`, as sent or received if it is a root.
fn queue_root(
    name: &str,
    node: Node,
    roots: &Roots<'_>,
    sent: &mut Vec<Node>,
    received: &mut Vec<Node>,
) {
    if roots.sent.iter().any(|root| root == name) {
        sent.push(node);
    } else if roots.all.iter().any(|root| root == name) {
        received.push(node);
    }
}

fn or_into(marks: &mut [bool], more: &[bool]) {
    for (mark, &more) in marks.iter_mut().zip(more) {
        *mark |= more;
    }
}
