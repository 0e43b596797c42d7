//! The operation table: every `aws ec2` operation with its parameters and their shapes. One
//! table drives parsing, `help` and tab completion.

use serde_json::Value;

use super::error::CliError;
use crate::ec2::{Ctx, World};

/// The shape of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One word.
    Str,
    /// One integer.
    Int,
    /// A flag: `--x` sets true, `--no-x` false.
    Bool,
    /// One or more words (or a JSON list).
    List,
    /// Shorthand or JSON structure.
    Struct,
    /// One or more shorthand structures, or a JSON list of them.
    StructList,
    /// Text, or `file://path` read from the shell's files.
    Blob,
}

/// One `--option`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A call in progress: the world, where and when, and the parsed arguments.
pub struct Call<'a> {
    pub world: &'a mut World,
    pub ctx: Ctx,
    pub args: super::args::Args,
    /// Reads a file of the caller's shell (for options that take a path, like `--priv-launch-key`).
    pub read_file: &'a dyn Fn(&str) -> Option<String>,
}

/// What an operation does: returns the response, or `None` for operations without output.
pub type Handler = fn(&mut Call) -> Result<Option<Value>, CliError>;

/// One operation.
#[derive(Clone, Copy)]
pub struct OpSpec {
    /// The CLI name (`describe-instances`).
    pub name: &'static str,
    /// The API name (`DescribeInstances`).
    pub api: &'static str,
    pub summary: &'static str,
    pub params: &'static [ParamSpec],
    pub handler: Handler,
}

impl std::fmt::Debug for OpSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpSpec").field("name", &self.name).finish()
    }
}

pub const fn p(name: &'static str, kind: Kind) -> ParamSpec {
    ParamSpec { name, kind, required: false }
}
pub const fn r(name: &'static str, kind: Kind) -> ParamSpec {
    ParamSpec { name, kind, required: true }
}

use Kind::{Bool, StructList};

pub const DRY: ParamSpec = p("dry-run", Bool);
pub const FILTERS: ParamSpec = p("filters", StructList);

/// Every supported `aws ec2` operation, alphabetically.
pub fn operations() -> Vec<&'static OpSpec> {
    super::operations::all()
}

/// The operation called `name`.
pub fn operation(name: &str) -> Option<&'static OpSpec> {
    operations().into_iter().find(|o| o.name == name)
}

/// The global options every command accepts.
pub const GLOBAL_OPTIONS: &[&str] = &[
    "--region",
    "--output",
    "--query",
    "--profile",
    "--no-cli-pager",
    "--debug",
    "--no-paginate",
    "--color",
    "--endpoint-url",
];
