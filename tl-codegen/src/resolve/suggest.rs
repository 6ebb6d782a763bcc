//! "Did you mean": the defined name closest to an unknown one.

/// The candidate closest to `unknown`, if one is close enough: the same name in another case
/// (`inputpeer` for `InputPeer`), else the same name in another namespace (`Peer` for
/// `contacts.Peer`, not `contacts.peer`) when only one candidate has it, else the nearest by edit distance within
/// a third of the name's length (as rustc suggests names). Ties go to the first in sorted
/// order, so that the suggestion does not depend on hashing.
pub(crate) fn closest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != unknown).collect();
    candidates.sort_unstable();
    candidates.dedup();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(unknown)) {
        return Some((*same).to_owned());
    }
    let mut elsewhere = candidates
        .iter()
        .filter(|c| last_component(c) == last_component(unknown));
    if let (Some(only), None) = (elsewhere.next(), elsewhere.next()) {
        return Some((*only).to_owned());
    }
    let lower = unknown.to_ascii_lowercase();
    let max_distance = unknown.chars().count().max(3) / 3;
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(distance, _)| *distance <= max_distance)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c.to_owned())
}

/// The name after the last dot.
fn last_component(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Edit distance in characters, a swap of neighbours counting as one edit (`lnog` is one from
/// `long`): the optimal string alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: the distance between the first i characters of a and the first j of b.
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFINED: &[&str] = &[
        "Vector",
        "InputPeer",
        "contacts.Peer",
        "Message",
        "messages.Chats",
    ];

    #[test]
    fn suggestions_follow_case_then_namespace_then_spelling() {
        let cases = [
            ("Vectr", Some("Vector")),
            ("inputpeer", Some("InputPeer")),
            ("Peer", Some("contacts.Peer")),
            ("Chats", Some("messages.Chats")),
            ("Mesage", Some("Message")),
            ("Photo", None),
            // Three edits in five letters are more than a third.
            ("Vecxx", None),
        ];
        for (unknown, expected) in cases {
            assert_eq!(
                closest(unknown, DEFINED.iter().copied()).as_deref(),
                expected,
                "for `{unknown}`"
            );
        }
    }

    #[test]
    fn a_name_in_several_namespaces_is_not_guessed_between_them() {
        let defined = ["auth.Peer", "contacts.Peer"];
        assert_eq!(closest("Peer", defined), None);
    }

    #[test]
    fn ties_go_to_the_first_in_sorted_order() {
        assert_eq!(closest("Fob", ["Foc", "Foa"]).as_deref(), Some("Foa"));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ü", "u"), 1);
        assert_eq!(edit_distance("lnog", "long"), 1);
    }
}
