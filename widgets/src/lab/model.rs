//! The lab's state without any DOM: a terminal over the lab's prepared session, the goal
//! checklist (re-evaluated after every command and every tick), hints revealed one at a time,
//! and completion with the golf score. Plain Rust, so it is tested natively.
//!
//! Time: the session's clock stands at the end of the lab's setup; the widget passes the time
//! elapsed since the page opened, which is added to it.

use quiz_engine::Answer;
use quiz_engine::grade::{Detail, Grade};
use quiz_engine::lab::{Golf, Lab};
use sandbox::SimTime;

use crate::terminal::{Line, TerminalModel};

/// Everything the lab widget shows.
#[derive(Debug, Clone)]
pub struct LabModel {
    lab: Lab,
    /// The terminal over the session the setup prepared ("Reset lab" returns to it).
    terminal: TerminalModel,
    goals: Vec<(String, bool)>,
    hints_shown: usize,
    completed: Option<Golf>,
}

impl LabModel {
    pub fn new(lab: Lab) -> Self {
        let start = lab.start();
        let goals = lab.check(&start);
        LabModel { terminal: TerminalModel::from_session(start), lab, goals, hints_shown: 0, completed: None }
    }

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    pub fn prompt(&self) -> String {
        self.terminal.prompt()
    }

    pub fn scrollback(&self) -> &[Line] {
        self.terminal.scrollback()
    }

    /// Each goal's text and whether it holds now.
    pub fn goals(&self) -> &[(String, bool)] {
        &self.goals
    }

    /// The golf score, once every goal has held.
    pub fn completed(&self) -> Option<Golf> {
        self.completed
    }

    /// The hints revealed so far.
    pub fn hints(&self) -> &[String] {
        &self.lab.hints[..self.hints_shown]
    }

    pub fn hints_left(&self) -> usize {
        self.lab.hints.len() - self.hints_shown
    }

    pub fn reveal_hint(&mut self) {
        self.hints_shown = (self.hints_shown + 1).min(self.lab.hints.len());
    }

    /// Runs `line` `elapsed` after the page opened; true if this completed the lab.
    pub fn submit(&mut self, line: &str, elapsed: SimTime) -> bool {
        self.terminal.submit(line, elapsed);
        self.evaluate()
    }

    /// Skips `secs` of simulated time, as if the learner had waited; true if the checklist
    /// changed.
    pub fn wait(&mut self, secs: u64, elapsed: SimTime) -> bool {
        self.terminal.wait(secs, elapsed);
        self.reevaluate()
    }

    /// Lets simulated time run on without a command; true if the checklist changed.
    pub fn tick(&mut self, elapsed: SimTime) -> bool {
        self.terminal.tick(elapsed);
        self.reevaluate()
    }

    /// Re-checks the goals after time passed; true if the checklist changed.
    fn reevaluate(&mut self) -> bool {
        let before = self.goals.clone();
        let completed = self.evaluate();
        completed || before != self.goals
    }

    /// Re-checks the goals; true if the lab has just been completed.
    fn evaluate(&mut self) -> bool {
        self.goals = self.lab.check(self.terminal.session());
        let done = self.goals.iter().all(|(_, ok)| *ok);
        if done && self.completed.is_none() {
            self.completed = Some(self.lab.golf(self.terminal.session()));
            return true;
        }
        false
    }

    /// Tab: the line with its last word completed (candidates listed when ambiguous).
    pub fn complete(&mut self, line: &str) -> String {
        self.terminal.complete(line)
    }

    /// The learner's previous line (ArrowUp); the setup's lines are not offered.
    pub fn history_prev(&mut self, current: &str) -> Option<String> {
        self.terminal.history_prev(current)
    }

    /// The next line (ArrowDown), or the draft once past the newest.
    pub fn history_next(&mut self) -> Option<String> {
        self.terminal.history_next()
    }

    /// Back to the lab's setup: the terminal, checklist and completion start over; hints
    /// already revealed stay revealed.
    pub fn reset(&mut self) {
        self.terminal.reset();
        self.goals = self.lab.check(self.terminal.session());
        self.completed = None;
    }

    /// What progress records for a completed lab: under `lab:<id>`, every goal met.
    pub fn progress_record(&self) -> Option<(String, Answer, Grade)> {
        self.completed?;
        let total = self.goals.len() as u32;
        Some((
            format!("lab:{}", self.lab.id),
            Answer::Lab { goals_met: total, goals_total: total },
            Grade { score: 1.0, correct: true, detail: Detail::Lab { goals_met: total, goals_total: total } },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAB: &str = "lab: lock\ntitle: Lock\nlesson: x.md\n\n## Setup\n\n```file practice.pem 644\nkey\n```\n\n```sh\necho setup-line\n```\n\n## Task\n\nLock it.\n\n## Goal\n\n- file practice.pem has mode 400\n- history contains ls\n\n## Hints\n\n- one\n- two\n\n## Solution\n\n```sh\nchmod 400 practice.pem\nls -l practice.pem\n```\n";

    fn model() -> LabModel {
        LabModel::new(quiz_engine::lab::parse_lab("lock.md", LAB).unwrap())
    }

    #[test]
    fn goals_follow_commands_and_completion_scores_golf() {
        let mut m = model();
        assert_eq!(m.goals().iter().filter(|(_, ok)| *ok).count(), 0);
        assert!(!m.submit("chmod 400 practice.pem", SimTime::from_secs(1)));
        assert_eq!(m.goals()[0], ("file practice.pem has mode 400".to_string(), true));
        assert!(!m.submit("echo nothing", SimTime::from_secs(2)));
        assert!(m.submit("ls", SimTime::from_secs(3)));
        let golf = m.completed().unwrap();
        assert_eq!((golf.used, golf.reference), (3, 2));
        assert!(m.progress_record().is_some_and(|(id, _, g)| id == "lab:lock" && g.correct));
        // Completion is reported once.
        assert!(!m.submit("ls", SimTime::from_secs(4)));
    }

    #[test]
    fn hints_reveal_one_at_a_time_and_reset_starts_over() {
        let mut m = model();
        assert_eq!((m.hints().len(), m.hints_left()), (0, 2));
        m.reveal_hint();
        m.reveal_hint();
        m.reveal_hint();
        assert_eq!((m.hints().len(), m.hints_left()), (2, 0));
        m.submit("chmod 400 practice.pem", SimTime::from_secs(1));
        m.submit("ls", SimTime::from_secs(2));
        assert!(m.completed().is_some());
        m.reset();
        assert!(m.completed().is_none() && m.scrollback().is_empty());
        assert!(m.goals().iter().all(|(_, ok)| !ok));
    }

    #[test]
    fn tab_completes_in_the_lab_terminal() {
        let mut m = model();
        assert_eq!(m.complete("chmod 400 pract"), "chmod 400 practice.pem ");
    }

    #[test]
    fn arrows_skip_the_setup_lines() {
        let mut m = model();
        assert_eq!(m.history_prev(""), None);
        m.submit("echo mine", SimTime::from_secs(1));
        assert_eq!(m.history_prev("").as_deref(), Some("echo mine"));
        assert_eq!(m.history_prev("").as_deref(), Some("echo mine"));
        assert_eq!(m.history_next().as_deref(), Some(""));
    }
}
