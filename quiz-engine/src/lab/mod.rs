//! Hands-on labs: `content/labs/<lab-id>.md`. A lab is a setup (terminal lines run before the
//! learner starts, and files put on the laptop), a task in prose, goals (readable predicates
//! over the world, the laptop's files and the learner's history), hints and a reference
//! solution.
//!
//! - [`parse_lab`] reads a file; [`load`] also validates it: the lesson link exists, the reference
//!   solution run on a fresh setup meets every goal, and the untouched setup misses at least one;
//! - [`Lab::start`] builds the learner's [`Session`]; [`Lab::check`] says which goals hold;
//!   [`Lab::golf`] compares the learner's command count with the reference's.
//!
//! Everything is deterministic: the session's identifiers come from the lab's `seed`, setup
//! lines run one simulated second apart from time zero.

mod goal;
mod parse;
mod script;
mod validate;

use serde::{Deserialize, Serialize};

use sandbox::{Session, SessionConfig};

use crate::course::Course;
use crate::question::{LessonLink, Pos};

pub use goal::{Goal, GoalCheck};
pub use parse::parse_lab;
pub use script::{Step, command_count, parse_script, run_steps};
pub use validate::{load, validate};

/// One lab. Serialised (without its solution, see [`Lab::for_widget`]) into the lab widget's
/// configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lab {
    pub id: String,
    pub title: String,
    pub lesson: LessonLink,
    pub region: String,
    pub seed: u64,
    pub setup: Vec<Step>,
    /// The task, as HTML.
    pub task: String,
    pub goals: Vec<Goal>,
    /// Hints as HTML, revealed one at a time.
    pub hints: Vec<String>,
    /// The reference solution (left out of widget configurations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub solution: Vec<Step>,
    /// How many lines the reference solution types.
    pub reference_commands: usize,
    #[serde(skip)]
    pub pos: Pos,
    #[serde(skip)]
    pub lesson_pos: Pos,
    #[serde(skip)]
    pub lines: SectionLines,
}

/// Lines of the section headings, for build errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionLines {
    pub setup: usize,
    /// The line of each setup step, in order.
    pub setup_steps: Vec<usize>,
    pub goal: usize,
    pub solution: usize,
}

/// The learner's command count beside the reference's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Golf {
    pub used: usize,
    pub reference: usize,
}

impl Golf {
    /// "4 commands (reference: 5)", with a word on how it compares.
    pub fn message(&self) -> String {
        let plural = |n: usize| if n == 1 { "command" } else { "commands" };
        let verdict = match self.used.cmp(&self.reference) {
            std::cmp::Ordering::Less => "fewer than the reference: nicely done",
            std::cmp::Ordering::Equal => "exactly par",
            std::cmp::Ordering::Greater => "par is the reference",
        };
        format!(
            "You used {} {}; the reference solution uses {} ({verdict}).",
            self.used,
            plural(self.used),
            self.reference
        )
    }
}

impl Lab {
    /// The session configuration the lab runs in.
    pub fn session_config(&self) -> SessionConfig {
        SessionConfig { seed: self.seed, region: self.region.clone() }
    }

    /// A fresh session with the setup run: what the learner starts from. Its world's clock
    /// stands at the end of the setup; run the learner's lines after it.
    pub fn start(&self) -> Session {
        let mut session = Session::new(self.session_config());
        run_steps(&mut session, &self.setup);
        session
    }

    /// How many history entries the setup made (they are not the learner's).
    pub fn setup_commands(&self) -> usize {
        command_count(&self.setup)
    }

    /// Every goal's text and whether it holds in `session`.
    pub fn check(&self, session: &Session) -> Vec<(String, bool)> {
        let skip = self.setup_commands();
        self.goals.iter().map(|g| (g.text.clone(), g.check.holds(session, &self.region, skip))).collect()
    }

    /// Does every goal hold?
    pub fn is_complete(&self, session: &Session) -> bool {
        self.check(session).iter().all(|(_, ok)| *ok)
    }

    /// Lines the learner has typed in `session` so far.
    pub fn commands_used(&self, session: &Session) -> usize {
        session.history().len().saturating_sub(self.setup_commands())
    }

    pub fn golf(&self, session: &Session) -> Golf {
        Golf { used: self.commands_used(session), reference: self.reference_commands }
    }

    /// The lab as a widget receives it: everything but the reference solution.
    pub fn for_widget(&self) -> Lab {
        Lab { solution: Vec::new(), ..self.clone() }
    }
}

impl Course {
    /// The lab with this id.
    pub fn lab(&self, id: &str) -> Option<&Lab> {
        self.labs.iter().find(|l| l.id == id)
    }
}
