//! The service's error body: what S3 (and, later, other services) answered.

pub mod xml;
