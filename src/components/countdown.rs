//! The live countdown: the one part of the report that moves with the clock.

use crate::format::countdown;
use presign_core::time::human_duration;
use presign_core::UnixTime;
use yew::prelude::*;

/// What the instant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// The end of validity: "expires in …", "expired … ago".
    Expiry,
    /// The start of validity: "starts in …", "valid now".
    Start,
}

/// The time from `now` to `at` in words, red once an expiry has passed.
pub fn live(at: UnixTime, counted: Counted, now: UnixTime, testid: Option<&'static str>) -> Html {
    let left = at.0.saturating_sub(now.0);
    let (text, past) = match counted {
        Counted::Expiry => (countdown(left), left <= 0),
        Counted::Start if left > 0 => (format!("starts in {}", human_duration(left)), false),
        Counted::Start => ("valid now".to_owned(), false),
    };
    html! {
        <span class={classes!("countdown", past.then_some("sev-error"))} data-testid={testid}>{ text }</span>
    }
}
