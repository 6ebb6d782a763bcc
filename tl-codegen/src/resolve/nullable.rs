//! The objects that may be null (`Config::nullable_objects`): TDLib leaves a null object out
//! of its answers, or sends `null`, wherever td_api.tl says a field "may be null" (and takes
//! one where a parameter says "pass null"). Such a field of an object type becomes
//! [`Presence::Nullable`], an `Option`, instead of a required field that such an answer could
//! not be read into.

use super::docs::param_comment;
use crate::model::{Model, Presence, Ty};

/// What the comment on a parameter says when the object may be null.
const SAYS_NULLABLE: [&str; 2] = ["may be null", "pass null"];

/// Makes every required object field whose comment says it may be null nullable.
pub(super) fn mark_nullable(model: &mut Model) {
    for s in &mut model.structs {
        let nullable: Vec<usize> = (0..s.fields.len())
            .filter(|&f| {
                let field = &s.fields[f];
                field.presence == Presence::Required
                    && matches!(field.ty, Ty::Boxed(_) | Ty::Bare(_))
                    && param_comment(s, &field.tl_name)
                        .is_some_and(|text| SAYS_NULLABLE.iter().any(|says| text.contains(says)))
            })
            .collect();
        for f in nullable {
            s.fields[f].presence = Presence::Nullable;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{PRELUDE, model, struct_named};

    #[test]
    fn objects_documented_as_null_become_nullable_and_nothing_else() {
        let mut model = model(&format!(
            "{PRELUDE}country name:string = Country;\n\
             //@description A number @country Its country; may be null\n\
             //@other Another country @name Its name; may be null @code Its code; may be null\n\
             info country:country other:Country name:string code:int = Info;\n\
             ---functions---\n\
             //@description Looks up @hint A country; pass null if none\n\
             lookup hint:Country = Info;\n"
        ));
        mark_nullable(&mut model);
        let presences = |name: &str| -> Vec<Presence> {
            let s = &model.structs[struct_named(&model, name)];
            s.fields.iter().map(|f| f.presence).collect()
        };
        use Presence::{Nullable, Required};
        // Numbers and strings stay: only objects are null in TDLib.
        assert_eq!(presences("info"), [Nullable, Required, Required, Required]);
        assert_eq!(presences("lookup"), [Nullable]);
    }
}
