//! One view per file. Inputs and the parts of the report that can skip a render (the report
//! is kept until its inputs change or the clock crosses `Report::stable_until`, so a tick
//! leaves these props equal) are components; small helpers are plain view functions.

pub mod body_file;
pub mod chips;
pub mod copy_button;
pub mod countdown;
pub mod decoded;
pub mod details;
pub mod error_diff;
pub mod error_xml_input;
pub mod evidence;
pub mod examples;
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
pub mod url_view;
pub mod verdict;

use presign_core::Report;
use std::ops::Deref;
use std::rc::Rc;

/// The report as components receive it, compared by identity: the page keeps one report until
/// its inputs change or the clock makes it stale, so equal identity means nothing to redraw,
/// and comparing the whole report by value on every render would cost more than it spares.
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
