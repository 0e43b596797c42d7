//! The lab's state without any DOM: a terminal over the lab's prepared session, the goal
//! checklist (re-evaluated after every command and every tick), hints revealed one at a time,
//! and completion with the golf score. Plain Rust, so it is tested natively.
//!
//! Time: the session's clock stands at the end of the lab's setup; the widget passes the time
//! elapsed since the page opened, which is added to it.

use quiz_engine::Answer;
use quiz_engine::grade::{Detail, Grade};
use quiz_engine::lab::{Golf, Lab};
use sandbox::{Session, SimTime};

use crate::terminal::{Line, LineKind};

/// Everything the lab widget shows.
#[derive(Debug, Clone)]
pub struct LabModel {
    lab: Lab,
    /// The session right after the setup: what "Reset lab" returns to.
    start: Session,
    session: Session,
    /// Simulated time at the end of the setup.
    offset: SimTime,
    scrollback: Vec<Line>,
    cursor: Option<usize>,
    draft: String,
    goals: Vec<(String, bool)>,
    hints_shown: usize,
    completed: Option<Golf>,
}

impl LabModel {
    pub fn new(lab: Lab) -> Self {
        let start = lab.start();
        let goals = lab.check(&start);
        LabModel {
            offset: start.world().now(),
            session: start.clone(),
            start,
            lab,
            scrollback: Vec::new(),
            cursor: None,
            draft: String::new(),
            goals,
            hints_shown: 0,
            completed: None,
        }
    }

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    pub fn prompt(&self) -> String {
        self.session.prompt()
    }

    pub fn scrollback(&self) -> &[Line] {
        &self.scrollback
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

    fn at(&self, elapsed: SimTime) -> SimTime {
        SimTime(self.offset.0 + elapsed.0)
    }

    /// Runs `line` `elapsed` after the page opened; true if this completed the lab.
    pub fn submit(&mut self, line: &str, elapsed: SimTime) -> bool {
        self.cursor = None;
        self.draft.clear();
        let prompt = self.session.prompt();
        let now = self.at(elapsed);
        let output = self.session.run(line, now);
        if output.clear_screen {
            self.scrollback.clear();
        } else {
            self.scrollback.push(Line { kind: LineKind::Input, text: format!("{prompt}{line}") });
            // Stderr first, as the practice terminal shows it (diagnostics usually come first).
            for (kind, text) in [(LineKind::Stderr, output.stderr), (LineKind::Stdout, output.stdout)] {
                if !text.is_empty() {
                    self.scrollback.push(Line { kind, text });
                }
            }
        }
        self.evaluate()
    }

    /// Skips `secs` of simulated time, as if the learner had waited; true if the checklist
    /// changed.
    pub fn wait(&mut self, secs: u64, elapsed: SimTime) -> bool {
        self.offset = SimTime(self.offset.0.saturating_add(secs.saturating_mul(1000)));
        self.tick(elapsed)
    }

    /// Lets simulated time run on without a command; true if the checklist changed.
    pub fn tick(&mut self, elapsed: SimTime) -> bool {
        let now = self.at(elapsed);
        self.session.world_mut().advance_to(now);
        let before = self.goals.clone();
        let completed = self.evaluate();
        completed || before != self.goals
    }

    /// Re-checks the goals; true if the lab has just been completed.
    fn evaluate(&mut self) -> bool {
        self.goals = self.lab.check(&self.session);
        let done = self.goals.iter().all(|(_, ok)| *ok);
        if done && self.completed.is_none() {
            self.completed = Some(self.lab.golf(&self.session));
            return true;
        }
        false
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

    /// The learner's previous line (ArrowUp); the setup's lines are not offered.
    pub fn history_prev(&mut self, current: &str) -> Option<String> {
        let history = self.session.history();
        let first = self.lab.setup_commands().min(history.len());
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

    /// The next line (ArrowDown), or the draft once past the newest.
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

    /// Back to the lab's setup: the terminal, checklist and completion start over; hints
    /// already revealed stay revealed.
    pub fn reset(&mut self) {
        self.session = self.start.clone();
        self.scrollback.clear();
        self.cursor = None;
        self.draft.clear();
        self.goals = self.lab.check(&self.session);
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
