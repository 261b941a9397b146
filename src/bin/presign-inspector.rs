//! The command line over the domain layer.
fn main() {}
