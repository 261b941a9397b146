//! The tolerant JSON reader of presigned POSTs (`input::json`): strict JSON in order, S3's own
//! escapes, Python and Node printouts (and that they were not strict), where it stopped, and
//! the depth bound; and conditions written back as S3 quotes them.

use presign_core::input::json::{read_json, Json, JsonError, Leniency};
use presign_core::limits::MAX_JSON_DEPTH;

fn strict(text: &str) -> Json {
    let read = read_json(text).unwrap();
    assert!(read.lenient.is_empty(), "{text}: {:?}", read.lenient);
    read.value
}

#[test]
fn reads_strict_json_in_order() {
    let v = strict(
        r#" {"expiration": "2026-11-20T11:00:00Z", "conditions": [["content-length-range", 1, 10485760], {"bucket": "b"}, null, true, -0.5e3]} "#,
    );
    assert_eq!(
        v.get("expiration").and_then(Json::as_str),
        Some("2026-11-20T11:00:00Z")
    );
    let Some(Json::Array(c)) = v.get("conditions") else {
        panic!("{v:?}")
    };
    assert_eq!(
        c[0],
        Json::Array(vec![
            Json::String("content-length-range".into()),
            Json::Number("1".into()),
            Json::Number("10485760".into())
        ])
    );
    assert_eq!(
        c[1],
        Json::Object(vec![("bucket".into(), Json::String("b".into()))])
    );
    assert_eq!(
        &c[2..],
        &[Json::Null, Json::Bool(true), Json::Number("-0.5e3".into())]
    );
}

#[test]
fn writes_a_condition_as_s3_quotes_it() {
    let v = strict(r#"["eq" ,"$acl","public-read"]"#);
    assert_eq!(v.to_text(), r#"["eq", "$acl", "public-read"]"#);
    let v = strict(r#"{"a":"q\"\\\n\u0001", "n": [1, null, false]}"#);
    assert_eq!(
        v.to_text(),
        r#"{"a": "q\"\\\n\u0001", "n": [1, null, false]}"#
    );
}

#[test]
fn escapes_including_s3s_own() {
    assert_eq!(
        strict(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00\$\v""#),
        Json::String("a\"b\\c/d\n\u{e9}\u{1f600}$\u{b}".into())
    );
    // A lone surrogate becomes U+FFFD instead of failing.
    assert_eq!(strict(r#""\ud800x""#), Json::String("\u{fffd}x".into()));
}

#[test]
fn reads_python_and_node_printouts_and_says_so() {
    let python = read_json("{'url': 'https://b.s3.amazonaws.com/', 'fields': {'key': 'it\\'s', 'n': None, 'ok': True,},}").unwrap();
    assert_eq!(
        python.value.get("fields").and_then(|f| f.get("key")),
        Some(&Json::String("it's".into()))
    );
    for l in [
        Leniency::SingleQuotes,
        Leniency::ForeignLiteral,
        Leniency::TrailingComma,
        Leniency::ForeignEscape,
    ] {
        assert!(python.lenient.contains(&l), "{l:?}");
    }
    let node = read_json("{\n  url: 'https://b/',\n  fields: { bucket: 'b', 'X-Amz-Date': '20261120T100000Z' }\n}\nundefined").unwrap();
    assert_eq!(
        node.value.get("url").and_then(Json::as_str),
        Some("https://b/")
    );
    assert!(node.lenient.contains(&Leniency::BareKeys));
    assert!(node.lenient.contains(&Leniency::TrailingText));
}

#[test]
fn says_where_it_stopped() {
    assert_eq!(
        read_json(r#"{"a": 1 "b": 2}"#),
        Err(JsonError::Unexpected {
            at: 8,
            expected: "“,” or “}”"
        })
    );
    for bad in [
        "",
        "{",
        "[1,",
        "\"abc",
        "{\"a\"}",
        "\"\\u12\"",
        "-",
        "1.",
        "1e",
        "nul",
        "{1: 2}",
        "\"\\",
    ] {
        assert!(read_json(bad).is_err(), "{bad}");
    }
    let deep = "[".repeat(MAX_JSON_DEPTH + 2);
    assert_eq!(read_json(&deep), Err(JsonError::TooDeep));
    let ok = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH),
        "]".repeat(MAX_JSON_DEPTH)
    );
    assert!(read_json(&ok).is_ok());
}
