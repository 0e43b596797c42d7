//! The browser's clock, turned into the sandbox's [`SimTime`]. The only place widgets read time.

use sandbox::SimTime;

/// Milliseconds since `origin_ms` (a `Date.now()` reading), as simulated time.
pub fn since(origin_ms: f64) -> SimTime {
    let elapsed = (now_ms() - origin_ms).max(0.0);
    SimTime(elapsed as u64)
}

/// Wall-clock milliseconds (`Date.now()`).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Wall-clock time as the quiz engine's [`quiz_engine::Timestamp`].
pub fn now() -> quiz_engine::Timestamp {
    quiz_engine::Timestamp(now_ms() as i64)
}
