//! Writing a JSON value back on one line, as S3 quotes a policy condition in its error messages
//! (`["eq", "$acl", "public-read"]`): for showing and matching conditions, never for what is
//! signed (the policy is kept as posted); and compact, for the root-cause search's guess at a
//! body re-serialized after signing.

use crate::input::json::Json;
use std::fmt::Write as _;

impl Json {
    /// The value written on one line with `", "` and `": "` between items, as S3 quotes a
    /// condition in its error message (`["eq", "$acl", "public-read"]`).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, ", ", ": ");
        out
    }

    /// The value written without spaces (`JSON.stringify`'s form).
    pub fn to_compact_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, ",", ":");
        out
    }

    fn write(&self, out: &mut String, item_separator: &str, member_separator: &str) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(item_separator);
                    }
                    item.write(out, item_separator, member_separator);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(item_separator);
                    }
                    write_string(name, out);
                    out.push_str(member_separator);
                    value.write(out, item_separator, member_separator);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
