//! The presigned POST in the report's generic rows (`decoded`) and signing steps (`signing`),
//! which the page and the command line render as they are.

use crate::input::form::PostForm;
use crate::post_policy::conditions::Outcome;
use crate::post_policy::policy::PolicyDocument;
use crate::post_policy::{size_words, FieldRole, PostReport, PostVersion, UploadFile};
use crate::report::{DecodedField, FieldStyle, Signing, SigningStep};
use crate::sigv4::params::CredentialScope;
use crate::sigv4::signature::SigningKeyHex;
use crate::time::{human_duration, parse_amz_date, UnixTime};

/// The rows the page and the command line show.
pub fn decoded(
    post: &PostReport,
    scope: Option<&CredentialScope>,
    form: &PostForm,
    now: UnixTime,
) -> Vec<DecodedField> {
    let mut rows = vec![DecodedField::new(
        "Read from",
        post.shape.describe(),
        FieldStyle::Text,
    )];
    rows.push(match &post.action {
        Some(a) => DecodedField::new("Posts to", a.clone(), FieldStyle::Code),
        None => DecodedField::new("Posts to", "(not given)", FieldStyle::Text),
    });
    if let Some(key) = form.value("key") {
        let row = DecodedField::new("Key", key, FieldStyle::Code);
        rows.push(if key.contains("${filename}") {
            row.note("S3 replaces ${filename} with the name of the chosen file")
        } else {
            row
        });
    }
    credential_rows(post, scope, form, now, &mut rows);
    rows.push(file_row(&post.file));
    for c in &post.conditions {
        let (mark, words) = match c.outcome {
            Outcome::Holds => ("\u{2714}", "holds"),
            Outcome::Fails => ("\u{2716}", "fails"),
            Outcome::Unknown => ("?", "not checked"),
        };
        rows.push(
            DecodedField::new(
                format!("Condition {}", c.index),
                c.sentence.clone(),
                FieldStyle::Text,
            )
            .note(format!("{mark} {words}: {} \u{2014} {}", c.detail, c.text)),
        );
    }
    let order: Vec<String> = post
        .fields
        .iter()
        .map(|f| match f.role {
            FieldRole::File => format!("{} (the file)", f.name),
            FieldRole::AfterFile => format!("{} (after the file: ignored)", f.name),
            FieldRole::NoCondition => format!("{} (no condition)", f.name),
            _ => f.name.clone(),
        })
        .collect();
    if !order.is_empty() {
        rows.push(DecodedField::new(
            "Field order",
            order.join(" \u{b7} "),
            FieldStyle::Code,
        ));
    }
    rows
}

fn credential_rows(
    post: &PostReport,
    scope: Option<&CredentialScope>,
    form: &PostForm,
    now: UnixTime,
    rows: &mut Vec<DecodedField>,
) {
    rows.push(DecodedField::new(
        "Signature version",
        match post.version {
            PostVersion::SigV4 => "Signature Version 4 (AWS4-HMAC-SHA256 over the base64 policy)",
            PostVersion::SigV2 => "Signature Version 2 (HMAC-SHA1 over the base64 policy, legacy)",
            PostVersion::Unsigned => "none (no signature field)",
        },
        FieldStyle::Text,
    ));
    if let Some(scope) = scope {
        rows.push(DecodedField::new(
            "Access key id",
            scope.access_key_id.clone(),
            FieldStyle::Code,
        ));
        rows.push(
            DecodedField::new("Credential scope", scope.scope(), FieldStyle::Code)
                .note("date / region / service / terminator"),
        );
    } else if let Some(id) = form.value("AWSAccessKeyId") {
        rows.push(DecodedField::new("Access key id", id, FieldStyle::Code));
    }
    if let Some(t) = form.value("x-amz-date").and_then(parse_amz_date) {
        rows.push(DecodedField::new(
            "Signed at",
            t.to_string(),
            FieldStyle::Time,
        ));
    }
    if form.field("x-amz-security-token").is_some() {
        rows.push(DecodedField::new(
            "Credentials",
            "temporary (x-amz-security-token present)",
            FieldStyle::Text,
        ));
    }
    if let Some(t) = post.policy.as_ref().and_then(|p| p.expiration) {
        let left = t.0.saturating_sub(now.0);
        let note = if left <= 0 {
            format!("expired {} ago", human_duration(left))
        } else {
            format!("{} left", human_duration(left))
        };
        rows.push(
            DecodedField::new("Policy expires at", t.to_string(), FieldStyle::Time).note(note),
        );
    }
}

fn file_row(file: &UploadFile) -> DecodedField {
    let mut about = Vec::new();
    about.extend(file.name.clone());
    about.extend(file.size.map(size_words));
    about.extend(file.content_type.clone());
    if about.is_empty() {
        DecodedField::new("File", "(not given)", FieldStyle::Text)
            .note("choose the file to check its size and name against the policy")
    } else {
        DecodedField::new("File", about.join(", "), FieldStyle::Text)
    }
}

/// The signing steps: the decoded policy, the string to sign (the base64 as posted), and the
/// `SigV4` key chain when it was computed.
pub fn signing(
    policy: &PolicyDocument,
    chain: Option<&SigningKeyHex>,
    scope: Option<&CredentialScope>,
    provided: Option<String>,
    computed: Option<String>,
) -> Signing {
    let mut steps = vec![
        SigningStep {
            id: "policy".to_owned(),
            title: "Policy (decoded from base64, for reading only)".to_owned(),
            text: policy.text.clone().unwrap_or_default(),
        },
        SigningStep {
            id: "string-to-sign".to_owned(),
            title: "String to sign: the base64 policy exactly as posted".to_owned(),
            text: policy.base64.clone(),
        },
    ];
    if let (Some(k), Some(scope)) = (chain, scope) {
        steps.push(SigningStep {
            id: "signing-key".to_owned(),
            title: "Signing-key chain".to_owned(),
            text: format!(
                "kDate    = HMAC(\"AWS4\" + secret, \"{}\")  {}\nkRegion  = HMAC(kDate, \"{}\")  {}\nkService = HMAC(kRegion, \"{}\")  {}\nkSigning = HMAC(kService, \"{}\")  {}",
                scope.date, k.k_date, scope.region, k.k_region, scope.service, k.k_service, scope.terminator, k.k_signing
            ),
        });
    }
    Signing {
        steps,
        provided_in: "In the form".to_owned(),
        provided,
        computed,
    }
}
