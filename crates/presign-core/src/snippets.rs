//! Ready-to-run requests that send exactly what was signed: a `curl` command and a JavaScript
//! `fetch` call, built from the report (the URL as pasted, the method, the signed headers); for
//! a presigned POST also an HTML form (`post_policy::snippets`); header-signed requests have
//! theirs in `sigv4_header::snippets`.

use crate::finding::Code;
use crate::report::Report;
use crate::sigv4::params::QueryAuth;
use crate::types::HttpMethod;
use std::fmt::Write as _;

/// The snippets for one report, and what the user must still fill in or know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippets {
    pub curl: String,
    pub fetch: String,
    /// An HTML form that posts the same (presigned POSTs only).
    pub html: Option<String>,
    /// Plain-words caveats: placeholders to fill, headers a browser will not let `fetch` set.
    pub notes: Vec<String>,
}

/// Headers a browser computes itself and `fetch` may not set (the Fetch standard's
/// forbidden request headers that can be signed).
const FORBIDDEN_IN_FETCH: &[&str] = &[
    "content-length",
    "date",
    "expect",
    "connection",
    "keep-alive",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// The value the root-cause search found a signed header was signed with, when it found one.
fn recovered_value(report: &Report, name: &str) -> Option<String> {
    let part = format!("header {}", name.to_ascii_lowercase());
    report
        .root_cause
        .as_ref()?
        .matches
        .iter()
        .flat_map(|m| &m.changes)
        .find(|c| c.code == Code::SignedHeaderValue && c.part.eq_ignore_ascii_case(&part))
        .map(|c| {
            if c.signed == "(empty)" {
                String::new()
            } else {
                c.signed.clone()
            }
        })
}

/// Each signed header (but `host`, which the client derives from the URL) with the value it
/// was signed with when the root-cause search recovered it, else the value the user sends,
/// else a named placeholder.
fn signed_values(
    report: &Report,
    names: &[String],
    value_of: impl Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> Vec<(String, String)> {
    names
        .iter()
        .filter(|name| !name.eq_ignore_ascii_case("host") && !name.is_empty())
        .map(|name| {
            let value = match (recovered_value(report, name), value_of(name)) {
                (Some(signed), sent) => {
                    let instead = sent.map_or_else(
                        || "you did not say you send it".to_owned(),
                        |v| format!("not \u{201c}{v}\u{201d}"),
                    );
                    notes.push(format!(
                        "{name} is sent as \u{201c}{signed}\u{201d}, the value the URL was signed with ({instead})."
                    ));
                    signed
                }
                (None, Some(sent)) => sent,
                (None, None) => {
                    notes.push(format!(
                        "{name} is signed but you did not say what you send: replace <{name}> with the exact value that was signed."
                    ));
                    format!("<{name}>")
                }
            };
            (name.clone(), value)
        })
        .collect()
}

/// The headers to send: the signed ones (SigV4, SigV4A, an Azure SAS's `srh`), SigV2's
/// signed headers as sent, and the blob type an Azure upload needs.
fn headers_to_send(
    report: &Report,
    method: HttpMethod,
    notes: &mut Vec<String>,
) -> Vec<(String, String)> {
    let sent = report
        .request
        .as_ref()
        .map(|r| r.headers.headers.as_slice())
        .unwrap_or_default();
    let value_of = |name: &str| {
        sent.iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.clone())
    };
    if let Some(c) = &report.sigv4a {
        return signed_values(report, &c.params.signed_headers, value_of, notes);
    }
    if let Some(c) = &report.azure_sas {
        let names: Vec<String> = c
            .params
            .value("srh")
            .split(',')
            .map(|n| n.trim().to_owned())
            .collect();
        let mut headers = signed_values(report, &names, value_of, notes);
        let put_blob = method == HttpMethod::Put
            && c.resource.level == crate::azure::resource::ResourceLevel::Object
            && report
                .url
                .as_ref()
                .is_some_and(|u| u.param("comp").is_none());
        if put_blob
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("x-ms-blob-type"))
        {
            let value = value_of("x-ms-blob-type").unwrap_or_else(|| "BlockBlob".to_owned());
            notes.push("Put Blob needs x-ms-blob-type (BlockBlob for a whole file); it is not signed, so any client may set it.".to_owned());
            headers.push(("x-ms-blob-type".to_owned(), value));
        }
        return headers;
    }
    match &report.auth {
        QueryAuth::SigV4(params) => signed_values(report, &params.signed_headers, value_of, notes),
        // SigV2 signs Content-Type, Content-MD5 and x-amz-* headers when they are sent.
        QueryAuth::SigV2(_) => sent
            .iter()
            .filter(|h| {
                let n = h.name.to_ascii_lowercase();
                n == "content-type" || n == "content-md5" || n.starts_with("x-amz-")
            })
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect(),
        // GCS signs the headers X-Goog-SignedHeaders lists; CloudFront signs none.
        QueryAuth::None => report
            .gcs
            .iter()
            .flat_map(|g| g.signed_headers.iter())
            .filter(|name| !name.is_empty() && !name.eq_ignore_ascii_case("host"))
            .map(|name| {
                let value = value_of(name).unwrap_or_else(|| {
                    notes.push(format!(
                        "{name} is signed but you did not say what you send: replace <{name}> with the exact value that was signed."
                    ));
                    format!("<{name}>")
                });
                (name.clone(), value)
            })
            .collect(),
    }
}

/// The method to send: the one sent, unless the root-cause search found that the URL was
/// signed for another one (then sending that one is what works).
fn signed_method(report: &Report, notes: &mut Vec<String>) -> HttpMethod {
    let sent = report
        .request
        .as_ref()
        .map_or(HttpMethod::Get, |r| r.method);
    let signed = report
        .root_cause
        .as_ref()
        .and_then(|rc| rc.matches.first())
        .and_then(|m| m.changes.iter().find(|c| c.code == Code::MethodMismatch))
        .and_then(|c| HttpMethod::parse(&c.signed));
    match signed {
        Some(m) if m != sent => {
            notes.push(format!(
                "The URL was signed for {m}, so these requests use {m}, not {sent}."
            ));
            m
        }
        _ => sent,
    }
}

/// A word for the shell: single-quoted, with `'` written as `'\''`.
pub(crate) fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A JavaScript string literal.
pub(crate) fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The snippets, or `None` while there is no readable presigned URL.
pub fn snippets(report: &Report) -> Option<Snippets> {
    if let Some(post) = &report.post {
        return crate::post_policy::snippets::post_snippets(post);
    }
    if let Some(header) = &report.sigv4_header {
        return crate::sigv4_header::snippets::snippets(header, report.root_cause.as_ref());
    }
    let url = report.url.as_ref()?;
    if matches!(report.auth, QueryAuth::None) && report.signing.is_none() {
        return None;
    }
    let mut notes = Vec::new();
    let method = signed_method(report, &mut notes);
    let headers = headers_to_send(report, method, &mut notes);
    // The URL as pasted (cleaned of quotes and line breaks), never re-encoded: it is what
    // was signed.
    let target = &url.cleaned;

    // curl: -g stops [] {} globbing and --path-as-is keeps /./ and /../, both of which would
    // change the signed path; -I, not -X HEAD, so curl does not wait for a body.
    let mut curl = vec!["curl --fail-with-body -g --path-as-is".to_owned()];
    match method {
        HttpMethod::Get => {}
        HttpMethod::Head => curl.push("-I".to_owned()),
        HttpMethod::Put => curl.push("--upload-file ./file-to-upload".to_owned()),
        HttpMethod::Delete | HttpMethod::Post => curl.push(format!("-X {method}")),
    }
    for (name, value) in &headers {
        curl.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
    }
    curl.push(shell_quote(target));
    let curl = curl.join(" \\\n  ");

    let mut fetch = format!(
        "const response = await fetch({}, {{\n  method: {},\n",
        js_string(target),
        js_string(method.as_str())
    );
    if !headers.is_empty() {
        fetch.push_str("  headers: {\n");
        for (name, value) in &headers {
            let _ = writeln!(fetch, "    {}: {},", js_string(name), js_string(value));
        }
        fetch.push_str("  },\n");
    }
    if matches!(method, HttpMethod::Put | HttpMethod::Post) {
        fetch.push_str("  body: file, // the File or Blob to upload\n");
    }
    fetch.push_str(
        "});\nif (!response.ok) console.error(response.status, await response.text());\n",
    );

    if method == HttpMethod::Put {
        notes.push(
            "Replace ./file-to-upload (curl) and file (fetch) with what you upload.".to_owned(),
        );
    }
    for (name, _) in &headers {
        if FORBIDDEN_IN_FETCH.contains(&name.to_ascii_lowercase().as_str()) {
            notes.push(format!(
                "Browsers do not let fetch set {name}; they compute it themselves, so the signed value must match what the browser sends."
            ));
        }
    }
    Some(Snippets {
        curl,
        fetch,
        html: None,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{inspect, Inputs, UnixTime};

    const EXAMPLE: &str = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    fn put_url() -> String {
        EXAMPLE.replace(
            "X-Amz-SignedHeaders=host",
            "X-Amz-SignedHeaders=content-type%3Bhost",
        )
    }

    fn for_inputs(inputs: &Inputs) -> Snippets {
        snippets(&inspect(inputs, UnixTime(1_369_353_700))).expect("snippets")
    }

    #[test]
    fn get_is_the_url_exactly_as_pasted() {
        let s = for_inputs(&Inputs {
            url: format!("  \"{EXAMPLE}\"\n"),
            ..Inputs::default()
        });
        assert_eq!(
            s.curl,
            format!("curl --fail-with-body -g --path-as-is \\\n  '{EXAMPLE}'")
        );
        assert!(
            s.fetch.starts_with(&format!(
                "const response = await fetch(\"{EXAMPLE}\", {{\n  method: \"GET\",\n}});"
            )),
            "{}",
            s.fetch
        );
        assert!(s.notes.is_empty());
    }

    #[test]
    fn put_sends_the_signed_header_with_the_value_sent() {
        let s = for_inputs(&Inputs {
            url: put_url(),
            method: Some(HttpMethod::Put),
            headers: "Content-Type: image/png\nX-Unsigned: 1".to_owned(),
            ..Inputs::default()
        });
        assert!(
            s.curl
                .contains("--upload-file ./file-to-upload \\\n  -H 'content-type: image/png' \\\n"),
            "{}",
            s.curl
        );
        assert!(!s.curl.contains("X-Unsigned"));
        assert!(s.fetch.contains("  method: \"PUT\",\n  headers: {\n    \"content-type\": \"image/png\",\n  },\n  body: file"), "{}", s.fetch);
    }

    #[test]
    fn a_signed_header_not_sent_becomes_a_named_placeholder() {
        let s = for_inputs(&Inputs {
            url: put_url(),
            method: Some(HttpMethod::Put),
            ..Inputs::default()
        });
        assert!(
            s.curl.contains("-H 'content-type: <content-type>'"),
            "{}",
            s.curl
        );
        assert!(s.notes.iter().any(|n| n.contains("content-type is signed")));
    }

    #[test]
    fn a_url_signed_for_put_but_sent_as_get_gets_a_put_snippet() {
        // boto3/put-content-type from tests/fixtures/sdk/boto3.jsonl (fake credentials).
        let url = "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa";
        let inputs = Inputs {
            url: url.to_owned(),
            method: Some(HttpMethod::Get),
            headers: "Content-Type: text/plain".to_owned(),
            secret: Some(crate::Secret::new(
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            )),
            ..Inputs::default()
        };
        let report = inspect(&inputs, UnixTime(1_795_168_860));
        assert_eq!(
            report.verdict.code,
            Code::MethodMismatch,
            "{:?}",
            report.root_cause
        );
        let s = snippets(&report).unwrap();
        assert!(s.curl.contains("--upload-file"), "{}", s.curl);
        assert!(s.fetch.contains("method: \"PUT\""), "{}", s.fetch);
        assert!(
            s.notes.iter().any(|n| n.contains("signed for PUT")),
            "{:?}",
            s.notes
        );
    }

    #[test]
    fn a_header_value_recovered_by_the_search_replaces_the_one_sent() {
        // boto3/put-content-type, signed with Content-Type: text/plain, sent as image/png.
        let url = "https://examplebucket.s3.amazonaws.com/upload/hello.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261120T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=46a6cabfab6dcd30a8c60da3b2d7932726bc929f428920dbc9efd3462dfc64aa";
        let inputs = Inputs {
            url: url.to_owned(),
            method: Some(HttpMethod::Put),
            headers: "Content-Type: image/png".to_owned(),
            secret: Some(crate::Secret::new(
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            )),
            ..Inputs::default()
        };
        let report = inspect(&inputs, UnixTime(1_795_168_860));
        assert_eq!(report.verdict.code, Code::SignedHeaderValue);
        let s = snippets(&report).unwrap();
        assert!(
            s.curl.contains("-H 'content-type: text/plain'"),
            "{}",
            s.curl
        );
        assert!(!s.curl.contains("<content-type>"), "{}", s.curl);
        assert!(
            s.fetch.contains("\"content-type\": \"text/plain\""),
            "{}",
            s.fetch
        );
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("not \u{201c}image/png\u{201d}")),
            "{:?}",
            s.notes
        );
    }

    #[test]
    fn head_and_delete() {
        let head = for_inputs(&Inputs {
            url: EXAMPLE.to_owned(),
            method: Some(HttpMethod::Head),
            ..Inputs::default()
        });
        assert!(head.curl.contains(" \\\n  -I \\\n"));
        let delete = for_inputs(&Inputs {
            url: EXAMPLE.to_owned(),
            method: Some(HttpMethod::Delete),
            ..Inputs::default()
        });
        assert!(delete.curl.contains("-X DELETE"));
        assert!(delete.fetch.contains("method: \"DELETE\""));
    }

    #[test]
    fn quotes_are_escaped_for_the_shell_and_for_javascript() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(js_string("a\"b\\c\n\u{2028}"), r#""a\"b\\c\n\u{2028}""#);
    }

    /// SigV4A (botocore-crt/put-mrap-content-type) and Azure SAS (azure-sas/blob-rw-start) URLs
    /// get snippets too: the signed content-type, the blob type an upload needs.
    #[test]
    fn families_get_snippets() {
        let fixture = |file: &str, id: &str| -> String {
            let text = std::fs::read_to_string(format!(
                "{}/../../tests/fixtures/{file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let line = text
                .lines()
                .find(|l| l.contains(&format!("\"id\": \"{id}\"")))
                .unwrap();
            let start = line.find("\"url\": \"").unwrap() + 8;
            line[start..start + line[start..].find('"').unwrap()].to_owned()
        };
        let mrap = fixture(
            "sigv4a/botocore-crt.jsonl",
            "botocore-crt/put-mrap-content-type",
        );
        let s = for_inputs(&Inputs {
            url: mrap.clone(),
            method: Some(HttpMethod::Put),
            ..Inputs::default()
        });
        assert!(
            s.curl.contains("-H 'content-type: <content-type>'"),
            "{}",
            s.curl
        );
        assert!(s.curl.ends_with(&format!("'{mrap}'")));
        let sas = fixture("azure-sas/azure-sas.jsonl", "azure-sas/blob-rw-start");
        let s = for_inputs(&Inputs {
            url: sas,
            method: Some(HttpMethod::Put),
            ..Inputs::default()
        });
        assert!(
            s.curl.contains("-H 'x-ms-blob-type: BlockBlob'"),
            "{}",
            s.curl
        );
        assert!(s.notes.iter().any(|n| n.contains("x-ms-blob-type")));
    }

    #[test]
    fn a_gcs_resumable_upload_is_a_post_with_its_signed_header() {
        // gcs/resumable-start (tests/fixtures/gcs), the method not told: the key shows POST.
        let line = include_str!("../../../tests/fixtures/gcs/gcs-signed-urls.jsonl")
            .lines()
            .find(|l| l.contains("\"gcs/resumable-start\""))
            .unwrap();
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let inputs = Inputs {
            url: record["url"].as_str().unwrap().to_owned(),
            headers: "x-goog-resumable: start".to_owned(),
            public_key: include_str!(
                "../../../tests/fixtures/gcs/test-only-fake-sa-public-key.pem"
            )
            .to_owned(),
            ..Inputs::default()
        };
        let s = snippets(&inspect(&inputs, UnixTime(1_795_168_860))).unwrap();
        assert!(
            s.curl
                .contains("-X POST \\\n  -H 'x-goog-resumable: start'"),
            "{}",
            s.curl
        );
        assert!(
            s.fetch.contains("\"x-goog-resumable\": \"start\""),
            "{}",
            s.fetch
        );
    }

    #[test]
    fn nothing_without_a_presigned_url() {
        assert_eq!(snippets(&inspect(&Inputs::default(), UnixTime(0))), None);
        let plain = Inputs {
            url: "https://b.s3.amazonaws.com/k".to_owned(),
            ..Inputs::default()
        };
        assert_eq!(snippets(&inspect(&plain, UnixTime(0))), None);
    }
}
