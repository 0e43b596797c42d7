//! Command questions: the learner's line runs in a fresh sandbox session set up by the named
//! scenario, then every `expect:` check must hold.
//!
//! The session is built from the scenario with a fixed seed, setup lines run one simulated
//! second apart and the learner's line one second after them: the same line always gets the same
//! output, so grading is reproducible. Output checks read the command's stdout, stderr and exit
//! code; world checks read a copy of the world moved [`SETTLE_SECS`] later, so that an instance
//! launched by the line has left `pending`.

use super::{Check, Detail, Grade};
use crate::predicate::Predicate;
use crate::scenario;

/// The seed every grading session uses.
pub const GRADING_SEED: u64 = 1;

/// How long the world runs on after the learner's line before world checks read it.
pub const SETTLE_SECS: u64 = 300;

/// Runs `line` on `setup` and checks `expect`.
pub fn grade(setup: &str, expect: &[Predicate], line: &str) -> Grade {
    let Some(scenario) = scenario::find(setup) else {
        return Grade {
            score: 0.0,
            correct: false,
            detail: Detail::Command {
                stdout: String::new(),
                stderr: format!("unknown scenario `{setup}`\n"),
                exit_code: 2,
                checks: Vec::new(),
            },
        };
    };
    let (mut session, now) = scenario.start(GRADING_SEED);
    let out = session.run(line, now.plus_secs(1));
    let checks: Vec<Check> =
        expect.iter().map(|p| Check { predicate: p.clone(), holds: p.holds(&out) }).collect();
    let correct = !line.trim().is_empty() && !checks.is_empty() && checks.iter().all(|c| c.holds);
    Grade {
        score: if correct { 1.0 } else { 0.0 },
        correct,
        detail: Detail::Command { stdout: out.stdout, stderr: out.stderr, exit_code: out.exit_code, checks },
    }
}
