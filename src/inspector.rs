//! The report the page shows, made as seldom as it can be and never in the way of typing.
//!
//! - A report is remade only when the inputs change, or when the clock crosses the instant
//!   until which it holds (`Report::stable_until`); a tick in between moves the countdown only.
//! - A new report is made without the root-cause search (`RootCausePlan::Defer`) and painted;
//!   the search runs once typing pauses (`Timing::after_pause`), so that a keystroke never
//!   waits behind it; its result is kept for the inputs, so a report remade because of the
//!   clock reuses it instead of searching again.
//!
//! How many reports and searches were made is counted, and shown on the results
//! (`data-inspections`, `data-searches`) for tests and benchmarks.

use crate::clock::{Handle, Timing};
use crate::components::SharedReport;
use crate::state::InputsKey;
use presign_core::diagnose::root_cause::RootCauseSearch;
use presign_core::report::RootCauseState;
use presign_core::sigv4::signature::SigningKeyCache;
use presign_core::{inspect_planned, ReportDetail, RootCausePlan, UnixTime};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The report to show, and where its making stands.
#[derive(Clone, PartialEq)]
pub struct Inspection {
    pub report: SharedReport,
    /// The root-cause search is still to run for these inputs.
    pub searching: bool,
    /// Reports made so far (each without the search, or reusing one).
    pub inspections: usize,
    /// Root-cause searches run so far.
    pub searches: usize,
}

/// What lives across renders.
#[derive(Default)]
struct Memo {
    key: Option<InputsKey>,
    report: Option<SharedReport>,
    /// The search made for `key`, reused when the clock makes a new report necessary.
    search: Option<Rc<RootCauseSearch>>,
    /// Signing keys derived from the typed secret: a keystroke in the URL does not derive them
    /// again (the cache forgets them when the secret is cleared).
    keys: SigningKeyCache,
    inspections: usize,
    searches: usize,
}

/// Makes (or keeps) the report for `key` at `now`.
fn report_for(memo: &mut Memo, key: &InputsKey, now: UnixTime) -> SharedReport {
    if memo.key.as_ref() != Some(key) {
        memo.key = Some(key.clone());
        memo.report = None;
        memo.search = None;
    }
    if let Some(report) = memo.report.as_ref().filter(|r| r.holds_at(now)) {
        return report.clone();
    }
    let search = memo.search.clone();
    let plan = search
        .as_deref()
        .map_or(RootCausePlan::Defer, RootCausePlan::Reuse);
    let report = SharedReport(Rc::new(inspect_planned(
        &key.inputs(),
        now,
        ReportDetail::Full,
        &mut memo.keys,
        plan,
    )));
    memo.inspections += 1;
    memo.report = Some(report.clone());
    report
}

/// Runs the deferred search for `key`, if `key` is still what the page shows.
fn search_for(memo: &RefCell<Memo>, key: &InputsKey, now: UnixTime) -> bool {
    let mut memo = memo.borrow_mut();
    if memo.key.as_ref() != Some(key) {
        return false;
    }
    let memo = &mut *memo;
    let report = inspect_planned(
        &key.inputs(),
        now,
        ReportDetail::Full,
        &mut memo.keys,
        RootCausePlan::Run,
    );
    memo.searches += 1;
    memo.search = report.root_cause.clone().map(Rc::new);
    memo.report = Some(SharedReport(Rc::new(report)));
    true
}

/// The report for `key` at `now`, remade only when it must be, the search run at a pause.
#[hook]
pub fn use_inspection(key: &InputsKey, now: UnixTime, timing: &Timing) -> Inspection {
    let memo = use_mut_ref(Memo::default);
    let redraw = use_force_update();
    let report = report_for(&mut memo.borrow_mut(), key, now);
    let deferred = report.root_cause_state == RootCauseState::Deferred;
    {
        let (memo, key, timing) = (memo.clone(), key.clone(), timing.clone());
        let pending = deferred.then(|| report.clone());
        // Keyed on the report itself: a new report with the search still to run schedules it,
        // and a job scheduled for an older report is dropped, which cancels it.
        use_effect_with(pending, move |pending| {
            let job: Option<Handle> = pending.as_ref().map(|report| {
                let now = report.now;
                timing.after_pause(move || {
                    if search_for(&memo, &key, now) {
                        redraw.force_update();
                    }
                })
            });
            move || drop(job)
        });
    }
    let memo = memo.borrow();
    Inspection {
        report,
        searching: deferred,
        inspections: memo.inspections,
        searches: memo.searches,
    }
}
