//! Line-by-line comparison of two canonical requests (or strings to sign), aligned by their
//! structure: method, URI, query, each header by name, signed headers, payload hash. The page
//! renders these lines side by side and highlights the differing character range.

use crate::limits::MAX_DIFF_LINES;
use serde::Serialize;
use std::cmp::Ordering;

/// How a line compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffKind {
    Same,
    Changed,
    /// Only in what this page computed.
    OnlyOurs,
    /// Only in what S3 computed.
    OnlyTheirs,
}

/// A range of characters (not bytes): `start..end`, counted in Unicode scalar values, so the
/// page can slice a JavaScript string safely for ASCII and nearly so otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

/// One aligned line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    pub kind: DiffKind,
    /// Which part of the text the line is: `method`, `canonical-uri`, `canonical-query`,
    /// `header host`, `blank`, `signed-headers`, `payload-hash`, `algorithm`, `date`,
    /// `credential-scope`, `canonical-request-hash`, or `line N` when the text has no
    /// recognizable structure.
    pub part: String,
    pub ours: Option<String>,
    pub theirs: Option<String>,
    /// The differing characters of `ours` (after the common prefix, before the common suffix).
    pub ours_range: Option<CharRange>,
    pub theirs_range: Option<CharRange>,
}

impl DiffLine {
    fn new(part: &str, ours: Option<&str>, theirs: Option<&str>) -> Self {
        let (kind, ours_range, theirs_range) = match (ours, theirs) {
            (Some(a), Some(b)) if a == b => (DiffKind::Same, None, None),
            (Some(a), Some(b)) => {
                let (ra, rb) = differing_ranges(a, b);
                (DiffKind::Changed, Some(ra), Some(rb))
            }
            (Some(a), None) => (
                DiffKind::OnlyOurs,
                Some(CharRange {
                    start: 0,
                    end: a.chars().count(),
                }),
                None,
            ),
            (None, Some(b)) => (
                DiffKind::OnlyTheirs,
                None,
                Some(CharRange {
                    start: 0,
                    end: b.chars().count(),
                }),
            ),
            (None, None) => (DiffKind::Same, None, None),
        };
        DiffLine {
            kind,
            part: part.to_owned(),
            ours: ours.map(str::to_owned),
            theirs: theirs.map(str::to_owned),
            ours_range,
            theirs_range,
        }
    }
}

/// The character ranges where `a` and `b` differ, after their common prefix and suffix.
pub fn differing_ranges(a: &str, b: &str) -> (CharRange, CharRange) {
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    let prefix = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let max_suffix = ac.len().min(bc.len()) - prefix;
    let suffix = ac
        .iter()
        .rev()
        .zip(bc.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    (
        CharRange {
            start: prefix,
            end: ac.len() - suffix,
        },
        CharRange {
            start: prefix,
            end: bc.len() - suffix,
        },
    )
}

struct Sections<'a> {
    method: &'a str,
    uri: &'a str,
    query: &'a str,
    headers: Vec<&'a str>,
    signed_headers: &'a str,
    payload: &'a str,
}

fn sections(text: &str) -> Option<Sections<'_>> {
    let lines: Vec<&str> = text.split('\n').take(MAX_DIFF_LINES).collect();
    if lines.len() < 6 {
        return None;
    }
    let n = lines.len();
    let blank = n - 3;
    if !lines[blank].is_empty() {
        return None;
    }
    Some(Sections {
        method: lines[0],
        uri: lines[1],
        query: lines[2],
        headers: lines[3..blank].to_vec(),
        signed_headers: lines[n - 2],
        payload: lines[n - 1],
    })
}

fn header_name(line: &str) -> &str {
    line.split_once(':').map_or(line, |(n, _)| n)
}

/// Aligns two canonical requests by structure; falls back to line positions.
pub fn diff_canonical_requests(ours: &str, theirs: &str) -> Vec<DiffLine> {
    let (Some(a), Some(b)) = (sections(ours), sections(theirs)) else {
        return diff_positional(ours, theirs, &[]);
    };
    let mut out = vec![
        DiffLine::new("method", Some(a.method), Some(b.method)),
        DiffLine::new("canonical-uri", Some(a.uri), Some(b.uri)),
        DiffLine::new("canonical-query", Some(a.query), Some(b.query)),
    ];
    merge_headers(&a.headers, &b.headers, &mut out);
    out.push(DiffLine::new("blank", Some(""), Some("")));
    out.push(DiffLine::new(
        "signed-headers",
        Some(a.signed_headers),
        Some(b.signed_headers),
    ));
    out.push(DiffLine::new(
        "payload-hash",
        Some(a.payload),
        Some(b.payload),
    ));
    out
}

/// Headers are sorted by name in both: merged by name, a line either side has is paired with
/// the other side's line of that name, or with nothing.
fn merge_headers(ours: &[&str], theirs: &[&str], out: &mut Vec<DiffLine>) {
    let (mut at_ours, mut at_theirs) = (0, 0);
    loop {
        let our_line = ours.get(at_ours).copied();
        let their_line = theirs.get(at_theirs).copied();
        let order = match (our_line.map(header_name), their_line.map(header_name)) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(our_name), Some(their_name)) => our_name.cmp(their_name),
        };
        let (in_ours, in_theirs) = (order.is_le(), order.is_ge());
        let name = if in_ours { our_line } else { their_line }.map_or("", header_name);
        out.push(DiffLine::new(
            &format!("header {name}"),
            our_line.filter(|_| in_ours),
            their_line.filter(|_| in_theirs),
        ));
        at_ours += usize::from(in_ours);
        at_theirs += usize::from(in_theirs);
    }
}

/// Compares line by line at the same positions, naming lines by `parts` where given.
pub fn diff_positional(ours: &str, theirs: &str, parts: &[&str]) -> Vec<DiffLine> {
    let a: Vec<&str> = ours.split('\n').take(MAX_DIFF_LINES).collect();
    let b: Vec<&str> = theirs.split('\n').take(MAX_DIFF_LINES).collect();
    (0..a.len().max(b.len()))
        .map(|i| {
            let part = parts
                .get(i)
                .map_or_else(|| format!("line {}", i + 1), |p| (*p).to_owned());
            DiffLine::new(&part, a.get(i).copied(), b.get(i).copied())
        })
        .collect()
}

/// Compares two strings to sign (four lines).
pub fn diff_strings_to_sign(ours: &str, theirs: &str) -> Vec<DiffLine> {
    diff_positional(
        ours,
        theirs,
        &[
            "algorithm",
            "date",
            "credential-scope",
            "canonical-request-hash",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_structure() {
        let ours =
            "GET\n/a\nx=1\nhost:a.example\nx-amz-meta-a:1\n\nhost;x-amz-meta-a\nUNSIGNED-PAYLOAD";
        let theirs = "GET\n/a\nx=1\ncontent-type:text/plain\nhost:b.example\n\ncontent-type;host\nUNSIGNED-PAYLOAD";
        let d = diff_canonical_requests(ours, theirs);
        let kinds: Vec<(&str, DiffKind)> = d.iter().map(|l| (l.part.as_str(), l.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("method", DiffKind::Same),
                ("canonical-uri", DiffKind::Same),
                ("canonical-query", DiffKind::Same),
                ("header content-type", DiffKind::OnlyTheirs),
                ("header host", DiffKind::Changed),
                ("header x-amz-meta-a", DiffKind::OnlyOurs),
                ("blank", DiffKind::Same),
                ("signed-headers", DiffKind::Changed),
                ("payload-hash", DiffKind::Same),
            ]
        );
        assert_eq!(d[4].ours_range, Some(CharRange { start: 5, end: 6 }));
    }

    #[test]
    fn ranges_count_chars() {
        let (a, b) = differing_ranges("héllo", "hallo");
        assert_eq!((a.start, a.end, b.start, b.end), (1, 2, 1, 2));
        let (a, b) = differing_ranges("aa", "aaa");
        assert_eq!((a.start, a.end, b.start, b.end), (2, 2, 2, 3));
        let d = diff_canonical_requests("x", "y\nz");
        assert_eq!(d.len(), 2);
    }
}
