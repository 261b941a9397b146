//! The Azure SAS root-cause search: when the signature does not match, sign plausible
//! variants of the string to sign (another version's layout, the values or the blob name
//! encoded another way, the key's text used as the key) and report the ones that reproduce
//! `sig`. Each variant is one HMAC, so all are tried.

use crate::azure::layout::Layout;
use crate::azure::params::SasParams;
use crate::azure::signature::{sas_signature, SasKey};
use crate::azure::string_to_sign::{sas_string_to_sign, SigningContext, ValueReading};
use crate::crypto::constant_time_eq;
use crate::diagnose::root_cause::{Change, RootCauseSearch, VariantMatch};
use crate::encode::percent_decode;
use crate::finding::Code;
use crate::normalize::Normalizer;

/// What the search needs.
pub struct SasSearchInput<'a> {
    pub params: &'a SasParams,
    /// The layout of the URL's `sv` (the one the service uses).
    pub layout: Layout,
    pub ctx: SigningContext<'a>,
    /// The blob path as written in the URL, and the parts of the resource around it.
    pub raw_blob: &'a str,
    pub container: &'a str,
    /// The account as written in the host (case kept).
    pub account_as_written: &'a str,
    pub key: &'a SasKey,
    pub provided: &'a str,
    pub normalizer: Option<Normalizer>,
}

struct Candidate {
    change: Change,
    layout: Layout,
    reading: ValueReading,
    resource: Option<String>,
    account: Option<String>,
    key_text: bool,
}

fn change(
    code: Code,
    part: &str,
    sent: &str,
    signed: &str,
    title: String,
    detail: String,
) -> Change {
    Change {
        code,
        part: part.to_owned(),
        sent: sent.to_owned(),
        signed: signed.to_owned(),
        title,
        detail,
    }
}

impl Candidate {
    fn new(input: &SasSearchInput<'_>, change: Change) -> Self {
        Candidate {
            change,
            layout: input.layout,
            reading: ValueReading::Decoded,
            resource: None,
            account: None,
            key_text: false,
        }
    }
}

const AS_MADE: &str =
    "Use the SAS exactly as it was made: do not decode, re-encode or rebuild its query.";

fn layout_candidates(input: &SasSearchInput<'_>, out: &mut Vec<Candidate>) {
    let sv = input.params.value("sv");
    for other in Layout::of(input.layout.kind())
        .iter()
        .filter(|l| **l != input.layout)
    {
        let mut c = Candidate::new(input, change(
            Code::AzureVersionLayout,
            "string-to-sign layout",
            &input.layout.versions(),
            &other.versions(),
            format!("Signed with the string-to-sign layout of {}, but sv is {sv}", other.versions()),
            format!("The signature matches the string to sign of {}: the signer built the fields of another service version than the sv={sv} it put in the SAS, and the service builds them for {sv}. Make SAS with an SDK, or have the signer write sv={} (a version its layout belongs to).", other.versions(), other.since()),
        ));
        c.layout = *other;
        out.push(c);
    }
}

fn reading_candidates(input: &SasSearchInput<'_>, out: &mut Vec<Candidate>) {
    let fields = &input.params.fields;
    let signed_fields = || fields.iter().filter(|f| f.name != "sig");
    if signed_fields().any(|f| f.raw.contains('+')) {
        let mut c = Candidate::new(input, change(Code::QueryEncoding, "query", "+", "space", "The SAS values were signed with spaces where the URL has '+'".to_owned(), format!("The signature matches with '+' read as a space: the signer had spaces, and the URL was form-encoded afterwards. Write spaces as %20. {AS_MADE}")));
        c.reading = ValueReading::PlusAsSpace;
        out.push(c);
    }
    if signed_fields().any(|f| f.value.contains('%')) {
        let mut c = Candidate::new(input, change(Code::QueryEncoding, "query", "%25XX", "%XX", "The SAS was percent-encoded again after it was made".to_owned(), format!("The signature matches with the values decoded twice: something encoded the already encoded query (%3A became %253A), so the service reads other values than were signed. {AS_MADE}")));
        c.reading = ValueReading::DecodedTwice;
        out.push(c);
    }
    if signed_fields().any(|f| f.raw != f.value) {
        let mut c = Candidate::new(input, change(Code::QueryEncoding, "query", "decoded values", "encoded values", "The signer signed the URL-encoded values".to_owned(), "The signature matches a string to sign of the values as they are written in the URL (2026-11-20T11%3A00%3A00Z), not decoded. The service signs the decoded values (2026-11-20T11:00:00Z): fix the signer, or make SAS with an SDK.".to_owned()));
        c.reading = ValueReading::Raw;
        out.push(c);
    }
}

fn resource_candidates(input: &SasSearchInput<'_>, out: &mut Vec<Candidate>) {
    let sent = input.ctx.resource;
    if sent.is_empty() {
        return;
    }
    let account = input.ctx.account;
    let blob_decoded =
        String::from_utf8_lossy(&percent_decode(input.raw_blob.as_bytes())).into_owned();
    let with_blob = |blob: &str| format!("/blob/{account}/{}/{blob}", input.container);
    let mut push = |resource: String, what: &str, fix: &str| {
        if resource != sent {
            let mut c = Candidate::new(input, change(
                Code::KeyEncoding,
                "canonicalized resource",
                sent,
                &resource,
                format!("The resource was signed as \u{201c}{resource}\u{201d}"),
                format!("The signature matches the canonicalized resource {resource}, where the service builds {sent}: {what}. {fix}"),
            ));
            c.resource = Some(resource);
            out.push(c);
        }
    };
    let by_name = !input.raw_blob.is_empty() && !matches!(input.params.value("sr"), "c");
    if by_name {
        push(
            with_blob(input.raw_blob),
            "the signer used the blob name as written in the URL (percent-encoded), not decoded",
            "The canonicalized resource has the blob name decoded, in raw UTF-8.",
        );
        if blob_decoded.contains('%') {
            push(with_blob(&String::from_utf8_lossy(&percent_decode(blob_decoded.as_bytes()))), "the URL's path was percent-encoded again after the SAS was made (%20 became %2520)", AS_MADE);
        }
        if input.raw_blob.contains('+') {
            push(with_blob(&blob_decoded.replace('+', " ")), "the blob name had spaces where the URL path has '+' (in a path '+' is a plus sign)", "Write spaces in the path as %20.");
        }
        if let Some(n) = input.normalizer {
            for (form, f) in [("NFC", n.nfc), ("NFD", n.nfd)] {
                let normalized = f(&blob_decoded);
                if normalized != blob_decoded {
                    push(with_blob(&normalized), &format!("the blob name was signed in Unicode {form}: the letters look the same, the bytes differ"), "Use the blob name exactly as stored, in one normalization form end to end.");
                }
            }
        }
    }
    if let Some(rest) = sent.strip_prefix("/blob") {
        push(
            rest.to_owned(),
            "the signer left out the /blob prefix, as SAS versions before 2015-04-05 did",
            "Sign /blob/<account>/<container>/<blob> for sv 2015-04-05 and later.",
        );
    }
    if input.account_as_written != account {
        let mut c = Candidate::new(input, change(Code::KeyCase, "account", account, input.account_as_written, format!("The account was signed as \u{201c}{}\u{201d}", input.account_as_written), format!("The signature matches with the account name written {}, but storage account names are lower case and the service signs {account}. Sign with the account name in lower case.", input.account_as_written)));
        c.account = Some(input.account_as_written.to_owned());
        c.resource = Some(sent.replacen(account, input.account_as_written, 1));
        out.push(c);
    }
}

/// Runs the search over every variant.
pub fn search(input: &SasSearchInput<'_>) -> RootCauseSearch {
    let mut candidates = Vec::new();
    layout_candidates(input, &mut candidates);
    reading_candidates(input, &mut candidates);
    resource_candidates(input, &mut candidates);
    let mut key_text = Candidate::new(input, change(
        Code::AzureKeyFormat,
        "key",
        "the key's bytes (base64-decoded)",
        "the key's base64 text",
        "The signer used the key's base64 text as the HMAC key".to_owned(),
        "The signature matches an HMAC keyed with the characters of the base64 key, not with the bytes they encode. Decode the account key from base64 before signing (Convert.FromBase64String, base64.b64decode, Buffer.from(key, \"base64\")), or make SAS with an SDK.".to_owned(),
    ));
    key_text.key_text = true;
    candidates.push(key_text);
    let mut matches = Vec::new();
    let tried = candidates.len();
    for c in candidates {
        let ctx = SigningContext {
            resource: c.resource.as_deref().unwrap_or(input.ctx.resource),
            account: c.account.as_deref().unwrap_or(input.ctx.account),
            ..input.ctx
        };
        let text = sas_string_to_sign(c.layout, input.params, &ctx, c.reading);
        let key: &[u8] = if c.key_text {
            input.key.text.as_bytes()
        } else {
            &input.key.bytes
        };
        if constant_time_eq(
            sas_signature(key, &text).as_bytes(),
            input.provided.as_bytes(),
        ) {
            matches.push(VariantMatch {
                changes: vec![c.change],
                canonical_request_text: text,
            });
        }
    }
    RootCauseSearch {
        variants_tried: tried,
        matches,
        skipped: None,
    }
}
