//! The `aws` command line: global options, the `ec2` operation table, parameter parsing,
//! output formatting (`--query`, `--output`) and the CLI's error lines and exit codes.
//!
//! Flow: split global options from the words, find the operation in [`spec::operations`] (the
//! table lives in `operations/`, one file per resource family), parse its parameters
//! ([`args`], with [`shorthand`] and JSON values), advance the world to `now`, run the handler
//! (`ops_*.rs`, which call `World` actions and build responses with [`render`]), then apply
//! `--query` and print with [`format`](mod@format) (json, text) or `table.rs`. `wait.rs` implements
//! `aws ec2 wait`, `sts.rs` `aws sts get-caller-identity`. Scripts of terminal lines run through
//! `shell::transcript` (the `ec2lab` binary and the transcript tests). Completion and help come from the same table (`help.rs`).

/// Builds one [`spec::OpSpec`] entry of the operation table.
macro_rules! op {
    ($name:literal, $api:literal, $summary:literal, $handler:path, [$($param:expr),* $(,)?]) => {
        $crate::cli::spec::OpSpec { name: $name, api: $api, summary: $summary, params: &[$($param),*], handler: $handler }
    };
}

pub mod args;
pub mod error;
pub mod filters;
pub mod format;
mod help;
mod iam;
mod operations;
mod ops_images;
mod ops_instances;
mod ops_misc;
mod ops_network;
mod ops_run;
mod ops_storage;
mod paginate;
mod prune;
pub mod render;
pub mod shorthand;
pub mod spec;
mod sts;
mod table;
mod validate;
mod wait;

pub use error::CliError;
pub use help::{complete, completions};

use crate::ec2::regions::region_info;
use crate::ec2::{Ctx, World};
use crate::output::CommandOutput;
use crate::time::SimTime;

/// Who is calling and from where: the defaults the real CLI takes from its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliEnv {
    /// The region used when `--region` is absent (`AWS_DEFAULT_REGION` / `~/.aws/config`).
    pub default_region: String,
}

/// Global options found anywhere on the line.
#[derive(Debug, Default)]
struct Globals {
    region: Option<String>,
    output: Option<String>,
    query: Option<String>,
    profile: Option<String>,
    version: bool,
}

/// What `aws --version` prints.
pub const VERSION: &str =
    "aws-cli/2.22.35 Python/3.12.6 Linux/6.1.119-129.201.amzn2023.x86_64 exe/x86_64.amzn.2023\n";

const VALUED_GLOBALS: &[&str] = &[
    "--region",
    "--output",
    "--query",
    "--profile",
    "--endpoint-url",
    "--color",
    "--cli-read-timeout",
    "--cli-connect-timeout",
    "--cli-binary-format",
    "--cli-error-format",
    "--ca-bundle",
];
const FLAG_GLOBALS: &[&str] = &[
    "--no-cli-pager",
    "--debug",
    "--no-paginate",
    "--no-verify-ssl",
    "--no-sign-request",
    "--cli-auto-prompt",
    "--no-cli-auto-prompt",
];

fn split_globals(argv: &[String]) -> Result<(Globals, Vec<String>), CliError> {
    let mut g = Globals::default();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let w = &argv[i];
        let (name, inline) = match w.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (w.as_str(), None),
        };
        if VALUED_GLOBALS.contains(&name) {
            let value = match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    match argv.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            return Err(CliError::usage(format!("argument {name}: expected one argument")));
                        }
                    }
                }
            };
            match name {
                "--region" => g.region = Some(value),
                "--output" => g.output = Some(value),
                "--query" => g.query = Some(value),
                "--profile" => g.profile = Some(value),
                _ => {}
            }
        } else if name == "--version" {
            g.version = true;
        } else if !FLAG_GLOBALS.contains(&name) {
            rest.push(w.clone());
        }
        i += 1;
    }
    Ok((g, rest))
}

/// Who runs a command: the learner on the laptop, or code on an instance using its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Caller<'a> {
    /// The laptop's IAM user (`arn:aws:iam::123456789012:user/learner`).
    #[default]
    Learner,
    /// An instance (by id) calling with its role's credentials from IMDS.
    Instance(&'a str),
}

/// Runs `aws` with `argv` (the words after `aws`) against `world` at `now`.
pub fn run(world: &mut World, argv: &[String], env: &CliEnv, now: SimTime) -> CommandOutput {
    run_with_files(world, argv, env, now, &|_| None)
}

/// Like [`run`], reading `file://` parameter values through `read_file`.
pub fn run_with_files(
    world: &mut World,
    argv: &[String],
    env: &CliEnv,
    now: SimTime,
    read_file: &dyn Fn(&str) -> Option<String>,
) -> CommandOutput {
    run_as(world, argv, env, now, read_file, Caller::Learner)
}

/// Like [`run_with_files`], as `caller` (an instance's role shows in `sts get-caller-identity`).
pub fn run_as(
    world: &mut World,
    argv: &[String],
    env: &CliEnv,
    now: SimTime,
    read_file: &dyn Fn(&str) -> Option<String>,
    caller: Caller,
) -> CommandOutput {
    match execute(world, argv, env, now, read_file, caller) {
        Ok(stdout) => CommandOutput::ok(stdout),
        Err(e) => CommandOutput::fail(e.stderr(), e.exit_code()),
    }
}

fn execute(
    world: &mut World,
    argv: &[String],
    env: &CliEnv,
    now: SimTime,
    read_file: &dyn Fn(&str) -> Option<String>,
    caller: Caller,
) -> Result<String, CliError> {
    let (globals, words) = split_globals(argv)?;
    if globals.version {
        return Ok(VERSION.to_string());
    }
    if let Some(p) = globals.profile.as_deref().filter(|p| *p != "default") {
        return Err(CliError::Other { message: format!("The config profile ({p}) could not be found") });
    }
    let Some(service) = words.first() else {
        return Err(CliError::usage("the following arguments are required: command"));
    };
    if service == "help" {
        return Ok(help::top_help());
    }
    if service == "sts" {
        let value = sts::run(world, &words[1..], caller).map_err(|e| match e {
            CliError::Service { error, .. } => CliError::Service { operation: "GetCallerIdentity", error },
            other => other,
        })?;
        let value = match &globals.query {
            Some(q) => format::query(q, &value)?,
            None => value,
        };
        return Ok(match globals.output.as_deref().unwrap_or("json") {
            "text" => format::text(&value),
            "table" => table::table("GetCallerIdentity", &value),
            _ => format::json(&value),
        });
    }
    if service != "ec2" && service != "iam" {
        return Err(CliError::usage(format!(
            "argument command: Invalid choice, valid choices are:\n\nec2                                      | help\niam                                      | sts\n\nInvalid choice: '{service}'"
        )));
    }
    let is_iam = service == "iam";
    let Some(op_name) = words.get(1) else {
        return Err(CliError::usage("the following arguments are required: operation"));
    };
    if op_name == "help" {
        return Ok(if is_iam { help::iam_help() } else { help::service_help() });
    }
    if op_name == "wait" && !is_iam {
        let region_name = globals.region.as_deref().unwrap_or(&env.default_region);
        let Some(info) = region_info(region_name) else {
            return Err(CliError::Other {
                message: format!(
                    "Could not connect to the endpoint URL: \"https://ec2.{region_name}.amazonaws.com/\""
                ),
            });
        };
        let now = now.max(world.now());
        return wait::run(world, &words[2..], info.name, now);
    }
    let found = if is_iam { iam::operation(op_name) } else { spec::operation(op_name) };
    let Some(op) = found else {
        return Err(CliError::usage(if is_iam {
            format!(
                "argument operation: Invalid choice, valid choices are:\n\n{}\n\nInvalid choice: '{op_name}'",
                iam::OPS.iter().map(|o| o.name).collect::<Vec<_>>().join("\n")
            )
        } else {
            help::invalid_operation(op_name)
        }));
    };
    if words.get(2).is_some_and(|w| w == "help") {
        return Ok(help::operation_help(op));
    }
    let output = globals.output.as_deref().unwrap_or("json");
    if !["json", "text", "table"].contains(&output) {
        return Err(CliError::usage(format!(
            "argument --output: Invalid choice, valid choices are:\n\njson                                     | text\ntable\n\nInvalid choice: '{output}'"
        )));
    }
    let region_name =
        if is_iam { "us-east-1" } else { globals.region.as_deref().unwrap_or(&env.default_region) };
    let Some(info) = region_info(region_name) else {
        return Err(CliError::Other {
            message: format!(
                "Could not connect to the endpoint URL: \"https://ec2.{region_name}.amazonaws.com/\""
            ),
        });
    };
    let page_key = paginate::result_key(op.name);
    let (paging, op_words) = match page_key {
        Some(_) => paginate::split(&words[2..])?,
        None => (paginate::Paging::default(), words[2..].to_vec()),
    };
    let args = args::parse(op, &op_words, read_file)?;
    world.advance_to(now);
    // The world's clock never runs backwards (a waiter may have moved it ahead of `now`).
    let now = now.max(world.now());
    let dry_run = args.flag("dry-run").unwrap_or(false);
    let mut call = spec::Call { world, ctx: Ctx::new(info.name, now, dry_run), args, read_file };
    let result = (op.handler)(&mut call).map_err(|e| match e {
        CliError::Service { error, .. } => CliError::Service { operation: op.api, error },
        other => other,
    })?;
    let Some(mut value) = result else {
        return Ok(String::new());
    };
    if value.as_object().is_some_and(|m| m.is_empty()) {
        return Ok(String::new());
    }
    if let Some(key) = page_key {
        paginate::apply(&mut value, key, &paging);
    }
    let value = match &globals.query {
        Some(q) => format::query(q, &value)?,
        None => value,
    };
    Ok(match output {
        "text" => format::text(&value),
        "table" => table::table(op.api, &value),
        _ => format::json(&value),
    })
}
