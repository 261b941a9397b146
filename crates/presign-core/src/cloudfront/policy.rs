//! Stage 1 of CloudFront signed URLs: the policy, the bytes that are signed. A canned policy is
//! rebuilt byte for byte from the resource and `Expires` (key order is significant); a custom
//! policy is whatever JSON `Policy` carries, read for its conditions
//! (shared/specs/cloudfront.md section 2).

use crate::limits::MAX_WILDCARD_BYTES;

/// The canned policy for `resource` and the `Expires` digits, compact, in CloudFront's order.
pub fn canned_policy(resource: &str, expires: &str) -> String {
    let resource = serde_json::to_string(resource).unwrap_or_default();
    format!(
        "{{\"Statement\":[{{\"Resource\":{resource},\"Condition\":{{\"DateLessThan\":{{\"AWS:EpochTime\":{expires}}}}}}}]}}"
    )
}

/// What a custom policy says, and what in it could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PolicyConditions {
    pub statements: usize,
    pub resource: Option<String>,
    pub date_less_than: Option<i64>,
    pub date_greater_than: Option<i64>,
    pub source_ip: Option<String>,
    /// Why CloudFront would refuse it as `MalformedPolicy`, in words.
    pub problems: Vec<String>,
}

/// Reads the first statement's resource and conditions from the policy bytes.
pub fn read_policy(bytes: &[u8]) -> PolicyConditions {
    let mut out = PolicyConditions::default();
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        out.problems.push("the policy is not JSON".to_owned());
        return out;
    };
    let Some(statements) = json.get("Statement").and_then(|s| s.as_array()) else {
        out.problems
            .push("the policy has no \"Statement\" list".to_owned());
        return out;
    };
    out.statements = statements.len();
    if statements.len() != 1 {
        out.problems.push(format!(
            "the policy has {} statements; a signed URL's policy has exactly one",
            statements.len()
        ));
    }
    let Some(statement) = statements.first() else {
        return out;
    };
    out.resource = statement
        .get("Resource")
        .and_then(|r| r.as_str())
        .map(str::to_owned);
    let condition = statement.get("Condition");
    let epoch = |name: &str| {
        condition
            .and_then(|c| c.get(name))
            .and_then(|d| d.get("AWS:EpochTime"))
            .and_then(serde_json::Value::as_i64)
    };
    out.date_less_than = epoch("DateLessThan");
    out.date_greater_than = epoch("DateGreaterThan");
    out.source_ip = condition
        .and_then(|c| c.get("IpAddress"))
        .and_then(|i| i.get("AWS:SourceIp"))
        .and_then(|s| s.as_str())
        .map(str::to_owned);
    if out.date_less_than.is_none() {
        out.problems.push("the policy has no DateLessThan (AWS:EpochTime, a whole number): CloudFront requires an end".to_owned());
    }
    out
}

/// Whether `url` matches a policy Resource with CloudFront's wildcards (`*` any run of
/// characters, `?` one). `None` when either is over `limits::MAX_WILDCARD_BYTES`.
pub fn resource_matches(pattern: &str, url: &str) -> Option<bool> {
    if pattern.len() > MAX_WILDCARD_BYTES || url.len() > MAX_WILDCARD_BYTES {
        return None;
    }
    let (p, s): (Vec<char>, Vec<char>) = (pattern.chars().collect(), url.chars().collect());
    // Greedy matching with one backtrack point: the last `*` seen.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < s.len() {
        if i < p.len() && (p[i] == '?' || p[i] == s[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(k) = star {
            i = k + 1;
            mark += 1;
            j = mark;
        } else {
            return Some(false);
        }
    }
    while i < p.len() && p[i] == '*' {
        i += 1;
    }
    Some(i == p.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_policy_is_byte_exact() {
        // shared/vectors/cloudfront/cloudfront-vectors.json, "canned-policy".
        assert_eq!(
            canned_policy("https://d111111abcdef8.cloudfront.net/private-content/private.jpeg", "1577836800"),
            "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/private-content/private.jpeg\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1577836800}}}]}"
        );
    }

    #[test]
    fn reads_a_custom_policy_in_any_key_order() {
        // botocore's unit-test policy: DateLessThan, IpAddress, DateGreaterThan.
        let p = read_policy(br#"{"Statement":[{"Resource":"foo","Condition":{"DateLessThan":{"AWS:EpochTime":1451606400},"IpAddress":{"AWS:SourceIp":"12.34.56.78/9"},"DateGreaterThan":{"AWS:EpochTime":1448928000}}}]}"#);
        assert_eq!(p.resource.as_deref(), Some("foo"));
        assert_eq!(
            (p.date_less_than, p.date_greater_than),
            (Some(1_451_606_400), Some(1_448_928_000))
        );
        assert_eq!(p.source_ip.as_deref(), Some("12.34.56.78/9"));
        assert!(p.problems.is_empty());
        assert!(!read_policy(b"{\"Statement\":[{\"Resource\":\"x\"}]}")
            .problems
            .is_empty());
        assert!(!read_policy(b"not json").problems.is_empty());
    }

    #[test]
    fn wildcards() {
        assert_eq!(
            resource_matches("https://d.net/*", "https://d.net/a/b.jpg?x=1"),
            Some(true)
        );
        assert_eq!(
            resource_matches("http*://d.net/a?.jpg", "https://d.net/ab.jpg"),
            Some(true)
        );
        assert_eq!(
            resource_matches("https://d.net/a/*", "https://d.net/b/c"),
            Some(false)
        );
        assert_eq!(resource_matches("*", ""), Some(true));
        assert_eq!(resource_matches("a*b*c", "aXXbYYc"), Some(true));
        assert_eq!(resource_matches("a*b*c", "aXXbYY"), Some(false));
    }
}
