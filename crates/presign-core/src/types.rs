//! Newtypes and enums for the things people confuse.

use serde::Serialize;
use std::fmt;
use zeroize::Zeroizing;

/// The HTTP method a request is sent (or was signed) with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Put,
    Head,
    Delete,
    Post,
}

impl HttpMethod {
    pub const ALL: [HttpMethod; 5] = [Self::Get, Self::Put, Self::Head, Self::Delete, Self::Post];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Head => "HEAD",
            Self::Delete => "DELETE",
            Self::Post => "POST",
        }
    }

    /// Case-insensitive; `None` for methods S3 presigned URLs are not used with.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the bucket is named in the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddressingStyle {
    /// `bucket.s3.region.amazonaws.com/key`
    VirtualHosted,
    /// `s3.region.amazonaws.com/bucket/key`
    PathStyle,
}

/// A secret access key. `Debug` and `Display` print nothing of it, and its buffer is wiped
/// when dropped, so that it does not linger in wasm linear memory. (Signing keys derived from
/// it are cached by whoever owns a `SigningKeyCache`, not here.)
#[derive(Clone, Default)]
pub struct Secret {
    text: Zeroizing<String>,
}

impl Secret {
    pub fn new(text: &str) -> Self {
        Secret {
            text: Zeroizing::new(text.to_owned()),
        }
    }

    /// The key bytes, for the signing-key derivation only.
    pub fn expose(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_is_redacted() {
        let s = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert!(!format!("{s:?} {s}").contains("wJal"));
        assert_eq!(s.expose(), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    #[test]
    fn methods() {
        assert_eq!(HttpMethod::parse(" put "), Some(HttpMethod::Put));
        assert_eq!(HttpMethod::parse("PATCH"), None);
    }
}
