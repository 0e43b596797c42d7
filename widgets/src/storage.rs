//! The learner's progress in the browser's `localStorage`.
//!
//! Every failure degrades gracefully: storage disabled or full means progress is kept for the
//! page's lifetime and the widget says it was not saved; corrupt stored data is reported, its
//! valid entries kept, and the unreadable original copied aside so nothing is lost for good.
//! `web_sys::Storage` is used directly because every call on it returns a `Result` (a disabled
//! storage must not throw).
//!
//! Each save re-reads what is stored and applies one change to it, so widgets on one page (or
//! several tabs) do not overwrite each other's progress.

use quiz_engine::Progress;

/// The key progress is stored under.
pub const KEY: &str = "ec2lab.progress";

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(_) => Err("local storage is disabled in this browser".into()),
    }
}

/// Loads progress; problems in the stored data come back as messages beside what could be kept.
pub fn load() -> (Progress, Vec<String>) {
    let storage = match storage() {
        Ok(s) => s,
        Err(e) => {
            return (Progress::default(), vec![format!("progress will not be saved: {e}")]);
        }
    };
    let Ok(Some(text)) = storage.get_item(KEY) else {
        return (Progress::default(), Vec::new());
    };
    let loaded = Progress::from_json(&text);
    let mut notes: Vec<String> = loaded.issues.iter().map(|i| format!("stored progress: {i}")).collect();
    if !loaded.issues.is_empty() {
        // Keep the original so an export or a later fix can still recover it.
        let aside = format!("{KEY}.unreadable");
        if storage.set_item(&aside, &text).is_ok() {
            notes.push(format!("the original was copied to `{aside}`"));
        }
    }
    (loaded.progress, notes)
}

/// Applies `change` to the stored progress and writes it back.
pub fn update(change: impl FnOnce(&mut Progress)) -> Result<(), String> {
    let storage = storage()?;
    let (mut progress, _) = load();
    change(&mut progress);
    storage
        .set_item(KEY, &progress.to_json())
        .map_err(|_| "progress was not saved: the browser's storage is full or refused the write".to_string())
}
