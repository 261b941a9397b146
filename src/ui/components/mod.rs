//! One component per file; each takes plain data and `on_<event>` callbacks.

pub mod error_xml_input;
pub mod findings;
pub mod parameters;
pub mod request_inputs;
pub mod secret_input;
pub mod url_input;
pub mod verdict;
