//! The bundled schema (`schema/api.tl` and `schema/mtproto.tl`) for `tl-json`, loaded once.

use std::sync::OnceLock;

use tl_json::Schema;

pub fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::from_sources(&[
            ("api.tl", include_str!("../../../schema/api.tl")),
            ("mtproto.tl", include_str!("../../../schema/mtproto.tl")),
        ])
        .expect("the bundled schema loads")
    })
}
