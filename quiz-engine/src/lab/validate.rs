//! Build-time checks of a lab: its lesson link, and its goals against two runs of the sandbox.
//!
//! - the reference solution, run on a fresh setup, must meet every goal (each unmet goal is
//!   reported at its own line, with what the solution printed last);
//! - the untouched setup, even left alone for [`SETTLE_SECS`], must miss at least one goal,
//!   else the lab teaches nothing.

use sandbox::{CommandOutput, Session};

use super::script::{Step, run_steps};
use super::{Lab, parse_lab};
use crate::error::{Error, ErrorKind};
use crate::lessons::LessonIndex;

/// How long the untouched setup is left running before its goals are checked.
pub const SETTLE_SECS: u64 = 300;

/// Parses and validates a lab file.
pub fn load(file: &str, src: &str, lessons: &LessonIndex) -> Result<Lab, Vec<Error>> {
    let lab = parse_lab(file, src)?;
    let errors = validate(&lab, lessons);
    if errors.is_empty() { Ok(lab) } else { Err(errors) }
}

/// Runs `steps` as [`run_steps`] does, and returns each typed line (with its index in `steps`)
/// and its output.
fn replay(session: &mut Session, steps: &[Step]) -> Vec<(usize, String, CommandOutput)> {
    let mut outputs = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Run(line) => {
                let now = session.world().now().plus_secs(1);
                outputs.push((i, line.clone(), session.run(line, now)));
            }
            other => {
                run_steps(session, std::slice::from_ref(other));
            }
        }
    }
    outputs
}

/// Every problem with a parsed lab.
pub fn validate(lab: &Lab, lessons: &LessonIndex) -> Vec<Error> {
    let file = lab.pos.file.as_str();
    let err = |line: usize, problem: String| Error::new(file, line, ErrorKind::Lab { problem });
    let mut errors = Vec::new();

    match lessons.anchors(&lab.lesson.page) {
        None => errors.push(Error::new(
            file,
            lab.lesson_pos.line,
            ErrorKind::UnknownLessonPage { page: lab.lesson.page.clone() },
        )),
        Some(anchors) => {
            if let Some(anchor) = &lab.lesson.anchor
                && !anchors.contains(anchor)
            {
                errors.push(Error::new(
                    file,
                    lab.lesson_pos.line,
                    ErrorKind::UnknownAnchor {
                        page: lab.lesson.page.clone(),
                        anchor: anchor.clone(),
                        known: anchors.to_vec(),
                    },
                ));
            }
        }
    }

    // Every setup line succeeds (a typo there would leave the learner a broken start).
    let mut session = Session::new(lab.session_config());
    for (i, line, out) in replay(&mut session, &lab.setup) {
        if out.exit_code != 0 {
            errors.push(err(
                lab.lines.setup_steps.get(i).copied().unwrap_or(lab.lines.setup),
                format!(
                    "the setup line `{line}` fails (exit {}: {}); fix it so the learner starts from a working setup",
                    out.exit_code,
                    out.stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("no message").trim()
                ),
            ));
        }
    }

    // The reference solution reaches the goal.
    let last = replay(&mut session, &lab.solution)
        .last()
        .map(|(_, line, out)| format!("`{line}` gave exit {}; stderr {:?}", out.exit_code, out.stderr))
        .unwrap_or_default();
    for (goal, (_, holds)) in lab.goals.iter().zip(lab.check(&session)) {
        if !holds {
            errors.push(err(
                goal.line,
                format!(
                    "the reference solution does not meet this goal (`{}`); its last line: {last}",
                    goal.text
                ),
            ));
        }
    }

    // The untouched setup does not.
    let mut idle = lab.start();
    let later = idle.world().now().plus_secs(SETTLE_SECS);
    idle.world_mut().advance_to(later);
    if !lab.goals.is_empty() && lab.check(&idle).iter().all(|(_, ok)| *ok) {
        errors.push(err(lab.lines.goal, "the goal is already met before the learner does anything".into()));
    }
    errors
}
