//! Presign Inspector: tells why an S3 presigned URL fails, and what to change.
//!
//! `presign` is the pure domain layer (parse, canonicalize, sign, diagnose); it knows
//! nothing of the browser, the clock or I/O. `ui` renders its report in the browser.

pub mod presign;

#[cfg(target_arch = "wasm32")]
pub mod ui;
