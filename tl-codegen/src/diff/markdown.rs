//! The Markdown changelog of a [`SchemaDiff`]: a summary, then the changes grouped by impact
//! (breaking, compatible, wire), each definition with its schema lines old and new.

use std::fmt::Write;

use tl_parser::Category;

use super::{Change, Entry, Impact, SchemaDiff};

pub(super) fn render(diff: &SchemaDiff) -> String {
    let mut out = String::new();
    let layer = |layer: Option<u32>| layer.map_or("?".to_owned(), |n| n.to_string());
    let _ = writeln!(
        out,
        "# Schema changes: layer {} to {}\n",
        layer(diff.old_layer),
        layer(diff.new_layer)
    );
    summary(&mut out, diff);
    for impact in [Impact::Breaking, Impact::Compatible, Impact::Wire] {
        let mut section = String::new();
        changed(&mut section, diff, impact);
        match impact {
            Impact::Breaking => {
                entries(&mut section, "Removed definitions", &diff.removed, '-');
                let types = &diff.types;
                names(&mut section, "Removed types", &types.removed);
                constructors_of(
                    &mut section,
                    "Types gaining constructors (an exhaustive `match` breaks)",
                    &types.gained,
                );
                constructors_of(&mut section, "Types losing constructors", &types.lost);
            }
            Impact::Compatible => {
                entries(&mut section, "Added definitions", &diff.added, '+');
                names(&mut section, "Added types", &diff.types.added);
            }
            Impact::Wire => {}
        }
        accessors(&mut section, diff, impact);
        if !section.is_empty() {
            let title = match impact {
                Impact::Breaking => "Breaking: code using the generated API may not compile",
                Impact::Compatible => "Compatible: code using the generated API compiles",
                Impact::Wire => "Wire: the bytes change, the Rust source does not",
            };
            let _ = write!(out, "## {title}\n\n{section}");
        }
    }
    out
}

fn summary(out: &mut String, diff: &SchemaDiff) {
    let count =
        |entries: &[Entry], category| entries.iter().filter(|e| e.category == category).count();
    let by_impact = |impact| diff.changed.iter().filter(|c| c.impact == impact).count();
    let types = &diff.types;
    let _ = writeln!(
        out,
        "| | constructors | functions |\n|---|---:|---:|\n\
         | added | {} | {} |\n| removed | {} | {} |\n| changed | {} | {} |\n",
        count(&diff.added, Category::Type),
        count(&diff.added, Category::Function),
        count(&diff.removed, Category::Type),
        count(&diff.removed, Category::Function),
        diff.changed
            .iter()
            .filter(|c| c.new.category == Category::Type)
            .count(),
        diff.changed
            .iter()
            .filter(|c| c.new.category == Category::Function)
            .count(),
    );
    let _ = writeln!(
        out,
        "Changed definitions by impact: {} breaking, {} compatible, {} wire ({} with a new id). \
         Types: {} added, {} removed, {} gaining constructors, {} losing some.\n",
        by_impact(Impact::Breaking),
        by_impact(Impact::Compatible),
        by_impact(Impact::Wire),
        diff.changed.iter().filter(|c| c.old.id != c.new.id).count(),
        types.added.len(),
        types.removed.len(),
        types.gained.len(),
        types.lost.len(),
    );
}

fn kind(entry: &Entry) -> String {
    match entry.category {
        Category::Type => format!("constructor of `{}`", entry.result),
        Category::Function => "function".to_owned(),
    }
}

fn changed(out: &mut String, diff: &SchemaDiff, impact: Impact) {
    let changes: Vec<&Change> = diff.changed.iter().filter(|c| c.impact == impact).collect();
    if changes.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Changed definitions\n");
    for change in changes {
        let (old, new) = (&change.old, &change.new);
        let _ = writeln!(out, "- **`{}`** ({})", new.name, kind(new));
        for (note_impact, note) in &change.notes {
            let _ = writeln!(out, "  - {note} ({note_impact})");
        }
        let _ = writeln!(out, "\n  ```diff");
        if old.line == new.line {
            let _ = writeln!(out, "    {}", new.line);
        } else {
            let _ = writeln!(out, "  - {}\n  + {}", old.line, new.line);
        }
        let _ = writeln!(out, "  ```\n");
    }
}

fn entries(out: &mut String, title: &str, entries: &[Entry], sign: char) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title}\n");
    for entry in entries {
        let _ = writeln!(
            out,
            "- **`{}`** ({})\n\n  ```diff\n  {sign} {}\n  ```\n",
            entry.name,
            kind(entry),
            entry.line
        );
    }
}

fn names(out: &mut String, title: &str, names: &[String]) {
    if names.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title}\n");
    for name in names {
        let _ = writeln!(out, "- `{name}`");
    }
    out.push('\n');
}

fn constructors_of(
    out: &mut String,
    title: &str,
    types: &std::collections::BTreeMap<String, Vec<String>>,
) {
    if types.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title}\n");
    for (name, constructors) in types {
        let list: Vec<String> = constructors.iter().map(|c| format!("`{c}`")).collect();
        let _ = writeln!(out, "- `{name}`: {}", list.join(", "));
    }
    out.push('\n');
}

fn accessors(out: &mut String, diff: &SchemaDiff, impact: Impact) {
    let mut lines = String::new();
    for (name, notes) in &diff.types.accessors {
        for (_, note) in notes.iter().filter(|(i, _)| *i == impact) {
            let _ = writeln!(lines, "- `{name}`: {note}");
        }
    }
    if !lines.is_empty() {
        let _ = write!(out, "### Methods of enums\n\n{lines}\n");
    }
}
