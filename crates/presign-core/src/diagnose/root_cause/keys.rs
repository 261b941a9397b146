//! Keys: the object key encoded, normalized (NFC/NFD) or cased otherwise than signed, and the
//! bucket's case.

use super::{change, headers_with, sent_host, uri_of, Candidate, SearchInput};
use crate::encode::{percent_decode, uri_encode, Slash};
use crate::finding::Code;
use crate::types::AddressingStyle;
use crate::unicode::Unicode;

/// The raw path before the key: `/` (virtual-hosted) or `/bucket/` (path-style).
pub(super) fn raw_prefix(input: &SearchInput<'_>) -> String {
    let path = &input.url.raw_path;
    let n = path.len().saturating_sub(input.endpoint.raw_key.len());
    path.get(..n).unwrap_or("/").to_owned()
}

/// A key variant: the raw key it stands for, and how to describe it.
pub(super) fn key_candidate(
    input: &SearchInput<'_>,
    code: Code,
    canonical: String,
    signed_key_shown: &str,
    what: &str,
    fix: &str,
) -> Option<Candidate> {
    if canonical == input.canonical_uri {
        return None;
    }
    let sent_key = &input.endpoint.key;
    let mut c = Candidate::new(change(
        code,
        "key",
        sent_key.clone(),
        signed_key_shown,
        format!("The key was signed as \u{201c}{signed_key_shown}\u{201d}, the URL has \u{201c}{sent_key}\u{201d}"),
        format!("Re-signing with the canonical path {canonical} reproduces the signature: {what}. {fix}"),
    ));
    c.uri = Some(canonical);
    Some(c)
}

pub(super) fn key_candidates(input: &SearchInput<'_>, prefix: &str, out: &mut Vec<Candidate>) {
    let prefix = prefix.to_owned();
    let raw_key = input.endpoint.raw_key.as_str();
    let key = percent_decode(raw_key.as_bytes());
    let key_text = String::from_utf8_lossy(&key).into_owned();
    let single = |raw: &str| uri_of(input, &format!("{prefix}{raw}"));
    let unchanged_fix = "Use the URL exactly as the SDK returned it: do not decode, re-encode or rebuild it (no URLSearchParams / encodeURIComponent / urllib.parse round trips).";
    let mut push = |c: Option<Candidate>| {
        if let Some(c) = c {
            out.push(c);
        }
    };
    // '+' in the URL where the signer had a space (form encoding turned %20 into +).
    if raw_key.contains('+') {
        let raw = raw_key.replace('+', "%20");
        let shown = String::from_utf8_lossy(&percent_decode(raw.as_bytes())).into_owned();
        push(key_candidate(input, Code::KeyEncoding, single(&raw), &shown, "the key had a space where the URL has '+' (form encoding writes a space as '+', but in a path '+' is a plus sign)", unchanged_fix));
    }
    // A space (or %20) in the URL where the signer had '+'.
    if key.contains(&b' ') {
        let swapped: Vec<u8> = key
            .iter()
            .map(|&b| if b == b' ' { b'+' } else { b })
            .collect();
        let shown = String::from_utf8_lossy(&swapped).into_owned();
        push(key_candidate(input, Code::KeyEncoding, join_uri(input, &prefix, &uri_encode(&swapped, Slash::Keep)), &shown, "the key had '+' where the URL has a space (%20): a form decoder turned '+' into a space before signing, or after", unchanged_fix));
    }
    // '+' in the key where the signer had a space: a form decoder ran before signing.
    if key.contains(&b'+') {
        let swapped: Vec<u8> = key
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        let shown = String::from_utf8_lossy(&swapped).into_owned();
        push(key_candidate(
            input,
            Code::KeyEncoding,
            join_uri(input, &prefix, &uri_encode(&swapped, Slash::Keep)),
            &shown,
            "the key was signed with a space where the URL has '+' (%2B)",
            unchanged_fix,
        ));
    }
    // '/' signed as %2F (the signer encoded slashes in the key).
    if key.contains(&b'/') {
        let canonical = join_uri(input, &prefix, &uri_encode(&key, Slash::Encode));
        push(key_candidate(input, Code::KeyEncoding, canonical, &key_text.replace('/', "%2F"), "the signer encoded '/' in the key as %2F, but the URL sends '/' (S3 signs the path with literal slashes)", "Presign with an SDK (it keeps '/' literal), or keep %2F in the URL you send."));
    }
    // %2F kept by the signer where S3 decodes it.
    let lower_raw = raw_key.to_ascii_lowercase();
    if lower_raw.contains("%2f") {
        let mut parts = Vec::new();
        let mut rest = raw_key;
        while let Some(i) = rest.to_ascii_lowercase().find("%2f") {
            parts.push(uri_encode(
                &percent_decode(rest.get(..i).unwrap_or("").as_bytes()),
                Slash::Keep,
            ));
            rest = rest.get(i + 3..).unwrap_or("");
        }
        parts.push(uri_encode(&percent_decode(rest.as_bytes()), Slash::Keep));
        let canonical = join_uri(input, &prefix, &parts.join("%2F"));
        push(key_candidate(input, Code::KeyEncoding, canonical, &key_text, "the signer kept %2F encoded in the canonical path, but S3 decodes %2F to '/' before signing", "Use '/' in the key path instead of %2F, or presign with an SDK."));
    }
    // Double encoding: the signer encoded an already encoded path.
    let once = single(raw_key);
    push(key_candidate(input, Code::KeyEncoding, uri_encode(once.as_bytes(), Slash::Keep), &once, "the path was encoded twice when signing (%20 signed as %2520), as signers for services other than S3 do", "Sign S3 requests with an S3 signer (single encoding), not a generic SigV4 signer set for another service."));
    // The URL was encoded again after signing (%2520 in the URL where %20 was signed).
    if lower_raw.contains("%25") {
        let twice = percent_decode(&key);
        push(key_candidate(
            input,
            Code::KeyEncoding,
            join_uri(input, &prefix, &uri_encode(&twice, Slash::Keep)),
            &String::from_utf8_lossy(&twice),
            "the URL was percent-encoded again after signing (%20 became %2520)",
            unchanged_fix,
        ));
    }
    // Not encoded at all by the signer.
    if key
        .iter()
        .any(|&b| !(b.is_ascii_alphanumeric() || b"-_.~/".contains(&b)))
    {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            format!("{}{}", percent_decode_text(&prefix), key_text),
            &key_text,
            "the signer did not percent-encode the key in the canonical path",
            "Presign with an SDK, or encode every byte except A-Z a-z 0-9 - _ . ~ / as %XX.",
        ));
    }
    // encodeURIComponent leaves !'()* literal; SigV4 encodes them.
    if key.iter().any(|b| b"!'()*".contains(b)) {
        let canonical = single(raw_key)
            .replace("%21", "!")
            .replace("%27", "'")
            .replace("%28", "(")
            .replace("%29", ")")
            .replace("%2A", "*");
        push(key_candidate(input, Code::KeyEncoding, canonical, &key_text, "the signer left ! ' ( ) * unencoded (as JavaScript's encodeURIComponent does); SigV4 encodes them", "Encode ! ' ( ) * as %21 %27 %28 %29 %2A when signing, or presign with an SDK."));
    }
    // '~' encoded as %7E by the signer.
    if key.contains(&b'~') {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(raw_key).replace('~', "%7E"),
            &key_text,
            "the signer encoded '~' as %7E; SigV4 keeps it literal",
            "Presign with an SDK, or keep ~ unencoded when signing.",
        ));
    }
    // Lower-case hex digits in escapes.
    let upper = single(raw_key);
    let lower_hex = lower_escapes(&upper);
    push(key_candidate(
        input,
        Code::KeyEncoding,
        lower_hex,
        &key_text,
        "the signer wrote escapes with lower-case hex (%c3%a9); SigV4 requires upper case (%C3%A9)",
        "Presign with an SDK, or use upper-case hex in escapes.",
    ));
    // Unicode normalization.
    if let (Some(n), Ok(text)) = (input.normalizer, std::str::from_utf8(&key)) {
        for (form, f) in [("NFC", n.nfc), ("NFD", n.nfd)] {
            let normalized = f(text);
            if normalized != text {
                let other = if form == "NFC" { "NFD" } else { "NFC" };
                push(key_candidate(
                    input,
                    Code::KeyEncoding,
                    join_uri(input, &prefix, &uri_encode(normalized.as_bytes(), Slash::Keep)),
                    &normalized,
                    &format!("the key was signed in Unicode {form}, but the URL carries it in {other}: the letters look the same, the bytes differ (macOS file names are NFD, most other sources NFC)"),
                    "S3 compares key bytes: use the key exactly as stored, in one normalization form end to end (e.g. normalize('NFC') both when uploading and when presigning).",
                ));
            }
        }
    }
    // Leading and trailing slashes.
    let slash_fix = "S3 keeps slashes as they are: a key with a leading '/' is a different key. Presign with exactly the key you send.";
    if let Some(stripped) = raw_key.strip_prefix('/') {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(stripped),
            &String::from_utf8_lossy(&percent_decode(stripped.as_bytes())),
            "the key was signed without its leading '/', but the URL path has two slashes",
            slash_fix,
        ));
    } else {
        let added = format!("/{raw_key}");
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(&added),
            &format!("/{key_text}"),
            "the key was signed with a leading '/' (the path had two slashes), but the URL has one",
            slash_fix,
        ));
    }
    if let Some(stripped) = raw_key.strip_suffix('/') {
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(stripped),
            &String::from_utf8_lossy(&percent_decode(stripped.as_bytes())),
            "the key was signed without its trailing '/'",
            slash_fix,
        ));
    } else if !raw_key.is_empty() {
        let added = format!("{raw_key}/");
        push(key_candidate(
            input,
            Code::KeyEncoding,
            single(&added),
            &format!("{key_text}/"),
            "the key was signed with a trailing '/'",
            slash_fix,
        ));
    }
}

pub(super) fn percent_decode_text(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode(s.as_bytes())).into_owned()
}

/// The canonical URI of the prefix followed by an already canonical key.
pub(super) fn join_uri(input: &SearchInput<'_>, prefix: &str, canonical_key: &str) -> String {
    let p = uri_of(input, prefix);
    if p.ends_with('/') || canonical_key.is_empty() {
        format!("{p}{canonical_key}")
    } else {
        format!("{p}/{canonical_key}")
    }
}

pub(super) fn lower_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escape = 0;
    for c in s.chars() {
        if c == '%' {
            escape = 2;
            out.push(c);
        } else if escape > 0 {
            escape -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn key_case_candidates(input: &SearchInput<'_>, prefix: &str, out: &mut Vec<Candidate>) {
    let raw_key = input.endpoint.raw_key.as_str();
    let key = percent_decode(raw_key.as_bytes());
    let key_text = String::from_utf8_lossy(&key).into_owned();
    let fix = "S3 keys are case-sensitive: presign with the key exactly as stored, and send that same URL.";
    let Unicode { lower, upper, .. } = input.unicode;
    let mut variants: Vec<(String, &str)> = vec![
        (lower(&key_text), "lower case"),
        (upper(&key_text), "upper case"),
    ];
    // The extension alone (.JPG vs .jpg), a common mismatch between file names and keys.
    if let Some(dot) = key_text.rfind('.') {
        let (stem, ext) = key_text.split_at(dot);
        variants.push((format!("{stem}{}", lower(ext)), "a lower-case extension"));
        variants.push((format!("{stem}{}", upper(ext)), "an upper-case extension"));
    }
    for (variant, how) in variants {
        if variant == key_text {
            continue;
        }
        if let Some(c) = key_candidate(
            input,
            Code::KeyCase,
            join_uri(input, prefix, &uri_encode(variant.as_bytes(), Slash::Keep)),
            &variant,
            &format!("the key was signed in {how}"),
            fix,
        ) {
            out.push(c);
        }
    }
}

/// Bucket case: the signer kept upper case that the host (or path) lost, or the reverse.
pub(super) fn bucket_case_candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let raw_key = input.endpoint.raw_key.as_str();
    let Some(bucket) = input.endpoint.bucket.as_deref() else {
        return;
    };
    let mut buckets = vec![bucket.to_ascii_lowercase(), bucket.to_ascii_uppercase()];
    buckets.retain(|b| b != bucket);
    let sent = sent_host(input);
    for b in buckets {
        let mut c = Candidate::new(change(
            Code::KeyCase,
            "bucket",
            bucket,
            b.clone(),
            format!("The bucket was signed as \u{201c}{b}\u{201d}, the URL has \u{201c}{bucket}\u{201d}"),
            format!("Re-signing with the bucket name \u{201c}{b}\u{201d} reproduces the signature. Bucket names are lower case and host names lose case: presign with the bucket's real name."),
        ));
        match input.endpoint.style {
            AddressingStyle::VirtualHosted => {
                let lower_bucket = bucket.to_ascii_lowercase();
                let Some(rest) = sent
                    .strip_prefix(&format!("{lower_bucket}."))
                    .or_else(|| sent.strip_prefix(&format!("{bucket}.")))
                else {
                    continue;
                };
                c.headers = Some(headers_with(input, "host", &format!("{b}.{rest}")));
            }
            AddressingStyle::PathStyle => {
                let raw_path = format!("/{}/{raw_key}", uri_encode(b.as_bytes(), Slash::Encode));
                c.uri = Some(uri_of(input, &raw_path));
            }
        }
        out.push(c);
    }
}
