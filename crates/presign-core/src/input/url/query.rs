//! The query string as written, pair by pair: each `name=value` kept raw, decoded only when
//! asked, and compared by its decoded name without allocating.

use crate::encode::{decoded_eq, decoded_eq_ignore_ascii_case, percent_decode};
use crate::scan::find_byte;
use serde::Serialize;

/// One `name=value` pair of the query string, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPair {
    /// The segment between two `&` as written, escapes and all: `name=value` or a bare `name`.
    text: String,
    /// Where the first `=` is, if there is one.
    equals: Option<usize>,
}

impl RawPair {
    /// A pair from its name and value as written; `None` for a bare `name` without `=`.
    pub fn new(raw_name: &str, raw_value: Option<&str>) -> Self {
        match raw_value {
            Some(value) => {
                let mut text = String::with_capacity(raw_name.len() + 1 + value.len());
                text.push_str(raw_name);
                text.push('=');
                text.push_str(value);
                RawPair {
                    text,
                    equals: Some(raw_name.len()),
                }
            }
            None => RawPair {
                text: raw_name.to_owned(),
                equals: None,
            },
        }
    }

    /// One `&`-separated segment of a query string.
    pub(super) fn from_segment(segment: &str) -> Self {
        RawPair {
            text: segment.to_owned(),
            equals: find_byte(segment.as_bytes(), b'='),
        }
    }

    /// The same name with another value as written (a bare name stays bare while the value
    /// is empty).
    #[must_use]
    pub fn with_raw_value(&self, raw_value: &str) -> Self {
        let value = (self.has_equals() || !raw_value.is_empty()).then_some(raw_value);
        RawPair::new(self.raw_name(), value)
    }

    /// The name as written, escapes and all.
    pub fn raw_name(&self) -> &str {
        &self.text[..self.equals.unwrap_or(self.text.len())]
    }

    /// The value as written; empty for `name=` and for a bare `name`.
    pub fn raw_value(&self) -> &str {
        self.equals.map_or("", |i| &self.text[i + 1..])
    }

    /// Whether the pair had an `=`.
    pub fn has_equals(&self) -> bool {
        self.equals.is_some()
    }

    pub fn name(&self) -> Vec<u8> {
        percent_decode(self.raw_name().as_bytes())
    }

    pub fn value(&self) -> Vec<u8> {
        percent_decode(self.raw_value().as_bytes())
    }

    /// The decoded name, borrowed when it holds no escape (nearly always).
    pub fn name_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        let raw = self.raw_name().as_bytes();
        if find_byte(raw, b'%').is_some() {
            std::borrow::Cow::Owned(percent_decode(raw))
        } else {
            std::borrow::Cow::Borrowed(raw)
        }
    }

    /// The decoded name as text (lossy), for matching parameter names.
    pub fn name_text(&self) -> String {
        decoded_text(self.raw_name())
    }

    pub fn value_text(&self) -> String {
        decoded_text(self.raw_value())
    }

    /// Whether the decoded name is exactly `name` (no allocation).
    pub fn name_is(&self, name: &str) -> bool {
        decoded_eq(self.raw_name().as_bytes(), name.as_bytes())
    }

    /// Whether the decoded name is `name`, ASCII case ignored (no allocation).
    pub fn name_is_ignore_ascii_case(&self, name: &str) -> bool {
        decoded_eq_ignore_ascii_case(self.raw_name().as_bytes(), name.as_bytes())
    }
}

/// Serialized as it always was: `{raw_name, raw_value, has_equals}`.
impl Serialize for RawPair {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("RawPair", 3)?;
        s.serialize_field("raw_name", self.raw_name())?;
        s.serialize_field("raw_value", self.raw_value())?;
        s.serialize_field("has_equals", &self.has_equals())?;
        s.end()
    }
}

/// Decoded, lossy text of raw query text. Without a `%` decoding changes nothing and the raw
/// text is already UTF-8, so it is copied as is.
fn decoded_text(raw: &str) -> String {
    if find_byte(raw.as_bytes(), b'%').is_some() {
        // Valid UTF-8 (nearly always) becomes the String without a second copy.
        String::from_utf8(percent_decode(raw.as_bytes()))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    } else {
        raw.to_owned()
    }
}

/// Splits a raw query on `&`; empty segments (`a=1&&b=2`) carry nothing and are skipped,
/// as S3 skips them.
pub fn split_query(raw_query: &str) -> Vec<RawPair> {
    let mut pairs = Vec::new();
    let mut rest = raw_query;
    while !rest.is_empty() {
        let end = find_byte(rest.as_bytes(), b'&').unwrap_or(rest.len());
        if end > 0 {
            pairs.push(RawPair::from_segment(&rest[..end]));
        }
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_decoded() {
        let pairs = split_query("X-Amz-Date=1&X%2DAmz%2DExpires=2&x-amz-date=3&%ZZ=4");
        assert!(pairs[0].name_is("X-Amz-Date"));
        assert!(pairs[1].name_is("X-Amz-Expires") && !pairs[1].name_is("X%2DAmz%2DExpires"));
        assert!(!pairs[2].name_is("X-Amz-Date"));
        assert!(pairs[3].name_is("%ZZ"));
        assert!(
            pairs[1].name_is_ignore_ascii_case("x-amz-expires")
                && pairs[2].name_is_ignore_ascii_case("X-AMZ-DATE")
        );
        assert!(!pairs[0].name_is_ignore_ascii_case("X-Amz-Dat"));
    }
}
