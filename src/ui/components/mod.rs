//! One component per file; each takes plain data and `on_<event>` callbacks.

pub mod decoded;
pub mod error_diff;
pub mod error_xml_input;
pub mod findings;
pub mod parameters;
pub mod request_inputs;
pub mod secret_input;
pub mod share;
pub mod signing;
pub mod snippets;
pub mod url_input;
pub mod verdict;
