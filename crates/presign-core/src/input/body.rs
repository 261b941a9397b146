//! A request body given apart from the pasted text: a file the user dropped or chose on the page
//! (hashed there in chunks, never uploaded) or named with `--body-file`. Only its SHA-256 and
//! length travel into the inspection.

use crate::crypto::Sha256Stream;
use crate::encode::hex;
use serde::Serialize;

/// What the inspection needs of a body: its hash and length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyDigest {
    /// Lower-case hex SHA-256, as a canonical request carries it.
    pub sha256: String,
    pub length: u64,
    /// Where it came from (a file name), for the report.
    pub name: String,
}

/// Hashes a body piece by piece, so that a large file never has to be held whole.
#[derive(Clone, Default)]
pub struct BodyHasher {
    stream: Sha256Stream,
    length: u64,
}

impl BodyHasher {
    pub fn update(&mut self, piece: &[u8]) {
        self.stream.update(piece);
        self.length += piece.len() as u64;
    }

    /// Bytes hashed so far.
    pub fn length(&self) -> u64 {
        self.length
    }

    pub fn finish(self, name: impl Into<String>) -> BodyDigest {
        BodyDigest {
            sha256: hex(&self.stream.finish()),
            length: self.length,
            name: name.into(),
        }
    }
}

impl BodyDigest {
    /// The digest of bytes at hand.
    pub fn of(bytes: &[u8], name: impl Into<String>) -> Self {
        let mut hasher = BodyHasher::default();
        hasher.update(bytes);
        hasher.finish(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hash_like_the_whole() {
        let mut hasher = BodyHasher::default();
        for piece in [&b"Welcome to "[..], b"Amazon S3."] {
            hasher.update(piece);
        }
        let digest = hasher.finish("f");
        assert_eq!(digest, BodyDigest::of(b"Welcome to Amazon S3.", "f"));
        // The S3 API Reference's PUT example.
        assert_eq!(
            digest.sha256,
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        );
        assert_eq!(digest.length, 21);
    }
}
