//! Bodies (header-signed requests): the payload hash of the body as it was before an edit on
//! the way. Services other than S3 sign the SHA-256 of the body, so a body whose line ends, last
//! line end or JSON spacing changed after signing gives another signature.

use super::{Candidate, Change, SearchInput, Variant};
use crate::crypto::sha256;
use crate::encode::hex;
use crate::finding::Code;
use crate::input::json::{read_json, Json};

/// How the signed body differs from the one sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyEdit {
    /// Signed without the line end the body now ends with.
    LastLineEndAdded,
    /// Signed with a line end the body no longer ends with.
    LastLineEndDropped,
    /// Signed with LF line ends; the body has CRLF.
    CrlfFromLf,
    /// Signed with CRLF line ends; the body has LF.
    LfFromCrlf,
    /// Signed as compact JSON; the body is spaced.
    JsonSpaced,
    /// Signed as JSON with `", "` and `": "` (Python's `json.dumps`); the body is otherwise.
    JsonCompacted,
}

/// The edits worth undoing for this body, each with the body as signed.
fn edits(body: &[u8]) -> Vec<(BodyEdit, Vec<u8>)> {
    let mut out = Vec::new();
    if let Some(shorter) = body
        .strip_suffix(b"\r\n")
        .or_else(|| body.strip_suffix(b"\n"))
    {
        out.push((BodyEdit::LastLineEndAdded, shorter.to_vec()));
    }
    let mut longer = body.to_vec();
    longer.push(b'\n');
    out.push((BodyEdit::LastLineEndDropped, longer));
    if body.windows(2).any(|w| w == b"\r\n") {
        let lf: Vec<u8> = String::from_utf8_lossy(body)
            .replace("\r\n", "\n")
            .into_bytes();
        out.push((BodyEdit::CrlfFromLf, lf));
    } else if body.contains(&b'\n') {
        let crlf: Vec<u8> = String::from_utf8_lossy(body)
            .replace('\n', "\r\n")
            .into_bytes();
        out.push((BodyEdit::LfFromCrlf, crlf));
    }
    let json = std::str::from_utf8(body)
        .ok()
        .and_then(|t| read_json(t).ok())
        .filter(|j| j.lenient.is_empty())
        .map(|j| j.value)
        .filter(|v| matches!(v, Json::Object(_) | Json::Array(_)));
    if let Some(value) = json {
        out.push((BodyEdit::JsonSpaced, value.to_compact_text().into_bytes()));
        out.push((BodyEdit::JsonCompacted, value.to_text().into_bytes()));
    }
    out
}

/// The body as signed before each edit, when the payload hash is the body's own.
pub(super) fn candidates(input: &SearchInput<'_>, out: &mut Vec<Candidate>) {
    let Some(body) = input.body else {
        return;
    };
    if input.canonical_request.payload_hash != hex(&sha256(body)) {
        return;
    }
    let mut seen = vec![body.to_vec()];
    for (how, signed) in edits(body) {
        if seen.contains(&signed) {
            continue;
        }
        out.push(Candidate::new(Variant::PayloadBody { how }).payload(hex(&sha256(&signed))));
        seen.push(signed);
    }
}

/// The words for a body signed before edit `how` (its payload hash `signed`).
pub(super) fn change(input: &SearchInput<'_>, how: BodyEdit, signed: &str) -> Change {
    let what = match how {
        BodyEdit::LastLineEndAdded => "without the line end it now ends with",
        BodyEdit::LastLineEndDropped => "with a line end at its end, which the body sent lacks",
        BodyEdit::CrlfFromLf => "with LF line ends, where the body sent has CRLF",
        BodyEdit::LfFromCrlf => "with CRLF line ends, where the body sent has LF",
        BodyEdit::JsonSpaced => "as compact JSON, where the body sent has spaces after , and :",
        BodyEdit::JsonCompacted => {
            "as JSON with spaces after , and : (Python's json.dumps), where the body sent has none"
        }
    };
    super::change(
        Code::PayloadHashMismatch,
        "payload",
        input.canonical_request.payload_hash.as_str(),
        signed,
        format!("The body was signed {what}"),
        format!("Re-signing with the payload hash {signed} of the body so edited reproduces the signature: the body changed between signing and sending (a client or proxy that re-serializes JSON, converts line ends or appends a newline; a text box that did, when pasted here). Send exactly the bytes that were hashed, or hash the bytes you send."),
    )
}

#[cfg(test)]
mod tests {
    use super::{edits, BodyEdit};

    fn edited(body: &str) -> Vec<(BodyEdit, String)> {
        edits(body.as_bytes())
            .into_iter()
            .map(|(how, b)| (how, String::from_utf8(b).unwrap()))
            .collect()
    }

    #[test]
    fn line_ends_and_json_spacing() {
        assert_eq!(
            edited("{\"a\": 1, \"b\": [true, null]}\n"),
            [
                (
                    BodyEdit::LastLineEndAdded,
                    "{\"a\": 1, \"b\": [true, null]}".to_owned()
                ),
                (
                    BodyEdit::LastLineEndDropped,
                    "{\"a\": 1, \"b\": [true, null]}\n\n".to_owned()
                ),
                (
                    BodyEdit::LfFromCrlf,
                    "{\"a\": 1, \"b\": [true, null]}\r\n".to_owned()
                ),
                (
                    BodyEdit::JsonSpaced,
                    "{\"a\":1,\"b\":[true,null]}".to_owned()
                ),
                (
                    BodyEdit::JsonCompacted,
                    "{\"a\": 1, \"b\": [true, null]}".to_owned()
                ),
            ]
        );
        let crlf = edited("a=1\r\nb=2");
        assert!(crlf.contains(&(BodyEdit::CrlfFromLf, "a=1\nb=2".to_owned())));
        // Not JSON (or only leniently): no JSON edits.
        assert!(edited("{'a': 1}")
            .iter()
            .all(|(how, _)| !matches!(how, BodyEdit::JsonSpaced | BodyEdit::JsonCompacted)));
    }
}
