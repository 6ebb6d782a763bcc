//! How `Debug` shows each field: byte strings as hex, cut short when long; secrets redacted.
//! Emit writes a `Debug` impl of its own only for the structs this makes a difference to.

use std::collections::HashSet;

use crate::model::{DebugAs, Model, Ty};

/// The fields whose values `Debug` never shows, as `constructor.field` with TL names
/// (`auth.exportedAuthorization.bytes`): what would let whoever reads a log act as the user
/// or the client, or learn their password. Every entry is a field of Telegram's api.tl or
/// mtproto.tl (layer 230); a schema without it is not affected. Public keys, hashes and ids
/// that travel in the clear are not listed. Extend with `Config::redact`.
pub const DEFAULT_REDACTIONS: &[&str] = &[
    // Authorization keys made from these: the MTProto handshake's secret nonce and the
    // encrypted DH payloads that carry it and the key material.
    "p_q_inner_data.new_nonce",
    "p_q_inner_data_dc.new_nonce",
    "p_q_inner_data_temp.new_nonce",
    "p_q_inner_data_temp_dc.new_nonce",
    "req_DH_params.encrypted_data",
    "server_DH_params_ok.encrypted_answer",
    "set_client_DH_params.encrypted_data",
    "auth.bindTempAuthKey.encrypted_message",
    // Authorizations moved between data centers, and bot tokens: each logs in as its owner.
    "auth.exportedAuthorization.bytes",
    "auth.importAuthorization.bytes",
    "auth.importBotAuthorization.bot_auth_token",
    "auth.importWebTokenAuthorization.web_auth_token",
    // Future auth tokens and logout tokens: each logs in again without a code.
    "auth.authorization.future_auth_token",
    "auth.loggedOut.future_auth_token",
    "codeSettings.logout_tokens",
    // QR-code login tokens: whoever accepts one logs in.
    "auth.loginToken.token",
    "auth.loginTokenMigrateTo.token",
    "auth.importLoginToken.token",
    "auth.acceptLoginToken.token",
    // Login and verification codes, and the recovery code of a forgotten password.
    "auth.signIn.phone_code",
    "account.changePhone.phone_code",
    "account.confirmPhone.phone_code",
    "account.verifyPhone.phone_code",
    "emailVerificationCode.code",
    "emailVerificationGoogle.token",
    "emailVerificationApple.token",
    "auth.checkRecoveryPassword.code",
    "auth.recoverPassword.code",
    "auth.requestFirebaseSms.ios_push_secret",
    // The password: SRP parameters and proofs, its new hash, the secret encrypted with it,
    // and the temporary passwords that stand in for it.
    "inputCheckPasswordSRP.A",
    "inputCheckPasswordSRP.M1",
    "account.password.srp_B",
    "account.password.secure_random",
    "account.passwordInputSettings.new_password_hash",
    "secureSecretSettings.secure_secret",
    "account.tmpPassword.tmp_password",
    "inputPaymentCredentialsSaved.tmp_password",
    // Telegram Passport decryption secrets and payment card data.
    "secureData.secret",
    "secureFile.secret",
    "inputSecureFileUploaded.secret",
    "secureCredentialsEncrypted.secret",
    "inputPaymentCredentials.data",
    "inputPaymentCredentialsApplePay.payment_data",
    "inputPaymentCredentialsGooglePay.payment_token",
];

/// Decides [`Field::debug`](crate::model::Field::debug) of every field: redacted when its
/// path is in [`DEFAULT_REDACTIONS`] or in `extra`, hex when it holds bytes, as its type
/// otherwise. Returns the paths of `extra` that name no field of the model.
pub fn decide_debug(model: &mut Model, extra: &[String]) -> Vec<String> {
    let paths: HashSet<(&str, &str)> = DEFAULT_REDACTIONS
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .filter_map(|path| path.rsplit_once('.'))
        .collect();
    let mut found: HashSet<(&str, &str)> = HashSet::new();
    for s in &mut model.structs {
        for field in &mut s.fields {
            let path = (s.tl_name.as_str(), field.tl_name.as_str());
            field.debug = if let Some(&hit) = paths.get(&path) {
                found.insert(hit);
                DebugAs::Redacted
            } else if holds_bytes(&field.ty) {
                DebugAs::Bytes
            } else {
                DebugAs::Plain
            };
        }
    }
    extra
        .iter()
        .filter(|path| path.rsplit_once('.').is_none_or(|p| !found.contains(&p)))
        .cloned()
        .collect()
}

/// Byte strings and byte arrays, and options and vectors of them.
fn holds_bytes(ty: &Ty) -> bool {
    match ty {
        Ty::Bytes(_) | Ty::FixedBytes(_) => true,
        Ty::Vector { elem, .. } => holds_bytes(elem),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{model, struct_named};

    const SCHEMA: &str = "int ? = Int;\nlong ? = Long;\nstring ? = String;\nbytes = Bytes;\n\
        int128 4*[ int ] = Int128;\nvector {t:Type} # [ t ] = Vector t;\ntrue = True;\n\
        blob flags:# a:int b:bytes c:flags.0?bytes d:Vector<Vector<bytes>> e:int128 \
        f:Vector<long> g:flags.1?true = Blob;\n\
        inputCheckPasswordSRP#d27ff082 srp_id:long A:bytes M1:bytes = InputCheckPasswordSRP;\n\
        note flags:# text:string pin:flags.0?string hidden:flags.1?true = Note;\n";

    fn debug_of(model: &Model, tl_name: &str) -> Vec<DebugAs> {
        let s = &model.structs[struct_named(model, tl_name)];
        s.fields.iter().map(|f| f.debug).collect()
    }

    #[test]
    fn bytes_anywhere_in_a_field_show_as_hex() {
        let mut model = model(SCHEMA);
        assert!(decide_debug(&mut model, &[]).is_empty());
        use DebugAs::{Bytes, Plain};
        assert_eq!(
            debug_of(&model, "blob"),
            [Plain, Bytes, Bytes, Bytes, Bytes, Plain, Plain]
        );
    }

    #[test]
    fn defaults_and_extra_paths_are_redacted_whatever_their_type() {
        let mut model = model(SCHEMA);
        let extra = ["note.pin".to_owned(), "note.hidden".to_owned()];
        assert!(decide_debug(&mut model, &extra).is_empty());
        use DebugAs::{Plain, Redacted};
        assert_eq!(
            debug_of(&model, "inputCheckPasswordSRP"),
            [Plain, Redacted, Redacted]
        );
        assert_eq!(debug_of(&model, "note"), [Plain, Redacted, Redacted]);
    }

    #[test]
    fn extra_paths_that_name_no_field_are_returned() {
        let mut model = model(SCHEMA);
        let extra = ["note.pin", "note.nope", "blob", "inputCheckPasswordSRP.a"].map(String::from);
        assert_eq!(
            decide_debug(&mut model, &extra),
            ["note.nope", "blob", "inputCheckPasswordSRP.a"]
        );
    }
}
