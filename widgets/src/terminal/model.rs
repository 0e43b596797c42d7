//! The terminal's state without any DOM: scrollback, history navigation, completion, simulated
//! time and reset. Plain Rust, so it is tested natively. The practice terminal and the lab's
//! terminal are both this model (the lab's starts from a session its setup has prepared).

use sandbox::{Session, SessionConfig, SimTime};

use crate::console::ConsoleSnapshot;

/// Which stream a scrollback line came from; the view styles each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The prompt and the command the learner typed.
    Input,
    Stdout,
    Stderr,
}

/// One entry of scrollback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
}

/// Everything the terminal shows, and the session behind it.
#[derive(Debug, Clone)]
pub struct TerminalModel {
    /// The session as the terminal started: what "Reset" returns to.
    start: Session,
    session: Session,
    /// History entries of `start` (a lab's setup lines): the arrow keys do not offer them.
    history_floor: usize,
    /// The session's clock when the terminal started; the page's clock counts on from there.
    base: SimTime,
    scrollback: Vec<Line>,
    /// Position while browsing history with the arrow keys; `None` when editing a new line.
    cursor: Option<usize>,
    /// What the learner had typed before starting to browse history.
    draft: String,
    /// Simulated milliseconds skipped with [`TerminalModel::wait`], on top of the page's clock.
    waited: u64,
}

impl TerminalModel {
    pub fn new(config: SessionConfig) -> Self {
        TerminalModel::from_session(Session::new(config))
    }

    /// A terminal over a session already prepared (a lab's setup has run in it).
    pub fn from_session(session: Session) -> Self {
        TerminalModel {
            history_floor: session.history().len(),
            base: session.world().now(),
            start: session.clone(),
            session,
            scrollback: Vec::new(),
            cursor: None,
            draft: String::new(),
            waited: 0,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn prompt(&self) -> String {
        self.session.prompt()
    }

    pub fn scrollback(&self) -> &[Line] {
        &self.scrollback
    }

    /// Simulated time: the start's clock, plus the page's clock `elapsed`, plus whatever was
    /// skipped.
    fn at(&self, elapsed: SimTime) -> SimTime {
        SimTime(self.base.0.saturating_add(elapsed.0).saturating_add(self.waited))
    }

    /// Skips `secs` of simulated time, as if the learner had waited: instances finish booting.
    pub fn wait(&mut self, secs: u64, elapsed: SimTime) {
        self.waited = self.waited.saturating_add(secs.saturating_mul(1000));
        self.tick(elapsed);
    }

    /// Runs `line` at the page's clock `elapsed` and appends the prompt, the line and its output
    /// to the scrollback.
    pub fn submit(&mut self, line: &str, elapsed: SimTime) {
        let now = self.at(elapsed);
        self.cursor = None;
        self.draft.clear();
        let prompt = self.session.prompt();
        let output = self.session.run(line, now);
        if output.clear_screen {
            self.scrollback.clear();
            return;
        }
        self.scrollback.push(Line { kind: LineKind::Input, text: format!("{prompt}{line}") });
        // The two streams come back apart, so their real interleaving is lost. Diagnostics
        // usually come first on a real terminal (ssh's host-key warning before the login banner,
        // curl -v's headers before the body), so stderr is shown first.
        for (kind, text) in [(LineKind::Stderr, output.stderr), (LineKind::Stdout, output.stdout)] {
            if !text.is_empty() {
                self.scrollback.push(Line { kind, text });
            }
        }
    }

    /// The previous history entry (ArrowUp); `current` is what the input holds now. Lines from
    /// before the terminal started (a lab's setup) are not offered.
    pub fn history_prev(&mut self, current: &str) -> Option<String> {
        let history = self.session.history();
        let first = self.history_floor.min(history.len());
        let index = match self.cursor {
            None if history.len() == first => return None,
            None => {
                self.draft = current.to_string();
                history.len() - 1
            }
            Some(i) if i <= first => first,
            Some(i) => i - 1,
        };
        self.cursor = Some(index);
        Some(history[index].clone())
    }

    /// The next history entry (ArrowDown), or the draft once past the newest.
    pub fn history_next(&mut self) -> Option<String> {
        let i = self.cursor?;
        if i + 1 < self.session.history().len() {
            self.cursor = Some(i + 1);
            Some(self.session.history()[i + 1].clone())
        } else {
            self.cursor = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Tab: the line with its last word completed; ambiguous candidates are listed in the
    /// scrollback, as bash lists them.
    pub fn complete(&mut self, line: &str) -> String {
        let completion = sandbox::completion::complete(&self.session, line);
        if !completion.candidates.is_empty() {
            let prompt = self.session.prompt();
            self.scrollback.push(Line { kind: LineKind::Input, text: format!("{prompt}{line}") });
            self.scrollback.push(Line {
                kind: LineKind::Stdout,
                text: format!("{}\n", completion.candidates.join("  ")),
            });
        }
        completion.line
    }

    /// Lets simulated time reach `now` without a command: instances finish booting or stopping.
    pub fn tick(&mut self, elapsed: SimTime) {
        let now = self.at(elapsed);
        self.session.world_mut().advance_to(now);
    }

    /// The console view of the session's region at `now`.
    pub fn console(&self, elapsed: SimTime) -> ConsoleSnapshot {
        ConsoleSnapshot::of(self.session.world(), &self.session.config().region, self.at(elapsed))
    }

    /// Back to the session as the terminal started, with empty scrollback.
    pub fn reset(&mut self) {
        *self = TerminalModel::from_session(self.start.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> TerminalModel {
        TerminalModel::new(SessionConfig::default())
    }

    #[test]
    fn submit_records_input_and_output() {
        let mut m = model();
        m.submit("echo hi", SimTime::ZERO);
        assert_eq!(
            m.scrollback(),
            &[
                Line { kind: LineKind::Input, text: "learner@laptop:~$ echo hi".into() },
                Line { kind: LineKind::Stdout, text: "hi\n".into() },
            ]
        );
    }

    #[test]
    fn arrows_walk_history_and_return_to_the_draft() {
        let mut m = model();
        m.submit("echo one", SimTime::ZERO);
        m.submit("echo two", SimTime::ZERO);
        assert_eq!(m.history_prev("ech").as_deref(), Some("echo two"));
        assert_eq!(m.history_prev("").as_deref(), Some("echo one"));
        assert_eq!(m.history_prev("").as_deref(), Some("echo one"));
        assert_eq!(m.history_next().as_deref(), Some("echo two"));
        assert_eq!(m.history_next().as_deref(), Some("ech"));
        assert_eq!(m.history_next(), None);
    }

    #[test]
    fn waiting_moves_simulated_time_past_the_page_clock() {
        let mut m = model();
        let image = m
            .session
            .world()
            .region("us-east-1")
            .and_then(|r| r.images.values().next().map(|i| i.id.clone()))
            .expect("a catalogue image");
        m.submit(
            &format!("aws ec2 run-instances --image-id {image} --instance-type t3.micro"),
            SimTime::ZERO,
        );
        assert_eq!(m.console(SimTime::ZERO).instances[0].state, "pending");
        m.wait(30, SimTime::ZERO);
        assert_eq!(m.console(SimTime::ZERO).instances[0].state, "running");
    }

    #[test]
    fn a_prepared_session_keeps_its_lines_out_of_the_arrows_and_reset_returns_to_it() {
        let mut prepared = Session::new(SessionConfig::default());
        prepared.run("echo setup > notes.txt", SimTime::ZERO);
        let mut m = TerminalModel::from_session(prepared);
        assert_eq!(m.history_prev(""), None, "setup lines are not offered");
        m.submit("echo mine", SimTime::ZERO);
        assert_eq!(m.history_prev("").as_deref(), Some("echo mine"));
        assert_eq!(m.history_prev("").as_deref(), Some("echo mine"));
        m.submit("rm notes.txt", SimTime::ZERO);
        m.reset();
        m.submit("cat notes.txt", SimTime::ZERO);
        assert_eq!(m.scrollback()[1].text, "setup\n", "reset brings back the prepared session");
    }

    #[test]
    fn stderr_is_shown_before_stdout() {
        let mut m = model();
        m.submit("echo out; nosuchcommand", SimTime::ZERO);
        let kinds: Vec<LineKind> = m.scrollback().iter().map(|l| l.kind).collect();
        assert_eq!(kinds, vec![LineKind::Input, LineKind::Stderr, LineKind::Stdout]);
    }

    #[test]
    fn tab_completes_or_lists_candidates() {
        let mut m = model();
        assert_eq!(m.complete("aws ec2 run-in"), "aws ec2 run-instances ");
        assert!(m.scrollback().is_empty());
        assert_eq!(m.complete("aws ec2 describe-instance"), "aws ec2 describe-instance");
        assert!(m.scrollback()[1].text.contains("describe-instances"), "{:?}", m.scrollback());
    }

    #[test]
    fn clear_empties_scrollback_and_reset_forgets_history() {
        let mut m = model();
        m.submit("echo one", SimTime::ZERO);
        m.submit("clear", SimTime::ZERO);
        assert!(m.scrollback().is_empty());
        m.reset();
        assert_eq!(m.history_prev(""), None);
    }
}
