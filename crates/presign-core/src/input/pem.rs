//! PEM blocks (`-----BEGIN LABEL-----` … `-----END LABEL-----`, RFC 7468) in pasted text.
//!
//! People paste keys from files, from JSON (where line breaks are written `\n`), from e-mails
//! and terminals (indented, with CRLF). The reader finds every block, keeps its label and
//! decodes its base64 body; what it cannot read is a problem, never a panic.

use crate::encode::base64_decode;

/// One PEM block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBlock {
    /// The label between `BEGIN ` and the dashes: `CERTIFICATE`, `PUBLIC KEY`, …
    pub label: String,
    /// The decoded body; `None` when it is not base64 (or the block has no end).
    pub der: Option<Vec<u8>>,
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

/// Every PEM block of `text`, in order.
pub fn pem_blocks(text: &str) -> Vec<PemBlock> {
    // A PEM copied out of JSON keeps its escaped line breaks; base64 has no backslash, so
    // turning them back into line breaks changes nothing else.
    let text = if text.contains("\\n") {
        std::borrow::Cow::Owned(text.replace("\\r\\n", "\n").replace("\\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut blocks = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = &rest[start + BEGIN.len()..];
        let Some(label_end) = after_begin.find(DASHES) else {
            break;
        };
        let label = after_begin[..label_end].trim().to_owned();
        let body_and_more = &after_begin[label_end + DASHES.len()..];
        let end_marker = format!("{END}{label}{DASHES}");
        let (der, next) = match body_and_more.find(&end_marker) {
            Some(end) => (
                decode_body(&body_and_more[..end]),
                &body_and_more[end + end_marker.len()..],
            ),
            None => (None, ""),
        };
        blocks.push(PemBlock { label, der });
        rest = next;
    }
    blocks
}

/// The base64 of a block body: white space ignored, RFC 1421 header lines (`Proc-Type: …`,
/// which only encrypted private keys carry) skipped.
fn decode_body(body: &str) -> Option<Vec<u8>> {
    let base64: String = body
        .lines()
        .filter(|line| !line.contains(':'))
        .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
        .collect();
    if base64.is_empty() {
        return None;
    }
    base64_decode(&base64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_from_files_json_and_mail() {
        let file = "-----BEGIN PUBLIC KEY-----\nAAEC\nAwQ=\n-----END PUBLIC KEY-----\n";
        assert_eq!(
            pem_blocks(file),
            vec![PemBlock {
                label: "PUBLIC KEY".to_owned(),
                der: Some(vec![0, 1, 2, 3, 4])
            }]
        );
        let json = r#"{"k1": "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n"}"#;
        assert_eq!(pem_blocks(json)[0].der, Some(vec![0, 1, 2]));
        let mail = "> -----BEGIN RSA PUBLIC KEY-----\r\n>   AAEC\r\n> -----END RSA PUBLIC KEY-----";
        // The quote marks are not base64: the block is found, its body is not readable.
        assert_eq!(pem_blocks(mail)[0].label, "RSA PUBLIC KEY");
        assert_eq!(pem_blocks(mail)[0].der, None);
        let two = format!("{file}junk{}", file.replace("PUBLIC KEY", "CERTIFICATE"));
        let labels: Vec<String> = pem_blocks(&two).into_iter().map(|b| b.label).collect();
        assert_eq!(labels, ["PUBLIC KEY", "CERTIFICATE"]);
    }

    #[test]
    fn cut_off_and_empty_blocks_are_read_as_unreadable() {
        assert_eq!(pem_blocks("-----BEGIN PUBLIC KEY-----\nAAEC")[0].der, None);
        assert_eq!(pem_blocks("-----BEGIN X----------END X-----")[0].der, None);
        assert!(pem_blocks("-----BEGIN ").is_empty());
        assert!(pem_blocks("no pem here").is_empty());
    }
}
