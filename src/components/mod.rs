//! One view per file. Inputs and the parts with state of their own (share, snippets) are
//! components taking plain data and `on_<event>` callbacks; the rest of the report is drawn by
//! plain view functions over the report, which the app calls on every render anyway (a new
//! report each time), so a component's props check would never spare one, and each component
//! cost about 0.4 KB brotli of the page's wasm.

pub mod body_file;
pub mod decoded;
pub mod error_diff;
pub mod error_xml_input;
pub mod file_input;
pub mod findings;
pub mod parameters;
pub mod public_key_input;
pub mod request_inputs;
pub mod secret_input;
pub mod share;
pub mod signing;
pub mod snippets;
pub mod url_input;
pub mod verdict;

use presign_core::Report;
use std::ops::Deref;
use std::rc::Rc;

/// The report as the result components (share, snippets) receive it, compared by identity:
/// the app makes a new one whenever its state changes, so comparing two by value (the whole
/// report, the parameter table included, on every render) would only rarely spare a render,
/// and the derived comparison was 5 KB of the page's wasm.
#[derive(Clone)]
pub struct SharedReport(pub Rc<Report>);

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedReport {
    type Target = Report;

    fn deref(&self) -> &Report {
        &self.0
    }
}
