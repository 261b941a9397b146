//! The pure domain layer: parse, canonicalize, sign and diagnose presigned URLs.
