//! Reading an SDK's debug log: the canonical request, string to sign and signature a client
//! logged (what it *signed*), and the request it then sent, when the log shows it.
//!
//! Formats read: botocore's logger (`… botocore.auth [DEBUG] CanonicalRequest:` and the lines
//! after it), the AWS CLI's `--debug` (`… - botocore.auth - DEBUG - CanonicalRequest:`), the
//! AWS SDK for Java (`AWS4 Canonical Request: '"GET …"`), the AWS SDK for Go
//! (`---[ CANONICAL STRING  ]---` blocks, and `---[ REQUEST POST-SIGN ]---` request dumps), and a
//! plain paste with `Canonical request:` / `String to sign:` labels. The AWS SDK for
//! JavaScript v3 logs none of these itself; a signer's output pasted with those labels reads.
//!
//! A canonical request has a fixed shape (method, path, query, header lines, a blank line, the
//! signed-header list, the payload hash), so a block is read by that shape rather than by
//! guessing where the next log line starts.

use crate::input::headers::{is_token, SentHeader};
use crate::input::http::{parse_http_request, HttpRequest};
use serde::Serialize;

/// One signing as the client logged it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SigningBlock {
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
    pub signature: Option<String>,
}

/// A request the log says was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<SentHeader>,
    /// The body, when the log shows its bytes.
    pub body: Option<Vec<u8>>,
    /// What the log says instead of the body (`<_io.BytesIO object at …>`), when it does.
    pub body_unknown: Option<String>,
}

/// What was read from the log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SdkLog {
    /// In the order logged: retries sign again, so there may be several.
    pub blocks: Vec<SigningBlock>,
    /// botocore's `Sending http request:` lines, in order.
    pub requests: Vec<LoggedRequest>,
    /// Go's `REQUEST POST-SIGN` dumps, read as raw requests.
    pub raw_requests: Vec<HttpRequest>,
    pub notes: Vec<String>,
}

/// Labels that start a canonical request, compared without ASCII case.
const CANONICAL_LABELS: [&str; 4] = [
    "canonicalrequest:",
    "canonical request:",
    "canonical string:",
    "---[ canonical string",
];
/// Labels that start a string to sign.
const STRING_TO_SIGN_LABELS: [&str; 4] = [
    "stringtosign:",
    "string to sign:",
    "string-to-sign:",
    "---[ string to sign",
];

/// Whether `text` looks like a debug log with a canonical request or string to sign.
pub fn looks_like_sdk_log(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    CANONICAL_LABELS
        .iter()
        .chain(&STRING_TO_SIGN_LABELS)
        .any(|l| lower.contains(l))
}

/// Where `label` ends in `line` (ASCII case ignored).
fn after_label(line: &str, labels: &[&str]) -> Option<usize> {
    let lower = line.to_ascii_lowercase();
    labels
        .iter()
        .find_map(|l| lower.find(l).map(|i| i + l.len()))
}

/// The first line of a block when it starts on the label's own line (Java: `: '"GET`).
fn inline_start(rest: &str) -> Option<&str> {
    let rest = rest.trim_start_matches([']', '-', ' ']);
    let rest = rest.trim_start_matches(['\'', '"']);
    (!rest.trim().is_empty()).then_some(rest)
}

/// Removes a closing quote a logger wrapped the block in.
fn unquote_end(line: &str) -> &str {
    line.trim_end_matches(['\'', '"']).trim_end()
}

/// Reads a canonical request from `lines`: three lines, header lines up to a blank one, then
/// two more. Returns it and how many lines it took.
fn read_canonical(lines: &[&str]) -> Option<(String, usize)> {
    let mut taken = Vec::new();
    let mut i = 0;
    while taken.len() < 3 {
        taken.push(*lines.get(i)?);
        i += 1;
    }
    loop {
        let line = *lines.get(i)?;
        i += 1;
        taken.push(line);
        if line.trim().is_empty() {
            break;
        }
        // A header line is `name:value`; anything else means the block ended early.
        if !line.split_once(':').is_some_and(|(n, _)| is_token(n)) || taken.len() > 500 {
            return None;
        }
    }
    taken.push(*lines.get(i)?);
    let last = unquote_end(lines.get(i + 1)?);
    taken.push(last);
    Some((taken.join("\n"), i + 2))
}

/// Reads a string to sign: four lines.
fn read_string_to_sign(lines: &[&str]) -> Option<(String, usize)> {
    let mut taken: Vec<&str> = lines.get(..4)?.to_vec();
    taken[3] = unquote_end(taken[3]);
    Some((taken.join("\n"), 4))
}

/// Reads a debug log. Never fails: what could not be read is in `notes`.
pub fn parse_sdk_log(text: &str) -> SdkLog {
    let mut log = SdkLog::default();
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut pending_body: Option<(Option<Vec<u8>>, Option<String>)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(at) = after_label(line, &CANONICAL_LABELS) {
            let first = inline_start(&line[at..]);
            let inline = usize::from(first.is_some());
            let mut block: Vec<&str> = first.into_iter().collect();
            block.extend(lines[i..].iter().take(600));
            match read_canonical(&block) {
                Some((text, used)) => {
                    log.blocks.push(SigningBlock {
                        canonical_request: Some(text),
                        ..SigningBlock::default()
                    });
                    i += used - inline;
                }
                None => log.notes.push(format!(
                    "a canonical request after line {i} is cut off or not in the usual shape"
                )),
            }
            continue;
        }
        if let Some(at) = after_label(line, &STRING_TO_SIGN_LABELS) {
            let first = inline_start(&line[at..]);
            let inline = usize::from(first.is_some());
            let mut block: Vec<&str> = first.into_iter().collect();
            block.extend(lines[i..].iter().take(4));
            match read_string_to_sign(&block) {
                Some((text, used)) => {
                    match log.blocks.last_mut() {
                        Some(b) if b.string_to_sign.is_none() => b.string_to_sign = Some(text),
                        _ => log.blocks.push(SigningBlock {
                            string_to_sign: Some(text),
                            ..SigningBlock::default()
                        }),
                    }
                    i += used - inline;
                }
                None => log
                    .notes
                    .push(format!("a string to sign after line {i} is cut off")),
            }
            continue;
        }
        if line.trim_end().ends_with("Signature:") && !line.contains("Request Signature") {
            if let Some(sig) = lines.get(i).map(|l| l.trim()).filter(|l| is_signature(l)) {
                if let Some(b) = log.blocks.last_mut().filter(|b| b.signature.is_none()) {
                    b.signature = Some(sig.to_owned());
                }
                i += 1;
            }
            continue;
        }
        if let Some(at) = line.find("Making request for OperationModel") {
            pending_body = Some(logged_body(&line[at..]));
            continue;
        }
        if let Some(at) = line.find("Sending http request: <AWSPreparedRequest") {
            match prepared_request(&line[at..]) {
                Some(mut request) => {
                    // Retries send again without logging the parameters again.
                    if let Some((body, unknown)) = pending_body.clone() {
                        request.body = body;
                        request.body_unknown = unknown;
                    }
                    log.requests.push(request);
                }
                None => log
                    .notes
                    .push(format!("the request logged on line {i} could not be read")),
            }
            continue;
        }
        if line.contains("---[ REQUEST POST-SIGN ]") {
            let dump: Vec<&str> = lines[i..]
                .iter()
                .take_while(|l| !l.starts_with("-----"))
                .copied()
                .collect();
            i += dump.len();
            log.raw_requests.push(parse_http_request(&dump.join("\n")));
        }
    }
    if log.blocks.is_empty() {
        log.notes
            .push("no canonical request or string to sign was found".to_owned());
    }
    log
}

fn is_signature(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `<AWSPreparedRequest stream_output=False, method=PUT, url=https://…, headers={…}>`
fn prepared_request(text: &str) -> Option<LoggedRequest> {
    let method = text.split_once("method=")?.1.split(',').next()?.trim();
    let url_start = text.find(", url=")? + ", url=".len();
    let url_end = text[url_start..].find(", headers=")? + url_start;
    let headers_text = &text[url_end + ", headers=".len()..];
    let pairs = python_dict(headers_text)?;
    Some(LoggedRequest {
        method: method.to_owned(),
        url: text[url_start..url_end].to_owned(),
        headers: pairs
            .into_iter()
            .map(|(name, value)| SentHeader {
                name,
                value: String::from_utf8_lossy(&value).into_owned(),
            })
            .collect(),
        body: None,
        body_unknown: None,
    })
}

/// The `'body': …` of botocore's `Making request … with params: {…}` line: bytes or text as
/// logged, a dict (a Query-protocol form, urlencoded as botocore sends it), or an object whose
/// bytes the log does not show.
fn logged_body(text: &str) -> (Option<Vec<u8>>, Option<String>) {
    let Some(at) = text.find("'body': ") else {
        return (None, None);
    };
    let rest = &text[at + "'body': ".len()..];
    if rest.starts_with('{') {
        return match python_dict(rest) {
            Some(pairs) => (Some(form_urlencode(&pairs)), None),
            None => (None, Some("a form the log shows only in part".to_owned())),
        };
    }
    if let Some((bytes, _)) = python_literal(rest) {
        return (Some(bytes), None);
    }
    let shown = rest.split_once(">,").map_or(rest, |(o, _)| o);
    (
        None,
        Some(format!("{}>", shown.chars().take(100).collect::<String>())),
    )
}

/// `application/x-www-form-urlencoded` as Python's `urlencode` writes it (space as `+`).
fn form_urlencode(pairs: &[(String, Vec<u8>)]) -> Vec<u8> {
    let encode = |bytes: &[u8], out: &mut Vec<u8>| {
        for &b in bytes {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => out.push(b),
                b' ' => out.push(b'+'),
                _ => out.extend_from_slice(format!("%{b:02X}").as_bytes()),
            }
        }
    };
    let mut out = Vec::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        encode(name.as_bytes(), &mut out);
        out.push(b'=');
        encode(value, &mut out);
    }
    out
}

/// A flat Python dict of string keys and string or bytes values: `{'a': b'x', 'b': 'y'}`.
/// `None` when it is not one (nested values, cut off).
fn python_dict(text: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let mut rest = text.strip_prefix('{')?;
    let mut pairs = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', ',']);
        if let Some(after) = rest.strip_prefix('}') {
            let _ = after;
            return Some(pairs);
        }
        let (key, after) = python_literal(rest)?;
        rest = after.trim_start().strip_prefix(':')?.trim_start();
        let (value, after) = python_literal(rest)?;
        pairs.push((String::from_utf8_lossy(&key).into_owned(), value));
        rest = after;
    }
}

/// A Python `str` or `bytes` literal as `repr` writes it: `'…'` or `b'…'` (or `"…"` when the
/// text holds a `'`), with `\\`, `\'`, `\n`, `\r`, `\t` and `\xHH` escapes. Returns the bytes
/// (text as UTF-8) and the rest.
fn python_literal(text: &str) -> Option<(Vec<u8>, &str)> {
    let text = text.strip_prefix('b').unwrap_or(text);
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut out = Vec::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c == quote => return Some((out, &text[i + 2..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push(b'\n'),
                'r' => out.push(b'\r'),
                't' => out.push(b'\t'),
                'x' => {
                    let hi = chars.next()?.1.to_digit(16)?;
                    let lo = chars.next()?.1.to_digit(16)?;
                    out.push(u8::try_from(hi * 16 + lo).ok()?);
                }
                other => {
                    let mut buf = [0; 4];
                    out.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
                }
            },
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTOCORE: &str = "2026-11-20 10:00:00,000 botocore.endpoint [DEBUG] Making request for OperationModel(name=GetItem) with params: {'url_path': '/', 'body': b'{\"TableName\": \"Music\"}', 'url': 'x'}
2026-11-20 10:00:00,000 botocore.auth [DEBUG] CanonicalRequest:
POST
/

content-type:application/x-amz-json-1.0
host:dynamodb.us-east-1.amazonaws.com
x-amz-date:20261120T100000Z

content-type;host;x-amz-date
e3a5678595ed83daac9f21a8ce7571b09f4f7de11570c613860a38356f1fc053
2026-11-20 10:00:00,000 botocore.auth [DEBUG] StringToSign:
AWS4-HMAC-SHA256
20261120T100000Z
20261120/us-east-1/dynamodb/aws4_request
227eee5ff63b085ec220df0bd176404b828ddc3b5962c7d4b86f03f82a7a2c03
2026-11-20 10:00:00,000 botocore.auth [DEBUG] Signature:
ccf73fe3e07747aaca55cc4d53376542a6dcfa0d496dc22a98b5563bf5232f05
2026-11-20 10:00:00,000 botocore.endpoint [DEBUG] Sending http request: <AWSPreparedRequest stream_output=False, method=POST, url=https://dynamodb.us-east-1.amazonaws.com/, headers={'X-Amz-Target': b'DynamoDB_20120810.GetItem', 'Content-Length': '22'}>
";

    #[test]
    fn botocore_blocks_and_request() {
        assert!(looks_like_sdk_log(BOTOCORE));
        let log = parse_sdk_log(BOTOCORE);
        assert_eq!(log.blocks.len(), 1, "{:?}", log.notes);
        let block = &log.blocks[0];
        assert!(block.canonical_request.as_deref().unwrap().ends_with(
            "x-amz-date\ne3a5678595ed83daac9f21a8ce7571b09f4f7de11570c613860a38356f1fc053"
        ));
        assert_eq!(
            block.canonical_request.as_deref().unwrap().lines().count(),
            9
        );
        assert!(block
            .string_to_sign
            .as_deref()
            .unwrap()
            .starts_with("AWS4-HMAC-SHA256\n"));
        assert_eq!(
            block.signature.as_deref(),
            Some("ccf73fe3e07747aaca55cc4d53376542a6dcfa0d496dc22a98b5563bf5232f05")
        );
        let request = &log.requests[0];
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, "https://dynamodb.us-east-1.amazonaws.com/");
        assert_eq!(request.headers[0].value, "DynamoDB_20120810.GetItem");
        assert_eq!(
            request.body.as_deref(),
            Some(&b"{\"TableName\": \"Music\"}"[..])
        );
    }

    /// The AWS SDK for Java 1.x quotes the block on the label's line (aws-sdk-java issue 865).
    #[test]
    fn java_inline_blocks() {
        let text = "DEBUG com.amazonaws.auth.AWS4Signer - AWS4 Canonical Request: '\"GET\n/2015-03-31/functions/\n\nhost:lambda.us-west-2.amazonaws.com\nx-amz-date:20161004T211059Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\nDEBUG com.amazonaws.auth.AWS4Signer - AWS4 String to Sign: '\"AWS4-HMAC-SHA256\n20161004T211059Z\n20161004/us-west-2/lambda/aws4_request\n7a186bdc82e4e2550e2f8e2d341eb31af20d88e1d761291b8db99387000000\"\n";
        let log = parse_sdk_log(text);
        let block = &log.blocks[0];
        assert!(block
            .canonical_request
            .as_deref()
            .unwrap()
            .starts_with("GET\n/2015-03-31/functions/\n"));
        assert!(block
            .canonical_request
            .as_deref()
            .unwrap()
            .ends_with("b855"));
        assert!(block.string_to_sign.as_deref().unwrap().ends_with("000000"));
    }

    /// The AWS SDK for Go's signing log, with its request dump.
    #[test]
    fn go_blocks_and_request_dump() {
        let text = "DEBUG: Request Signature:\n---[ CANONICAL STRING  ]-----------------------------\nGET\n/\n\nhost:sts.amazonaws.com\nx-amz-date:20261120T100000Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n---[ STRING TO SIGN ]--------------------------------\nAWS4-HMAC-SHA256\n20261120T100000Z\n20261120/us-east-1/sts/aws4_request\n1e1b3c0b\n-----------------------------------------------------\n---[ REQUEST POST-SIGN ]-----------------------------\nGET / HTTP/1.1\nHost: sts.amazonaws.com\nAuthorization: AWS4-HMAC-SHA256 Credential=A/20261120/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00\nX-Amz-Date: 20261120T100000Z\n\n-----------------------------------------------------\n";
        assert!(looks_like_sdk_log(text));
        let log = parse_sdk_log(text);
        assert_eq!(log.blocks.len(), 1, "{:?}", log.notes);
        assert!(log.blocks[0]
            .string_to_sign
            .as_deref()
            .unwrap()
            .ends_with("\n1e1b3c0b"));
        assert_eq!(log.raw_requests.len(), 1);
        assert_eq!(
            log.raw_requests[0].header("x-amz-date"),
            Some("20261120T100000Z")
        );
    }

    /// A signer's output pasted with plain labels (the AWS SDK for JavaScript logs none itself).
    #[test]
    fn plain_labels() {
        let text = "Canonical request:\nPOST\n/\n\nhost:lambda.us-east-1.amazonaws.com\nx-amz-date:20261120T100000Z\n\nhost;x-amz-date\nabcd\n\nString to sign:\nAWS4-HMAC-SHA256\n20261120T100000Z\n20261120/us-east-1/lambda/aws4_request\n99\n";
        let log = parse_sdk_log(text);
        assert_eq!(log.blocks.len(), 1);
        assert!(log.blocks[0]
            .canonical_request
            .as_deref()
            .unwrap()
            .ends_with("x-amz-date\nabcd"));
        assert!(log.blocks[0].string_to_sign.is_some());
    }

    #[test]
    fn python_literals_and_forms() {
        assert_eq!(
            python_literal(r"b'a\'b\\c\x41\n'rest").unwrap(),
            (b"a'b\\cA\n".to_vec(), "rest")
        );
        assert_eq!(python_literal("\"it's\"").unwrap().0, b"it's");
        assert_eq!(
            logged_body(
                "x 'body': {'Action': 'GetCallerIdentity', 'Version': '2011-06-15'}, 'url': 'y'}"
            )
            .0,
            Some(b"Action=GetCallerIdentity&Version=2011-06-15".to_vec())
        );
        assert!(
            logged_body("x 'body': <_io.BytesIO object at 0x1>, 'url': 'y'}")
                .1
                .is_some()
        );
        let cut = parse_sdk_log("CanonicalRequest:\nGET\n/\n");
        assert!(cut.blocks.is_empty() && !cut.notes.is_empty());
    }
}
