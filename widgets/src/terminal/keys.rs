//! Which keys the terminal's input line handles, and what each does: one policy for the
//! practice terminal and the lab's terminal. Plain Rust, so it is tested natively.

/// What a key press asks the terminal to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Enter: run the line.
    Run,
    /// Tab: complete the last word.
    Complete,
    /// ArrowUp: the previous history entry.
    HistoryPrev,
    /// ArrowDown: the next history entry.
    HistoryNext,
    /// Ctrl-L: clear the screen.
    ClearScreen,
}

/// The action for `key` (a `KeyboardEvent.key` value), or `None` to leave the key to the
/// browser. Tab on an empty line, and Shift-Tab, move focus on, so the page stays usable from
/// the keyboard alone.
pub fn key_action(key: &str, ctrl: bool, shift: bool, line_is_empty: bool) -> Option<KeyAction> {
    match key {
        "Enter" => Some(KeyAction::Run),
        "Tab" if !shift && !line_is_empty => Some(KeyAction::Complete),
        "ArrowUp" => Some(KeyAction::HistoryPrev),
        "ArrowDown" => Some(KeyAction::HistoryNext),
        "l" if ctrl => Some(KeyAction::ClearScreen),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_only_a_non_empty_line_and_never_with_shift() {
        assert_eq!(key_action("Tab", false, false, false), Some(KeyAction::Complete));
        assert_eq!(key_action("Tab", false, false, true), None);
        assert_eq!(key_action("Tab", false, true, false), None);
    }

    #[test]
    fn other_keys() {
        assert_eq!(key_action("Enter", false, false, true), Some(KeyAction::Run));
        assert_eq!(key_action("ArrowUp", false, false, true), Some(KeyAction::HistoryPrev));
        assert_eq!(key_action("ArrowDown", false, false, true), Some(KeyAction::HistoryNext));
        assert_eq!(key_action("l", true, false, true), Some(KeyAction::ClearScreen));
        assert_eq!(key_action("l", false, false, true), None);
        assert_eq!(key_action("a", false, false, true), None);
    }
}
