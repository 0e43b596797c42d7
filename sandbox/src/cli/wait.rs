//! `aws ec2 wait <waiter>`: polls a describe call every `delay` simulated seconds until its
//! result matches, moving the world's clock forward as it goes (time passes while you wait).

use serde_json::Value;

use super::args::{self, scalar_string};
use super::error::CliError;
use super::format;
use super::spec::{self, Call};
use crate::ec2::{Ctx, ErrorKind, World};
use crate::time::SimTime;

/// How a waiter's path results are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matcher {
    /// Every value equals the expected one (and there is at least one).
    All,
    /// The single value equals the expected one.
    Path,
}

/// One waiter, as botocore's `waiters-2.json` defines it.
#[derive(Debug, Clone, Copy)]
struct Waiter {
    name: &'static str,
    api: &'static str,
    operation: &'static str,
    path: &'static str,
    expected: &'static str,
    matcher: Matcher,
    failures: &'static [&'static str],
    delay: u64,
    attempts: u32,
}

const fn w(
    name: &'static str,
    api: &'static str,
    operation: &'static str,
    path: &'static str,
    expected: &'static str,
    matcher: Matcher,
    failures: &'static [&'static str],
) -> Waiter {
    Waiter { name, api, operation, path, expected, matcher, failures, delay: 15, attempts: 40 }
}

const STATE: &str = "Reservations[].Instances[].State.Name";

const WAITERS: &[Waiter] = &[
    w(
        "image-available",
        "ImageAvailable",
        "describe-images",
        "Images[].State",
        "available",
        Matcher::All,
        &["failed"],
    ),
    w("image-exists", "ImageExists", "describe-images", "length(Images[]) > `0`", "true", Matcher::Path, &[]),
    w(
        "instance-exists",
        "InstanceExists",
        "describe-instances",
        "length(Reservations[]) > `0`",
        "true",
        Matcher::Path,
        &[],
    ),
    w(
        "instance-running",
        "InstanceRunning",
        "describe-instances",
        STATE,
        "running",
        Matcher::All,
        &["shutting-down", "terminated", "stopping"],
    ),
    w(
        "instance-status-ok",
        "InstanceStatusOk",
        "describe-instance-status",
        "InstanceStatuses[].InstanceStatus.Status",
        "ok",
        Matcher::All,
        &[],
    ),
    w(
        "instance-stopped",
        "InstanceStopped",
        "describe-instances",
        STATE,
        "stopped",
        Matcher::All,
        &["pending", "terminated"],
    ),
    w(
        "instance-terminated",
        "InstanceTerminated",
        "describe-instances",
        STATE,
        "terminated",
        Matcher::All,
        &["pending", "stopping"],
    ),
    w(
        "snapshot-completed",
        "SnapshotCompleted",
        "describe-snapshots",
        "Snapshots[].State",
        "completed",
        Matcher::All,
        &["error"],
    ),
    w(
        "volume-available",
        "VolumeAvailable",
        "describe-volumes",
        "Volumes[].State",
        "available",
        Matcher::All,
        &["deleted"],
    ),
    w(
        "volume-in-use",
        "VolumeInUse",
        "describe-volumes",
        "Volumes[].State",
        "in-use",
        Matcher::All,
        &["deleted"],
    ),
];

/// The waiter names, for help and completion.
pub fn names() -> impl Iterator<Item = &'static str> {
    WAITERS.iter().map(|w| w.name)
}

/// Runs `aws ec2 wait` with `words` (the words after `wait`).
pub fn run(
    world: &mut World,
    words: &[String],
    region: &'static str,
    now: SimTime,
) -> Result<String, CliError> {
    let Some(name) = words.first() else {
        return Err(CliError::usage("the following arguments are required: wait_name"));
    };
    if name == "help" {
        let mut page = String::from(
            "WAIT()\n\nNAME\n       wait -\n\nDESCRIPTION\n       Wait until a particular condition is satisfied. Each subcommand polls\n       an API until the listed requirement is met.\n\nAVAILABLE WAITERS\n",
        );
        for w in WAITERS {
            page.push_str(&format!(
                "       o {:<24} polls {} every {} s, up to {} times\n",
                w.name, w.operation, w.delay, w.attempts
            ));
        }
        return Ok(page);
    }
    let Some(waiter) = WAITERS.iter().find(|w| w.name == name.as_str()) else {
        let choices: Vec<&str> = names().collect();
        return Err(CliError::usage(format!(
            "argument wait_name: Invalid choice, valid choices are:\n\n{}\n\nInvalid choice: '{name}'",
            choices.join("\n")
        )));
    };
    let Some(op) = spec::operation(waiter.operation) else {
        return Err(CliError::Other { message: format!("unknown waiter operation {}", waiter.operation) });
    };
    let parsed = args::parse(op, &words[1..], &|_| None)?;
    let mut t = now;
    for _ in 0..waiter.attempts {
        world.advance_to(t);
        let mut call = Call {
            world: &mut *world,
            ctx: Ctx::new(region, t, false),
            args: parsed.clone(),
            read_file: &|_| None,
        };
        match (op.handler)(&mut call) {
            Ok(Some(response)) => {
                let values = match format::query(waiter.path, &response)? {
                    Value::Array(a) => a.iter().map(scalar_string).collect::<Vec<_>>(),
                    other => vec![scalar_string(&other)],
                };
                let done = match waiter.matcher {
                    Matcher::All => !values.is_empty() && values.iter().all(|v| v == waiter.expected),
                    Matcher::Path => values.first().is_some_and(|v| v == waiter.expected),
                };
                if done {
                    return Ok(String::new());
                }
                if let Some(bad) = values.iter().find(|v| waiter.failures.contains(&v.as_str())) {
                    return Err(CliError::Other {
                        message: format!(
                            "Waiter {} failed: Waiter encountered a terminal failure state: For expression \"{}\" we matched expected path: \"{bad}\" at least once",
                            waiter.api, waiter.path
                        ),
                    });
                }
            }
            Ok(None) => {}
            Err(CliError::Service { error, .. }) if error.kind == ErrorKind::NotFound => {}
            Err(CliError::Service { error, .. }) => {
                return Err(CliError::Other {
                    message: format!(
                        "Waiter {} failed: An error occurred ({}): {}",
                        waiter.api, error.code, error.message
                    ),
                });
            }
            Err(other) => return Err(other),
        }
        t = t.plus_secs(waiter.delay);
    }
    Err(CliError::Other { message: format!("Waiter {} failed: Max attempts exceeded", waiter.api) })
}
