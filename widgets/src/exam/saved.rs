//! The attempt in progress, kept in `localStorage` under `ec2lab.exam.<blueprint>` so that a
//! reload resumes it; the deadline stays where it was, so the clock keeps running meanwhile.
//! Best effort: if storage is unavailable, an attempt simply does not survive a reload.

use quiz_engine::Exam;

fn key(blueprint: &str) -> String {
    format!("ec2lab.exam.{blueprint}")
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved attempt on `blueprint`, if there is a readable one.
pub fn load(blueprint: &str) -> Option<Exam> {
    let text = local()?.get_item(&key(blueprint)).ok()??;
    // Through `Value`, as progress is read: the bundle already has that deserializer.
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    serde_json::from_value(value).ok()
}

pub fn save(exam: &Exam) {
    if let (Some(storage), Ok(text)) = (local(), serde_json::to_string(exam)) {
        let _ = storage.set_item(&key(&exam.blueprint), &text);
    }
}

pub fn clear(blueprint: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(&key(blueprint));
    }
}
