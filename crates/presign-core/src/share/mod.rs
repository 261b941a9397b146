//! Share links: the shareable inputs in a URL fragment, so a teammate sees the same diagnosis.
//!
//! The fragment carries the URL, the method, the headers and S3's error body — **never the
//! secret** (`Shared` has no field for it). Browsers do not send a fragment to any server.
//! Format, versioned so old links keep working:
//!
//! - `v1.` + form text: `u=<url>&m=<method>&h=<headers>&e=<error body>&k=<public key>&r=1`, each value
//!   percent-encoded, empty fields left out, `m` only when the sender said which method the
//!   client sends (links made before 0.2.0 left it out for GET: they open as "not told"), `r=1`
//!   when the signature was redacted; `u` holds whatever the main input holds (a presigned
//!   POST's JSON or form too), and `fn`, `fs`, `ft` the name, size and type of the file a POST
//!   uploads (never its content);
//! - `v1z.` + base64url (no padding) of the raw-deflated form text, used when it is shorter
//!   (long error bodies compress well; a lone URL usually does not).

use crate::encode::{
    base64, base64_decode, percent_decode, percent_encode, Base64, FRAGMENT_VALUE,
};
use crate::limits::MAX_SHARE_INFLATED;
use crate::post_policy::UploadFile;
use crate::types::HttpMethod;
use std::fmt;

mod redact;
pub use redact::{is_live_credential, redact_signature, without_curl_password, REDACTED};

const PLAIN: &str = "v1.";
const DEFLATED: &str = "v1z.";

/// What a share link carries. There is deliberately no secret here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub url: String,
    /// `None`: the sender did not say which method the client sends.
    pub method: Option<HttpMethod>,
    pub headers: String,
    pub error_xml: String,
    /// The public key or certificate given to verify the signature (GCS RSA, CloudFront): public,
    /// so it may travel; a private key pasted there never does ([`encode`] leaves it out).
    pub public_key: String,
    /// Whether the sender replaced the URL's signature with `REDACTED`.
    pub redaction: Redaction,
    /// The file a presigned POST uploads, as the sender described it.
    pub upload: Option<UploadFile>,
}

/// Whether a shared URL still carries its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Redaction {
    #[default]
    Kept,
    SignatureRedacted,
}

/// Why a fragment could not be read. `Display` is the message the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// A version this page does not know (made by a newer page, or not a share link at all).
    UnknownFormat,
    /// The compressed data or its base64 is damaged (often: the link was cut off).
    Damaged,
    /// A field is not valid UTF-8 text, or the method is unknown.
    BadField(&'static str),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownFormat => f.write_str(
                "This link\u{2019}s #fragment is not a share link this page can read (it may come from a newer version). Nothing was restored; paste the URL instead.",
            ),
            Self::Damaged => f.write_str(
                "This share link is damaged, probably cut off when it was copied. Nothing was restored; ask for the whole link again.",
            ),
            Self::BadField(field) => write!(
                f,
                "This share link\u{2019}s {field} cannot be read. Nothing was restored; ask for the whole link again."
            ),
        }
    }
}

impl std::error::Error for ShareError {}

fn form_text(shared: &Shared) -> String {
    let mut out = String::new();
    let mut field = |name: &str, value: &str| {
        if value.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(&percent_encode(value.as_bytes(), &FRAGMENT_VALUE));
    };
    // A curl command's --user password (with --aws-sigv4, the secret) never goes into a link.
    field("u", &without_curl_password(&shared.url));
    if let Some(method) = shared.method {
        field("m", method.as_str());
    }
    field("h", &without_curl_password(&shared.headers));
    field("e", &shared.error_xml);
    if !holds_private_key(&shared.public_key) {
        field("k", &shared.public_key);
    }
    if shared.redaction == Redaction::SignatureRedacted {
        field("r", "1");
    }
    if let Some(file) = &shared.upload {
        field("fn", file.name.as_deref().unwrap_or(""));
        field("fs", &file.size.map(|s| s.to_string()).unwrap_or_default());
        field("ft", file.content_type.as_deref().unwrap_or(""));
    }
    out
}

/// Whether the public-key field holds private key material (a `… PRIVATE KEY` block, or a
/// service-account key file): then it is never put in a link.
pub fn holds_private_key(text: &str) -> bool {
    text.contains("PRIVATE KEY") || text.contains("\"private_key\"")
}

/// The fragment (without `#`) for `shared`: compressed when that is shorter.
pub fn encode(shared: &Shared) -> String {
    let form = form_text(shared);
    let plain = format!("{PLAIN}{form}");
    let deflated = miniz_oxide::deflate::compress_to_vec(form.as_bytes(), 9);
    let compressed = format!("{DEFLATED}{}", base64(&deflated, Base64::UrlSafe));
    if compressed.len() < plain.len() {
        compressed
    } else {
        plain
    }
}

/// Reads a fragment (with or without its leading `#`). `Ok(None)` when there is no fragment.
pub fn decode(fragment: &str) -> Result<Option<Shared>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(None);
    }
    let form = if let Some(data) = fragment.strip_prefix(DEFLATED) {
        let bytes = base64_decode(data).ok_or(ShareError::Damaged)?;
        let inflated =
            miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_SHARE_INFLATED)
                .map_err(|_| ShareError::Damaged)?;
        String::from_utf8(inflated).map_err(|_| ShareError::Damaged)?
    } else if let Some(form) = fragment.strip_prefix(PLAIN) {
        form.to_owned()
    } else {
        return Err(ShareError::UnknownFormat);
    };
    read_form(&form).map(Some)
}

fn read_form(form: &str) -> Result<Shared, ShareError> {
    let mut shared = Shared {
        url: String::new(),
        method: None,
        headers: String::new(),
        error_xml: String::new(),
        public_key: String::new(),
        redaction: Redaction::Kept,
        upload: None,
    };
    for pair in form.split('&').filter(|p| !p.is_empty()) {
        let (name, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let text = |field: &'static str| {
            String::from_utf8(percent_decode(raw.as_bytes()))
                .map_err(|_| ShareError::BadField(field))
        };
        match name {
            // A link made by hand could still carry a curl password: it is not restored.
            "u" => shared.url = without_curl_password(&text("URL")?),
            "m" => {
                shared.method = Some(
                    HttpMethod::parse(&text("method")?).ok_or(ShareError::BadField("method"))?,
                );
            }
            "h" => shared.headers = without_curl_password(&text("headers")?),
            "e" => shared.error_xml = text("error body")?,
            // A link made by hand may hold a private key: it is never restored.
            "k" => {
                let key = text("public key")?;
                if !holds_private_key(&key) {
                    shared.public_key = key;
                }
            }
            "r" => shared.redaction = Redaction::SignatureRedacted,
            "fn" => {
                shared.upload.get_or_insert_with(UploadFile::default).name =
                    Some(text("file name")?);
            }
            "fs" => {
                shared.upload.get_or_insert_with(UploadFile::default).size = Some(
                    text("file size")?
                        .parse()
                        .map_err(|_| ShareError::BadField("file size"))?,
                );
            }
            "ft" => {
                shared
                    .upload
                    .get_or_insert_with(UploadFile::default)
                    .content_type = Some(text("file type")?);
            }
            // Fields added by later versions of format 1 are skipped, not fatal.
            _ => {}
        }
    }
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{inspect, Inputs, UnixTime};

    const EXAMPLE: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    fn shared(url: &str) -> Shared {
        Shared {
            url: url.to_owned(),
            method: Some(HttpMethod::Put),
            headers: "Content-Type: image/png\nx-amz-meta-a: 1 & 2 = 3 % #".to_owned(),
            error_xml: String::new(),
            public_key: String::new(),
            redaction: Redaction::Kept,
            upload: None,
        }
    }

    #[test]
    fn round_trips_a_url_byte_for_byte() {
        let s = shared(EXAMPLE);
        let link = encode(&s);
        assert!(link.starts_with("v1"), "{link}");
        assert_eq!(decode(&format!("#{link}")), Ok(Some(s)));
    }

    #[test]
    fn round_trips_unicode_plus_and_percent() {
        let s = shared("https://b.s3.amazonaws.com/caf\u{e9}+%2B%20x?X-Amz-Signature=00");
        assert_eq!(decode(&encode(&s)), Ok(Some(s)));
    }

    #[test]
    fn compresses_a_long_error_body() {
        let mut s = shared(EXAMPLE);
        s.error_xml = format!(
            "<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequestBytes>{}</CanonicalRequestBytes></Error>",
            "47 45 54 0a 2f 74 65 73 74 2e 74 78 74 0a ".repeat(60)
        );
        let link = encode(&s);
        assert!(link.starts_with(DEFLATED), "{link}");
        assert!(
            link.len() < s.error_xml.len() / 2,
            "{} vs {}",
            link.len(),
            s.error_xml.len()
        );
        assert_eq!(decode(&link), Ok(Some(s)));
    }

    #[test]
    fn a_short_link_stays_readable() {
        let s = Shared {
            method: None,
            headers: String::new(),
            ..shared("https://b.s3.amazonaws.com/k")
        };
        assert_eq!(encode(&s), "v1.u=https://b.s3.amazonaws.com/k");
    }

    #[test]
    fn the_fragment_needs_no_further_escaping() {
        // What location.hash returns must be exactly what was written: no space, quote,
        // angle bracket, backtick, '#' or non-ASCII in the fragment.
        let mut s = shared("https://b/\u{201c}a b\u{201d}<>`\"#?x=1");
        s.error_xml = "<Error/>".to_owned();
        for link in [encode(&s), format!("{PLAIN}{}", form_text(&s))] {
            assert!(
                link.bytes()
                    .all(|b| b.is_ascii_graphic() && !b"\"<>`#".contains(&b)),
                "{link}"
            );
        }
    }

    #[test]
    fn carries_a_public_key_but_never_a_private_one() {
        let mut s = shared(EXAMPLE);
        s.public_key =
            "-----BEGIN PUBLIC KEY-----\nMIIBIjAN+/=\n-----END PUBLIC KEY-----\n".to_owned();
        assert_eq!(decode(&encode(&s)), Ok(Some(s.clone())));
        for private in [
            "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
            "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN …\"}",
        ] {
            s.public_key = private.to_owned();
            let back = decode(&encode(&s)).unwrap().unwrap();
            assert_eq!(back.public_key, "", "{private}");
            assert_eq!(back.url, s.url);
        }
    }

    #[test]
    fn never_carries_a_secret() {
        // Shared has no secret field; the link of a report made with a secret holds nothing of it.
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let link = encode(&shared(EXAMPLE));
        assert!(!link.contains(secret) && !link.contains("wJalr"));
    }

    #[test]
    fn malformed_fragments_are_errors_not_panics() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#"), Ok(None));
        assert_eq!(decode("#section-2"), Err(ShareError::UnknownFormat));
        assert_eq!(decode("#v2.u=x"), Err(ShareError::UnknownFormat));
        assert_eq!(decode("#v1z.!!!"), Err(ShareError::Damaged));
        assert_eq!(decode("#v1z.AAAA"), Err(ShareError::Damaged));
        assert_eq!(decode("#v1.m=PATCH"), Err(ShareError::BadField("method")));
        assert_eq!(decode("#v1.u=%FF%FE"), Err(ShareError::BadField("URL")));
        // A cut-off compressed link.
        let mut s = shared(EXAMPLE);
        s.error_xml = "<Error><Code>X</Code></Error>".repeat(50);
        let link = encode(&s);
        assert!(decode(&link[..link.len() / 2]).is_err());
        assert!(!ShareError::Damaged.to_string().is_empty());
    }

    #[test]
    fn decoding_any_text_never_panics() {
        for text in [
            "v1.",
            "v1.&&&==",
            "v1.u",
            "v1.%",
            "v1.u=%",
            "v1z.",
            "v1z.-",
            "v1z.__",
            "v1z.\u{e9}",
        ] {
            let _ = decode(text);
        }
    }

    #[test]
    fn redacts_only_the_signature() {
        let redacted = redact_signature(EXAMPLE);
        assert!(
            redacted.ends_with("X-Amz-SignedHeaders=host&X-Amz-Signature=REDACTED"),
            "{redacted}"
        );
        assert_eq!(
            redacted.replace("REDACTED", ""),
            EXAMPLE.replace(
                "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                ""
            )
        );
        let v2 = "https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKID&Expires=1&Signature=abc%2B";
        assert_eq!(
            redact_signature(v2),
            "https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKID&Expires=1&Signature=REDACTED"
        );
        assert_eq!(redact_signature("https://b/k"), "https://b/k");
    }

    #[test]
    fn a_live_url_is_a_credential_until_it_expires() {
        let inputs = Inputs {
            url: EXAMPLE.to_owned(),
            ..Inputs::default()
        };
        // 2013-05-24T00:00:00Z + 1 h: valid; + 2 days: expired.
        assert!(is_live_credential(&inspect(
            &inputs,
            UnixTime(1_369_353_600 + 3600)
        )));
        assert!(!is_live_credential(&inspect(
            &inputs,
            UnixTime(1_369_353_600 + 2 * 86_400)
        )));
        let redacted = Inputs {
            url: redact_signature(EXAMPLE),
            ..Inputs::default()
        };
        assert!(!is_live_credential(&inspect(
            &redacted,
            UnixTime(1_369_353_600 + 3600)
        )));
        assert!(!is_live_credential(&inspect(
            &Inputs::default(),
            UnixTime(0)
        )));
    }

    /// An Azure SAS (tests/fixtures/azure-sas, blob-r) is redacted at `sig`, and is live until
    /// `se`; `sig` in another URL is just a parameter.
    #[test]
    fn azure_sas_are_redacted_at_sig() {
        let sas = "https://presigninspectorfake.blob.core.windows.net/photos/2026/cat.jpg?se=2026-11-20T11%3A00%3A00Z&sp=r&sv=2026-10-06&sr=b&sig=zNcmO%2BL7A5%2Bj0x9omC9w12K7S5ZSjAu3EVYAJWB6e2g%3D";
        let redacted = redact_signature(sas);
        assert!(redacted.ends_with("&sr=b&sig=REDACTED"), "{redacted}");
        let at = |url: &str, now| {
            is_live_credential(&inspect(
                &Inputs {
                    url: url.to_owned(),
                    ..Inputs::default()
                },
                UnixTime(now),
            ))
        };
        // 2026-11-20T10:00:00Z: an hour left; 12:00: expired.
        assert!(at(sas, 1_795_168_800));
        assert!(!at(sas, 1_795_168_800 + 7200));
        assert!(!at(&redacted, 1_795_168_800));
        let other = "https://b.s3.amazonaws.com/k?sig=abc";
        assert_eq!(redact_signature(other), other);
    }
}
