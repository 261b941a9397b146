//! The browser clock, the only clock the page reads. The domain layer takes `now` as a value.

use presign_core::UnixTime;

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
