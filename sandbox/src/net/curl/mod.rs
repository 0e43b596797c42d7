//! `curl`, printing what curl 7.88.1 prints: the body byte for byte (IMDS values have no final
//! newline, so the prompt lands right after them), the progress meter on stderr when stdout is
//! not a terminal, `-v` trace lines, `-i` headers, `-w` formats, and the `curl: (N) …` errors
//! with exit codes 6, 7, 22, 28 and 56.
//!
//! The network itself is the caller's: [`run`] takes a function that turns a URL and request
//! into an [`Exchange`].

pub mod args;
mod render;

pub use args::{CurlArgs, Url, parse, parse_url};

use crate::net::http::{Exchange, HttpRequest};
use crate::output::CommandOutput;

/// The version every simulated host runs (the wording of the reference's §10 captures).
pub const USER_AGENT: &str = "curl/7.88.1";

/// What a curl invocation needs from its surroundings.
pub struct CurlContext<'a> {
    pub stdout_is_tty: bool,
    /// Hops between this curl and the host it runs on (2 inside a container).
    pub hops: u8,
    /// Sends one request; the session routes by host and port.
    pub send: &'a mut dyn FnMut(&Url, &HttpRequest) -> Exchange,
    /// Writes `-o` output; returns an error text such as `Permission denied`.
    pub write_file: &'a mut dyn FnMut(&str, &str) -> Result<(), String>,
    /// Which proxy environment variable applies to a URL (given curl's `--noproxy` list), as
    /// `http_proxy == 'http://…'`; `None` for a direct connection.
    pub proxy_for: &'a dyn Fn(&Url, Option<&str>) -> Option<String>,
}

/// Runs curl with `argv` (the words after `curl`).
pub fn run(argv: &[String], ctx: &mut CurlContext<'_>) -> CommandOutput {
    let args = match args::parse(argv) {
        Ok(a) => a,
        Err(e) => return CommandOutput::fail(e.0, 2),
    };
    let mut out = CommandOutput::default();
    for raw in &args.urls {
        let one = render::transfer(&args, raw, ctx);
        out.stdout.push_str(&one.stdout);
        out.stderr.push_str(&one.stderr);
        out.exit_code = one.exit_code;
    }
    out
}
