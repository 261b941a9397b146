//! The root-cause search's families on SDK-signed URLs (tests/fixtures/sdk: boto3 and the AWS
//! SDK for JavaScript v3 for SigV4, boto3 for SigV2): each URL is broken the way people break
//! it, inspected with the right secret, and the search must name the change. No case may end in
//! a verdict that blames the secret.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../../tests/support/sdk_fixtures.rs"]
mod sdk_fixtures;
use sdk_fixtures::{load, one_character_off, SdkCase};

use presign_core::{inspect, Code, HttpMethod, Inputs, Report, Secret, UnixTime};

/// One broken request: what was done, the URL, method and headers sent, and what the search
/// must say (a code, and words in that finding's title or detail).
struct Broken {
    what: String,
    url: String,
    method: HttpMethod,
    headers: String,
    code: Code,
    words: &'static str,
}

impl Broken {
    fn new(case: &SdkCase, what: &str, url: String, code: Code, words: &'static str) -> Self {
        Broken {
            what: format!("{} ({what})", case.id),
            url,
            method: case.method,
            headers: case.header_lines.clone(),
            code,
            words,
        }
    }

    fn method(mut self, method: HttpMethod) -> Self {
        self.method = method;
        self
    }

    fn headers(mut self, headers: String) -> Self {
        self.headers = headers;
        self
    }
}

fn run(case: &SdkCase, b: &Broken, secret: &str) -> Report {
    let inputs = Inputs {
        url: b.url.clone(),
        method: Some(b.method),
        headers: b.headers.clone(),
        secret: Some(Secret::new(secret)),
        ..Inputs::default()
    };
    inspect(&inputs, UnixTime(case.signed_at.0 + 60))
}

/// Checks every broken request; reports all failures at once.
fn check(cases: &[(SdkCase, Vec<Broken>)], at_least: usize) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (case, broken) in cases {
        // With a wrong secret no family may claim a cause: the verdict is the symptom.
        if let Some(b) = broken.first() {
            let r = run(case, b, &one_character_off(&case.secret));
            if !matches!(
                r.verdict.code,
                Code::SignatureMismatch | Code::ChecksumParameters
            ) {
                failures.push(format!(
                    "{} with a wrong secret: verdict {}",
                    b.what,
                    r.verdict.code.as_str()
                ));
            }
        }
        for b in broken {
            checked += 1;
            let r = run(case, b, &case.secret);
            let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
            let said = r
                .findings
                .iter()
                .filter(|f| f.code == b.code)
                .any(|f| f.title.contains(b.words) || f.detail.contains(b.words));
            if r.verdict.code != b.code || !said {
                failures.push(format!(
                    "{}: expected {} saying {:?}, verdict {} {codes:?}",
                    b.what,
                    b.code.as_str(),
                    b.words,
                    r.verdict.code.as_str()
                ));
            }
            if r.verdict.code.as_str().starts_with("secret-") {
                failures.push(format!("{}: the verdict blames the secret", b.what));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= at_least, "only {checked} broken requests");
}

/// The URL without the query parameter `name` (as written).
fn without(url: &str, name: &str) -> String {
    let (head, query) = url.split_once('?').unwrap();
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| p.split('=').next() != Some(name))
        .collect();
    format!("{head}?{}", kept.join("&"))
}

fn has(url: &str, name: &str) -> bool {
    url.split_once('?')
        .unwrap()
        .1
        .split('&')
        .any(|p| p.split('=').next() == Some(name))
}

/// The URL with its path replaced by `edit` of the path.
fn with_path(url: &str, edit: impl Fn(&str) -> Option<String>) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let slash = rest.find('/')?;
    let (authority, path_query) = rest.split_at(slash);
    let (path, query) = path_query.split_once('?')?;
    Some(format!("{scheme}://{authority}{}?{query}", edit(path)?))
}

/// The SigV4 families, on every URL of an SDK's two files.
#[allow(
    clippy::too_many_lines,
    reason = "a table of broken cases, one entry per family"
)]
fn sigv4_broken(case: &SdkCase) -> Vec<Broken> {
    let url = &case.url;
    let mut out = vec![
        Broken::new(
            case,
            "two parameters appended",
            format!("{url}&cb=1&utm_source=mail"),
            Code::QueryEncoding,
            "The query parameters cb, utm_source were added after signing",
        ),
        Broken::new(
            case,
            "signature upper-cased",
            {
                let (head, sig) = url.split_once("X-Amz-Signature=").unwrap();
                let (sig, tail) = sig.split_at(64);
                format!("{head}X-Amz-Signature={}{tail}", sig.to_ascii_uppercase())
            },
            Code::SignatureAltered,
            "its hex digits were upper-cased",
        ),
        Broken::new(
            case,
            "signature cut",
            {
                let (head, sig) = url.split_once("X-Amz-Signature=").unwrap();
                let tail = &sig[64..];
                format!("{head}X-Amz-Signature={}{tail}", &sig[..40])
            },
            Code::SignatureAltered,
            "it was cut short",
        ),
        Broken::new(
            case,
            "a quote and a bracket after the signature",
            {
                let (head, sig) = url.split_once("X-Amz-Signature=").unwrap();
                let (sig, tail) = sig.split_at(64);
                format!("{head}X-Amz-Signature={sig}%22%29{tail}")
            },
            Code::SignatureAltered,
            "characters were added around its 64 hex digits",
        ),
    ];
    if has(url, "X-Amz-Security-Token") {
        let token_param = url
            .split('&')
            .find(|p| p.starts_with("X-Amz-Security-Token="))
            .unwrap();
        let token = token_param["X-Amz-Security-Token=".len()..]
            .replace("%2F", "/")
            .replace("%2B", "+")
            .replace("%3D", "=");
        out.push(
            Broken::new(
                case,
                "token moved to a header",
                without(url, "X-Amz-Security-Token"),
                Code::QueryEncoding,
                "X-Amz-Security-Token was signed in the query, the URL lacks it",
            )
            .headers(format!(
                "{}X-Amz-Security-Token: {token}\n",
                case.header_lines
            )),
        );
        if token_param.contains("%2B") {
            out.push(Broken::new(
                case,
                "'+' in the token decoded to a space",
                url.replace(token_param, &token_param.replace("%2B", "%20")),
                Code::QueryEncoding,
                "A query value was signed with '+' where the URL has a space",
            ));
        }
    } else {
        out.push(Broken::new(
            case,
            "token appended",
            format!("{url}&X-Amz-Security-Token=FQoGZXIvYXdzEXAMPLE"),
            Code::QueryEncoding,
            "X-Amz-Security-Token was added to the URL after signing",
        ));
    }
    for (name, words) in [
        ("x-id", "x-id="),
        ("x-amz-checksum-mode", "x-amz-checksum-mode=ENABLED"),
        (
            "X-Amz-Content-Sha256",
            "X-Amz-Content-Sha256=UNSIGNED-PAYLOAD",
        ),
        ("uploads", "The URL was signed with uploads,"),
        ("list-type", "The URL was signed with list-type=2,"),
        ("tagging", "The URL was signed with tagging,"),
        ("acl", "The URL was signed with acl,"),
        ("delete", "The URL was signed with delete,"),
    ] {
        if has(url, name) {
            out.push(Broken::new(
                case,
                &format!("{name} stripped"),
                without(url, name),
                Code::QueryEncoding,
                words,
            ));
        }
    }
    if url.contains("x-amz-checksum-crc32=AAAAAA%3D%3D") {
        out.push(Broken::new(
            case,
            "the empty body's CRC32 stripped",
            without(
                &without(url, "x-amz-checksum-crc32"),
                "x-amz-sdk-checksum-algorithm",
            ),
            Code::QueryEncoding,
            "x-amz-checksum-crc32=AAAAAA==&x-amz-sdk-checksum-algorithm=CRC32",
        ));
    }
    // The key's slashes and its segments' case.
    let doubled = with_path(url, |p| {
        // An inner "//" (a leading one is the leading-slash case).
        let at = p.get(1..)?.find("//")? + 1;
        (at > 1).then(|| format!("{}{}", &p[..at], &p[at + 1..]))
    });
    if let Some(u) = doubled {
        out.push(Broken::new(
            case,
            "a doubled slash collapsed",
            u,
            Code::KeyEncoding,
            "the key was signed with a doubled slash",
        ));
    }
    if case.id.ends_with("/key-mixed-case") {
        out.push(Broken::new(
            case,
            "one segment lower-cased",
            url.replace("/Summer/", "/summer/"),
            Code::KeyCase,
            "path segment 2",
        ));
        out.push(Broken::new(
            case,
            "a slash doubled",
            url.replace("/Summer/", "//Summer/"),
            Code::KeyEncoding,
            "the URL path has doubled ones",
        ));
    }
    if case.id.ends_with("/key-leading-slash") {
        out.push(Broken::new(
            case,
            "the leading slash dropped",
            url.replacen("//leading.txt", "/leading.txt", 1),
            Code::KeyEncoding,
            "the key was signed with a leading '/'",
        ));
    }
    if case.id.ends_with("/key-trailing-slash") {
        out.push(Broken::new(
            case,
            "the trailing slash dropped",
            url.replacen("/folder/?", "/folder?", 1),
            Code::KeyEncoding,
            "the key was signed with a trailing '/'",
        ));
    }
    // An HTTP client that signs every request itself adds its Authorization header.
    out.push(
        Broken::new(
            case,
            "an Authorization header too",
            url.clone(),
            Code::TwoAuthMechanisms,
            "Only one auth mechanism allowed",
        )
        .headers(format!(
            "{}Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0000\n",
            case.header_lines
        )),
    );
    // A Host header pasted with the request: a proxy's host.
    out.push(
        Broken::new(
            case,
            "a proxy's Host header",
            url.clone(),
            Code::HostMismatch,
            "the request goes to proxy.internal",
        )
        .headers(format!("{}Host: proxy.internal\n", case.header_lines)),
    );
    out
}

fn sigv4_cases(files: &[&str]) -> Vec<(SdkCase, Vec<Broken>)> {
    files
        .iter()
        .flat_map(|f| load(f))
        // The bucket-level DeleteObjects signs its body's length and checksum: other families.
        .filter(|c| !c.url.contains("?delete") && !c.url.contains("&delete"))
        .map(|c| {
            let b = sigv4_broken(&c);
            (c, b)
        })
        .collect()
}

#[test]
fn boto3_sigv4_families() {
    check(&sigv4_cases(&["boto3.jsonl", "boto3-search.jsonl"]), 300);
}

#[test]
fn aws_sdk_js_v3_sigv4_families() {
    check(
        &sigv4_cases(&["aws-sdk-js-v3.jsonl", "aws-sdk-js-v3-search.jsonl"]),
        300,
    );
}

/// SigV2 (boto3): method, Content-Type, Content-MD5, key case, subresources, Expires.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "a table of broken cases, one entry per family"
)]
fn boto3_sigv2_families() {
    let mut cases = Vec::new();
    for case in load("boto3-sigv2.jsonl")
        .into_iter()
        .chain(load("boto3-sigv2-search.jsonl"))
    {
        let url = case.url.clone();
        let other = if case.method == HttpMethod::Get {
            HttpMethod::Put
        } else {
            HttpMethod::Get
        };
        let expires = url
            .split('&')
            .find_map(|p| p.strip_prefix("Expires="))
            .unwrap()
            .to_owned();
        let later = (expires.parse::<i64>().unwrap() + 3600).to_string();
        let mut broken = vec![
            Broken::new(
                &case,
                "another method",
                url.clone(),
                Code::MethodMismatch,
                "This URL was signed for",
            )
            .method(other),
            Broken::new(
                &case,
                "Expires extended by an hour",
                url.replace(&format!("Expires={expires}"), &format!("Expires={later}")),
                Code::QueryEncoding,
                "Expires was signed as",
            ),
        ];
        if case.header_lines.contains("Content-Type: ") {
            let headers: String = case
                .header_lines
                .lines()
                .map(|l| {
                    if l.starts_with("Content-Type: ") {
                        "Content-Type: application/json\n".to_owned()
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            broken.push(
                Broken::new(
                    &case,
                    "another Content-Type",
                    url.clone(),
                    Code::SignedHeaderValue,
                    "content-type was signed as",
                )
                .headers(headers),
            );
        }
        // The MD5 of a body the URL does not show cannot be guessed; one sent where none was
        // signed is found.
        if !case.header_lines.contains("Content-MD5: ") {
            broken.push(
                Broken::new(
                    &case,
                    "Content-MD5 sent, not signed",
                    url.clone(),
                    Code::SignedHeaderValue,
                    "content-md5 was signed as \u{201c}(empty)\u{201d}",
                )
                .headers(format!(
                    "{}Content-MD5: bPtdxdzgUmdLVAdcFNaKxw==\n",
                    case.header_lines
                )),
            );
        }
        // The last path segment lower-cased.
        if let Some(u) = with_path(&url, |p| {
            let (head, last) = p.rsplit_once('/')?;
            let lower = last.to_ascii_lowercase();
            (lower != last && !p.contains('%')).then(|| format!("{head}/{lower}"))
        }) {
            broken.push(Broken::new(
                &case,
                "last segment lower-cased",
                u,
                Code::KeyCase,
                "The key was signed as",
            ));
        }
        broken.push(
            Broken::new(
                &case,
                "curl --user",
                url.clone(),
                Code::TwoAuthMechanisms,
                "Only one auth mechanism allowed",
            )
            .headers(format!(
                "{}Authorization: Basic dXNlcjpwYXNz\n",
                case.header_lines
            )),
        );
        for sub in ["acl", "uploads"] {
            if has(&url, sub) {
                broken.push(Broken::new(
                    &case,
                    &format!("?{sub} stripped"),
                    without(&url, sub),
                    Code::QueryEncoding,
                    "which it lacks",
                ));
            }
        }
        cases.push((case, broken));
    }
    check(&cases, 20);
}
