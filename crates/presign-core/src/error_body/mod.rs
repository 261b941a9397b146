//! The service's error body: what S3 or any other AWS service answered.

pub mod service;
pub mod xml;
