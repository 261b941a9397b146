//! The pure domain layer: parse, canonicalize, sign and diagnose presigned URLs.
//!
//! No browser, no clock, no I/O: every function takes what it needs, `now` included, so the
//! whole layer is tested natively with `cargo test`.

pub mod anatomy;
pub mod aws_host;
pub mod azure;
pub mod cloudfront;
pub mod crypto;
pub mod diagnose;
pub mod encode;
pub mod endpoint;
pub mod error_body;
pub mod examples;
pub mod explain;
pub mod finding;
pub mod gcs;
pub mod input;
pub mod inspect;
pub mod limits;
pub mod normalize;
pub mod post_policy;
pub mod report;
pub mod scan;
pub mod share;
pub mod sigv2;
pub mod sigv4;
pub mod sigv4_header;
pub mod sigv4a;
pub mod snippets;
pub mod sort;
pub mod time;
pub mod types;
pub mod unicode;

pub use finding::{Code, Finding, Severity};
pub use inspect::{inspect, inspect_planned, inspect_with, Inputs, RootCausePlan};
pub use report::{Report, ReportDetail};
pub use time::UnixTime;
pub use types::{HttpMethod, Secret};
