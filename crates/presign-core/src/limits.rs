//! Every bound on input and on the work an input can cause, in one place. People paste
//! whatever their logs hold, and a paste must neither freeze the page nor be read in part
//! without saying so (docs/security.md lists these limits for users).

/// The longest URL read. Real presigned URLs are 0.5–4 KB (a session token adds ~1 KB, a
/// 1024-byte key up to 3 KB more); 64 KiB leaves room for anything real and bounds the work.
pub const MAX_URL_BYTES: usize = 64 * 1024;
/// The longest header block read (S3 documents 8 KB as the limit of a PUT's request headers).
pub const MAX_HEADERS_BYTES: usize = 64 * 1024;
/// The longest curl command read. A command may carry an inline body (`-d '…'`), so either
/// field may hold one up to this size.
pub const MAX_CURL_BYTES: usize = 1 << 20;
/// The longest raw HTTP request or SDK debug log read: the body rides along in a raw request
/// (larger bodies are given as a file and only hashed), and an AWS CLI `--debug` run of one
/// command with its retries is some 100 KB.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;
/// A header-signed request's body is written into the curl and fetch snippets up to this size
/// (as text); a longer one is read from a file there.
pub const MAX_SNIPPET_BODY_BYTES: usize = 4096;
/// The longest presigned POST read (the SDK's JSON, an HTML form, a curl command with `-F`, a
/// multipart body): a form is a few KB, but a pasted multipart body may hold the file itself.
pub const MAX_POST_BYTES: usize = 1 << 20;
/// At most this many form fields (parts) are read from a presigned POST; S3 forms have a dozen.
pub const MAX_FORM_PARTS: usize = 1000;
/// JSON (the SDK's POST JSON, a POST policy) nested deeper than this is not read.
pub const MAX_JSON_DEPTH: usize = 64;
/// The longest public-key input read: a certificate is 1–2 KB, and Google's map of a service
/// account's current certificates holds two or three.
pub const MAX_PUBLIC_KEY_BYTES: usize = 64 * 1024;
/// The largest service error body read; the rest is ignored (and the body marked truncated).
pub const MAX_ERROR_BODY_BYTES: usize = 512 * 1024;
/// Elements of an error body nested deeper than this are skipped.
pub const MAX_ERROR_BODY_DEPTH: usize = 16;
/// The most text a compressed share link may expand to: bounds the work on a hostile link.
pub const MAX_SHARE_INFLATED: usize = 1024 * 1024;
/// At most this many layers of escaping (HTML, JSON, percent) are undone around a pasted URL
/// (a JSON log of an HTML page is two).
pub const MAX_ESCAPING_LAYERS: usize = 3;

/// URLs longer than this are not searched for a root cause: the search's work grows with the
/// URL, and a hostile paste must not freeze the page.
pub const MAX_SEARCH_URL_BYTES: usize = 16 * 1024;
/// Header text longer than this is not searched either.
pub const MAX_SEARCH_HEADER_BYTES: usize = 16 * 1024;
/// At most this many variants are signed by one search.
pub const MAX_VARIANTS: usize = 5000;
/// At most this many SigV4A variants are verified by one search: each is an ECDSA
/// verification, a few hundred times the cost of an HMAC.
pub const MAX_SIGV4A_VARIANTS: usize = 64;
/// A CloudFront policy Resource with wildcards is matched against the URL only when both are
/// at most this long: matching `*` can cost the product of the two lengths.
pub const MAX_WILDCARD_BYTES: usize = 4 * 1024;
/// At most this many lines of each side of a canonical request are diffed.
pub const MAX_DIFF_LINES: usize = 400;

/// At most this many suspicious code points are itemized per field; the rest are counted.
pub const MAX_LISTED_CHARACTERS: usize = 16;
/// At most this many headers get their own `suspicious-characters` finding.
pub const MAX_HEADER_FINDINGS: usize = 8;
