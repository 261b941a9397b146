//! Reading what people paste: a URL split into its raw parts, the query kept pair by pair
//! exactly as it was written.
//!
//! Nothing here decodes and re-encodes: the canonical request is built from these raw bytes,
//! because a generic URL library would normalize them (turn `+` into a space, re-escape `~`,
//! drop empty pairs) and so change what was signed.

mod cleanup;
pub mod params;
mod query;

pub use cleanup::{clean_pasted, Cleanup, Escaping, Unescaped};
pub use query::{split_query, RawPair};

use serde::Serialize;

/// A URL split into raw parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawUrl {
    /// The URL after cleaning, as it will be evaluated.
    pub cleaned: String,
    /// `https` or `http`, lower-cased.
    pub scheme: String,
    /// The host, lower-cased (host names are case-insensitive and S3 sees them lower-cased),
    /// without brackets for IPv6.
    pub host: String,
    /// The host as written, case kept: bucket-name case shows here.
    pub host_as_written: String,
    pub port: Option<u16>,
    /// Everything from the first `/` up to `?` or `#`; `/` when empty.
    pub raw_path: String,
    /// Everything after `?` up to `#`.
    pub raw_query: String,
    pub pairs: Vec<RawPair>,
    pub cleanup: Cleanup,
}

impl RawUrl {
    /// The `host` header value a client sends: the port only when it is not the scheme's default.
    pub fn host_header(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(p)
                if !((self.scheme == "https" && p == 443)
                    || (self.scheme == "http" && p == 80)) =>
            {
                format!("{host}:{p}")
            }
            _ => host,
        }
    }

    /// The first pair whose decoded name equals `name` exactly (SigV4 names are case-sensitive).
    pub fn param(&self, name: &str) -> Option<&RawPair> {
        self.pairs.iter().find(|p| p.name_is(name))
    }

    /// Every pair with that decoded name.
    pub fn params<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a RawPair> + 'a {
        self.pairs.iter().filter(move |p| p.name_is(name))
    }
}

/// Why pasted text is not a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum UrlError {
    Empty,
    /// A scheme other than http(s), e.g. `s3://` or `javascript:`.
    UnsupportedScheme(String),
    NoHost,
    BadPort(String),
    BadHost(String),
}

/// Splits a cleaned URL into its raw parts.
pub fn parse_url(input: &str) -> Result<RawUrl, UrlError> {
    let (cleaned, mut cleanup) = clean_pasted(input);
    if cleaned.is_empty() {
        return Err(UrlError::Empty);
    }
    let (scheme, rest) = match cleaned.find("://") {
        Some(i)
            if cleaned[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
                && i > 0 =>
        {
            (cleaned[..i].to_ascii_lowercase(), &cleaned[i + 3..])
        }
        _ => {
            if let Some(i) = cleaned.find(':') {
                let candidate = &cleaned[..i];
                if !candidate.is_empty()
                    && candidate.bytes().all(|b| b.is_ascii_alphabetic())
                    && !cleaned[i + 1..].starts_with(|c: char| c.is_ascii_digit())
                {
                    return Err(UrlError::UnsupportedScheme(candidate.to_ascii_lowercase()));
                }
            }
            cleanup.assumed_scheme = true;
            ("https".to_owned(), cleaned.as_str())
        }
    };
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::UnsupportedScheme(scheme));
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let after = &rest[authority_end..];
    // Credentials in the authority (`user:pass@host`) are not part of the host.
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let (host_as_written, port) = split_host_port(host_port)?;
    if host_as_written.is_empty() {
        return Err(UrlError::NoHost);
    }
    if host_as_written.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '<' | '>' | '"' | '\\' | '{' | '}' | '|' | '^' | '`')
    }) {
        return Err(UrlError::BadHost(host_as_written.to_owned()));
    }
    let (raw_path, raw_query) = match after.find('?') {
        Some(i) => (&after[..i], &after[i + 1..]),
        None => (after, ""),
    };
    let raw_path = if raw_path.is_empty() { "/" } else { raw_path };
    Ok(RawUrl {
        scheme,
        host: host_as_written.to_ascii_lowercase(),
        host_as_written: host_as_written.to_owned(),
        port,
        raw_path: raw_path.to_owned(),
        raw_query: raw_query.to_owned(),
        pairs: split_query(raw_query),
        cleanup,
        cleaned,
    })
}

fn split_host_port(host_port: &str) -> Result<(&str, Option<u16>), UrlError> {
    if let Some(rest) = host_port.strip_prefix('[') {
        let end = rest
            .find(']')
            .ok_or_else(|| UrlError::BadHost(host_port.to_owned()))?;
        let host = &rest[..end];
        let port = match &rest[end + 1..] {
            "" => None,
            p => Some(parse_port(
                p.strip_prefix(':')
                    .ok_or_else(|| UrlError::BadHost(host_port.to_owned()))?,
            )?),
        };
        return Ok((host, port));
    }
    match host_port.rfind(':') {
        Some(i) => Ok((&host_port[..i], Some(parse_port(&host_port[i + 1..])?))),
        None => Ok((host_port, None)),
    }
}

fn parse_port(text: &str) -> Result<u16, UrlError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::BadPort(text.to_owned()));
    }
    text.parse().map_err(|_| UrlError::BadPort(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_raw_parts() {
        let u =
            parse_url("https://Bucket.s3.amazonaws.com:8443/a+b/%7Ec?X-Amz-Date=1&x=a+b&flag#frag")
                .unwrap();
        assert_eq!(u.host, "bucket.s3.amazonaws.com");
        assert_eq!(u.host_as_written, "Bucket.s3.amazonaws.com");
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.host_header(), "bucket.s3.amazonaws.com:8443");
        assert_eq!(u.raw_path, "/a+b/%7Ec");
        assert_eq!(u.pairs.len(), 3);
        assert_eq!(u.pairs[1].value(), b"a+b");
        assert!(!u.pairs[2].has_equals() && u.pairs[1].has_equals());
        assert_eq!(u.param("X-Amz-Date").unwrap().raw_value(), "1");
        assert_eq!(
            (u.pairs[2].raw_name(), u.pairs[2].raw_value()),
            ("flag", "")
        );
    }

    #[test]
    fn default_ports_are_not_in_host() {
        assert_eq!(parse_url("https://h:443/").unwrap().host_header(), "h");
        assert_eq!(parse_url("http://h:9000/").unwrap().host_header(), "h:9000");
        assert_eq!(
            parse_url("http://[::1]:9000/").unwrap().host_header(),
            "[::1]:9000"
        );
    }

    #[test]
    fn refuses_what_is_not_a_url() {
        assert_eq!(parse_url("   "), Err(UrlError::Empty));
        assert_eq!(
            parse_url("javascript:alert(1)"),
            Err(UrlError::UnsupportedScheme("javascript".into()))
        );
        assert_eq!(
            parse_url("s3://bucket/key"),
            Err(UrlError::UnsupportedScheme("s3".into()))
        );
        assert!(matches!(
            parse_url("https://h:99999/"),
            Err(UrlError::BadPort(_))
        ));
        assert_eq!(parse_url("https:///path"), Err(UrlError::NoHost));
        assert!(
            parse_url("bucket.s3.amazonaws.com/key")
                .unwrap()
                .cleanup
                .assumed_scheme
        );
    }
}
