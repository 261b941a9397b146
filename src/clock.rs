//! The browser clock, the only clock the page reads (the domain layer takes `now` as a value),
//! and the page's two kinds of deferred work: the tick every second, and a job run once typing
//! pauses. Browser tests drive both by hand (`Timing::Manual`), never by waiting.

use gloo_timers::callback::{Interval, Timeout};
use presign_core::UnixTime;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

/// The browser's current time in whole Unix seconds.
pub fn browser_now() -> UnixTime {
    // Date.now() is milliseconds as an f64; whole seconds fit an i64 exactly.
    #[allow(clippy::cast_possible_truncation)]
    UnixTime((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// The browser's offset from UTC at `t`, in minutes east of UTC (JavaScript's
/// getTimezoneOffset is minutes *west*, hence the negation).
pub fn local_offset_minutes(t: UnixTime) -> i64 {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.0 as f64 * 1000.0));
    #[allow(clippy::cast_possible_truncation)]
    let west = date.get_timezone_offset() as i64;
    -west
}

/// Where the page's time and deferred work come from.
#[derive(Clone, Default, PartialEq)]
pub enum Timing {
    /// The browser clock, a tick every second, jobs after the next paint.
    #[default]
    Browser,
    /// A test's hand: it sets the time, ticks, and runs the jobs.
    Manual(ManualTiming),
}

/// A clock and a job queue that a test drives.
#[derive(Clone)]
pub struct ManualTiming(Rc<Manual>);

struct Manual {
    now: Cell<UnixTime>,
    on_tick: RefCell<Option<Callback<UnixTime>>>,
    jobs: RefCell<Vec<Job>>,
}

type Job = (Rc<Cell<bool>>, Box<dyn FnOnce()>);

impl PartialEq for ManualTiming {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ManualTiming {
    pub fn new(now: UnixTime) -> Self {
        ManualTiming(Rc::new(Manual {
            now: Cell::new(now),
            on_tick: RefCell::new(None),
            jobs: RefCell::new(Vec::new()),
        }))
    }

    /// Sets the clock and ticks, as the browser does every second.
    pub fn tick(&self, now: UnixTime) {
        self.0.now.set(now);
        let on_tick = self.0.on_tick.borrow().clone();
        if let Some(cb) = on_tick {
            cb.emit(now);
        }
    }

    /// Runs the jobs scheduled so far that were not cancelled; returns how many ran.
    pub fn run_jobs(&self) -> usize {
        let jobs: Vec<Job> = self.0.jobs.borrow_mut().drain(..).collect();
        let mut ran = 0;
        for (cancelled, job) in jobs {
            if !cancelled.get() {
                job();
                ran += 1;
            }
        }
        ran
    }
}

/// Stops a tick or cancels a job when dropped.
pub enum Handle {
    Interval(Interval),
    Manual(ManualTiming),
    Job(Rc<Cell<bool>>),
    /// A job waiting for the pause (the timer is cleared when dropped), or for an idle period.
    Pause(Rc<Cell<bool>>, Timeout),
}

impl Drop for Handle {
    fn drop(&mut self) {
        match self {
            Handle::Interval(_) => {}
            Handle::Manual(m) => {
                m.0.on_tick.borrow_mut().take();
            }
            Handle::Job(cancelled) | Handle::Pause(cancelled, _) => cancelled.set(true),
        }
    }
}

impl Timing {
    pub fn now(&self) -> UnixTime {
        match self {
            Timing::Browser => browser_now(),
            Timing::Manual(m) => m.0.now.get(),
        }
    }

    /// Calls `on_tick` with the time every second until the handle is dropped.
    pub fn every_second(&self, on_tick: Callback<UnixTime>) -> Handle {
        match self {
            Timing::Browser => {
                Handle::Interval(Interval::new(1000, move || on_tick.emit(browser_now())))
            }
            Timing::Manual(m) => {
                *m.0.on_tick.borrow_mut() = Some(on_tick);
                Handle::Manual(m.clone())
            }
        }
    }

    /// Runs `job` once typing has paused: `PAUSE_MS` after this call, in the browser's next
    /// idle period, unless the handle is dropped first (a new report for new inputs drops it).
    /// The page has painted by then, and a person typing fast never waits behind the job.
    pub fn after_pause(&self, job: impl FnOnce() + 'static) -> Handle {
        let cancelled = Rc::new(Cell::new(false));
        let run = {
            let cancelled = cancelled.clone();
            move || {
                if !cancelled.get() {
                    job();
                }
            }
        };
        match self {
            Timing::Manual(m) => {
                m.0.jobs
                    .borrow_mut()
                    .push((cancelled.clone(), Box::new(run)));
            }
            Timing::Browser => {
                return Handle::Pause(cancelled, Timeout::new(PAUSE_MS, move || when_idle(run)))
            }
        }
        Handle::Job(cancelled)
    }
}

/// How long the inputs must stay unchanged before the deferred work runs: longer than the gap
/// between two keystrokes of someone typing fast, short enough to feel immediate after a paste.
pub const PAUSE_MS: u32 = 120;

/// Runs `f` in the browser's next idle period (at most 100 ms from now), or in the next task
/// where there are no idle callbacks (Safari before 18).
fn when_idle(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let Some(w) = web_sys::window() else { return };
    if js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false) {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(100);
        let _ = w.request_idle_callback_with_options(callback.unchecked_ref(), &options);
    } else {
        let _ = w.set_timeout_with_callback(callback.unchecked_ref());
    }
}
