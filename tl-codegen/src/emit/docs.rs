//! The rustdoc of the items, as the model's [`ItemDoc`](crate::model::ItemDoc) says: the
//! schema line, the description, the parameters table, the linked return type and owning
//! type, the sidecar's bots line and errors table, and a function's example call. Links are
//! intra-doc paths through the `enums`, `functions` and `types` that every generated module
//! imports, so they resolve wherever the code is `include!`d.

use proc_macro2::TokenStream;
use quote::quote;
use tl_parser::Category;

use super::{Emitter, doc_lines, escape_doc};
use crate::model::{Codecs, DocText, Enum, Example, ExampleValue, Presence, Struct, Ty};
use crate::render::{path_tokens, struct_path};

/// Tokens of a path or type as the text a reader writes: `enums::auth::SentCode`,
/// `Vec<i64>`, `[u8; 16]` (generated types hold no other spaces).
fn text(tokens: &TokenStream) -> String {
    tokens.to_string().replace(' ', "").replace(';', "; ")
}

/// Text for a rustdoc line: schema comments escaped, sidecar Markdown as written.
fn markdown(text: &DocText) -> String {
    match text {
        DocText::Plain(text) => escape_doc(text),
        DocText::Markdown(text) => text.clone(),
    }
}

/// Text for a table cell: one line, its `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

impl Emitter<'_> {
    /// The path of the item a value of `ty` links to: its enum or struct, or that of its
    /// elements.
    fn link_target(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Boxed(e) => {
                let e = &self.model.enums[*e];
                Some(text(&path_tokens(quote!(enums), &e.module, &e.name)))
            }
            Ty::Bare(c) => Some(text(&struct_path(&self.model.structs[*c]))),
            Ty::Vector { elem, .. } => self.link_target(elem),
            _ => None,
        }
    }

    /// `` `ty` `` linked to its item where it has one (written `[`path`]` when the text is the
    /// path, which rustdoc would otherwise call redundant).
    fn linked(&self, shown: &str, ty: &Ty) -> String {
        match self.link_target(ty) {
            Some(target) if target == shown => format!("[`{shown}`]"),
            Some(target) => format!("[`{shown}`]({target})"),
            None => format!("`{shown}`"),
        }
    }

    /// The rustdoc of a constructor or function struct.
    pub(super) fn struct_docs(&self, s: &Struct) -> TokenStream {
        if !self.options.docs {
            return TokenStream::new();
        }
        let what = match (s.category, s.variant_of) {
            (Category::Function, _) => format!("Function `{}`.", s.tl_name),
            (Category::Type, Some((e, _))) => {
                let e = &self.model.enums[e];
                let target = text(&path_tokens(quote!(enums), &e.module, &e.name));
                format!(
                    "Constructor `{}` of type [`{}`]({target}).",
                    s.tl_name, e.tl_name
                )
            }
            (Category::Type, None) => format!("Constructor `{}`.", s.tl_name),
        };
        let mut lines = vec![what, String::new(), "```tl".to_owned()];
        lines.extend([s.schema_line.clone(), "```".to_owned()]);
        let mut paragraph = |mut more: Vec<String>| {
            if !more.is_empty() {
                lines.push(String::new());
                lines.append(&mut more);
            }
        };
        paragraph(s.doc.description.iter().map(markdown).collect());
        paragraph(self.params_table(s));
        if let Some(returns) = &s.returns {
            paragraph(vec![format!("Returns {}.", self.return_text(returns))]);
        }
        paragraph(self.codecs_note(s.codecs).into_iter().collect());
        if let Some(bots) = s.doc.bots {
            paragraph(vec![format!("Bots: {}.", if bots { "yes" } else { "no" })]);
        }
        if let Some(example) = &s.doc.example {
            paragraph(vec!["# Example".to_owned()]);
            paragraph(self.example(s, example));
        }
        if !s.doc.errors.is_empty() {
            paragraph(vec!["# Errors".to_owned()]);
            let mut table = vec![
                "| Code | Error | Description |".to_owned(),
                "|-|-|-|".to_owned(),
            ];
            table.extend(s.doc.errors.iter().map(|e| {
                let description = e.description.as_deref().map_or_else(String::new, cell);
                format!("| {} | `{}` | {description} |", e.code, e.name)
            }));
            paragraph(table);
        }
        doc_lines(lines)
    }

    /// The answer type, linked: `[`enums::auth::SentCode`]`, `` `X::Return` ``.
    fn return_text(&self, returns: &Ty) -> String {
        match returns {
            Ty::Generic(x) => format!("`{x}::Return`, the answer of the query"),
            ty => self.linked(&text(&self.rust_type(ty)), ty),
        }
    }

    /// The parameters table: TL name, TL type, Rust type, whether required (else the flag bit
    /// that sets it), and a description column when some parameter has one.
    fn params_table(&self, s: &Struct) -> Vec<String> {
        if s.doc.params.is_empty() {
            return Vec::new();
        }
        let described = s.doc.params.iter().any(|r| r.description.is_some());
        let (header, rule) = if described {
            (
                "| Parameter | TL type | Rust type | Required | Description |",
                "|-|-|-|-|-|",
            )
        } else {
            (
                "| Parameter | TL type | Rust type | Required |",
                "|-|-|-|-|",
            )
        };
        let mut table = vec![header.to_owned(), rule.to_owned()];
        for row in &s.doc.params {
            let field = &s.fields[row.field];
            let rust = self.linked(&text(&self.field_type(field)), &field.ty);
            let required = match field.presence {
                Presence::Required => "yes".to_owned(),
                Presence::Nullable => "no: may be null".to_owned(),
                Presence::Optional { word, bit } | Presence::Flag { word, bit } => {
                    format!("no: `{}.{bit}`", s.flag_words[word].tl_name)
                }
            };
            let mut line = format!(
                "| `{}` | `{}` | {rust} | {required} |",
                field.tl_name, row.tl_type
            );
            if described {
                let description = row
                    .description
                    .as_ref()
                    .map_or_else(String::new, |d| cell(&markdown(d)));
                line.push_str(&format!(" {description} |"));
            }
            table.push(line);
        }
        table
    }

    /// The rustdoc of field `field` of `s`: its description, if any.
    pub(super) fn field_docs(&self, s: &Struct, field: usize) -> TokenStream {
        if !self.options.docs {
            return TokenStream::new();
        }
        let row = s.doc.params.iter().find(|r| r.field == field);
        match row.and_then(|r| r.description.as_ref()) {
            Some(description) => doc_lines(markdown(description).lines().map(str::to_owned)),
            None => TokenStream::new(),
        }
    }

    /// The example call as a code block: a doc-test with its inputs as the parameters of a
    /// hidden function when `Config::doc_tests` gives the crate path, else text.
    fn example(&self, s: &Struct, example: &Example) -> Vec<String> {
        let value = |v: &ExampleValue| match v {
            ExampleValue::Literal(text) | ExampleValue::Input(text) => text.clone(),
        };
        let args: Vec<String> = example.args.iter().map(value).collect();
        let path = text(&struct_path(s));
        let mut call = vec![format!("let request = {path}::new({});", args.join(", "))];
        for (setter, set) in &example.setters {
            let name = &s.construction.setters[*setter].name;
            let last = call.len() - 1;
            call[last].pop();
            call.push(format!("    .{name}({});", value(set)));
        }
        let Some(crate_path) = self.options.doc_tests else {
            let mut block = vec!["```text".to_owned()];
            block.extend(call);
            block.push("```".to_owned());
            return block;
        };
        let inputs: Vec<String> = example
            .inputs
            .iter()
            // What `new` or the setter takes: the field's type, or the type in its `Option`.
            .map(|(name, field)| format!("{name}: {}", text(&self.rust_type(&s.fields[*field].ty))))
            .collect();
        let generics = if s.generics.is_empty() {
            String::new()
        } else {
            format!("<{}>", s.generics.join(", "))
        };
        let mut block = vec![
            "```no_run".to_owned(),
            format!("# use {crate_path}::{{enums, functions, types}};"),
            format!("# fn example{generics}({}) {{", inputs.join(", ")),
        ];
        block.extend(call);
        block.extend(["# }".to_owned(), "```".to_owned()]);
        block
    }

    /// The rustdoc of an enum: its type, and its constructors, linked.
    pub(super) fn enum_docs(&self, e: &Enum) -> TokenStream {
        if !self.options.docs {
            return TokenStream::new();
        }
        let first = match e.any {
            None => format!("Type `{}`.", e.tl_name),
            Some(Category::Type) => format!(
                "Type `{}`: any constructor of the schema, with its id.",
                e.tl_name
            ),
            Some(Category::Function) => format!(
                "Type `{}`: any function of the schema (generic ones excepted), with its id.",
                e.tl_name
            ),
        };
        let note = self.codecs_note(e.codecs).map(|note| [String::new(), note]);
        let note = note.into_iter().flatten();
        // The universal enums hold every constructor or function: no list.
        if e.any.is_some() || e.variants.is_empty() {
            return doc_lines([first].into_iter().chain(note));
        }
        let constructors: Vec<String> = e
            .variants
            .iter()
            .map(|v| {
                let s = &self.model.structs[v.ctor];
                format!("[`{}`]({})", s.tl_name, text(&struct_path(s)))
            })
            .collect();
        let lines = [
            first,
            String::new(),
            format!("Constructors: {}.", constructors.join(", ")),
        ];
        doc_lines(lines.into_iter().chain(note))
    }

    /// In bindings of one direction, which codec a definition lacks, so that its docs say
    /// why code that needs it does not compile.
    fn codecs_note(&self, codecs: Codecs) -> Option<String> {
        if !self.model.directed {
            return None;
        }
        let lacks = match (codecs.encode, codecs.decode) {
            (true, true) => return None,
            (true, false) => "Encoded only",
            (false, true) => "Decoded only",
            (false, false) => "Neither encoded nor decoded",
        };
        Some(format!(
            "{lacks} in these bindings: they were generated for one direction \
             (`Config::direction` of tl-codegen)."
        ))
    }
}
