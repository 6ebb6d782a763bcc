//! The construction of every struct ([`Construction`]): which fields `new` takes, and the name
//! of each optional field's setter.

use crate::model::{Construction, Model, Presence, Setter};
use crate::naming;

/// Fills in [`Struct::construction`](crate::model::Struct::construction) of every struct.
pub(super) fn plan_constructions(model: &mut Model) {
    for s in &mut model.structs {
        let setters = naming::setter_names(&s.fields)
            .into_iter()
            .enumerate()
            .filter_map(|(field, name)| Some(Setter { field, name: name? }))
            .collect();
        let required = (0..s.fields.len())
            .filter(|&f| s.fields[f].presence == Presence::Required)
            .collect();
        s.construction = Construction { required, setters };
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Setter;
    use crate::testing::{PRELUDE, model, struct_named};

    #[test]
    fn new_takes_the_required_fields_and_setters_the_optional_ones() {
        let model = model(&format!(
            "{PRELUDE}send flags:# silent:flags.5?true peer:int reply:flags.0?int \
             message:string min:flags.1?true = Send;\nempty = Empty;\n"
        ));
        let send = &model.structs[struct_named(&model, "send")];
        let names: Vec<&str> = send.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["silent", "peer", "reply", "message", "min"]);
        assert_eq!(send.construction.required, [1, 3]);
        let setter = |field: usize, name: &str| Setter {
            field,
            name: name.to_owned(),
        };
        assert_eq!(
            send.construction.setters,
            [
                setter(0, "silent"),
                setter(2, "reply"),
                setter(4, "with_min")
            ]
        );
        let empty = &model.structs[struct_named(&model, "empty")];
        assert!(empty.construction.required.is_empty() && empty.construction.setters.is_empty());
    }
}
