//! The pure domain layer: parse, canonicalize, sign and diagnose presigned URLs.
//!
//! No browser, no clock, no I/O: every function takes what it needs, `now` included, so the
//! whole layer is tested natively with `cargo test`.

pub mod canonical_request;
pub mod crypto;
pub mod curl;
pub mod deflate;
pub mod diagnose;
pub mod encode;
pub mod endpoint;
pub mod error_xml;
pub mod explain;
pub mod finding;
pub mod guard;
pub mod headers;
pub mod inspect;
pub mod normalize;
pub mod params;
pub mod scan;
pub mod share;
pub mod signature;
pub mod sigv2;
pub mod snippets;
pub mod sort;
pub mod string_to_sign;
pub mod time;
pub mod types;
pub mod unicode;
pub mod url;
pub mod verify;

pub use finding::{Code, Finding, Severity};
pub use inspect::{inspect, inspect_with, Inputs, Report, ReportDetail};
pub use time::UnixTime;
pub use types::{HttpMethod, Secret};
