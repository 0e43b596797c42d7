//! `cargo xtask test`: every test the project has, in the order a failure is cheapest to see.
//!
//! Ends with one line `summary: N passed, M failed` added up over every test binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::{build, paths, setup};

pub fn all() -> Result<()> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let mut tally = Tally::default();
    // Rust unit, scenario, snapshot and content tests.
    let unit = run_counted(
        Command::new(paths::cargo()).args(["test", "--workspace", "--exclude", "e2e"]),
        &mut tally,
    );
    if let Err(e) = unit {
        tally.print();
        return Err(e);
    }
    let site = build::site()?;
    let browser = match setup::ensure_browser() {
        Ok(tools) => tools,
        Err(e) if ci => bail!("CI=true and no browser for the end-to-end tests: {e:#}"),
        Err(e) => {
            eprintln!("\nxtask: WARNING: browser tests NOT run: {e:#}\n");
            tally.print();
            return Ok(());
        }
    };
    let e2e = run_counted(
        Command::new(paths::cargo())
            .args(["test", "--package", "e2e", "--", "--test-threads=1"])
            .env("EC2LAB_SITE", &site)
            .env("CHROME", &browser.chromium)
            .env("CHROMEDRIVER", &browser.chromedriver),
        &mut tally,
    );
    tally.print();
    e2e
}

/// Passed and failed tests, summed over `test result:` lines.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Adds the counts of a libtest `test result: ok. 3 passed; 0 failed; ...` line.
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next()) {
                let Ok(n) = n.parse::<u64>() else { continue };
                match what {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    _ => {}
                }
            }
        }
    }

    fn print(&self) {
        println!("\nsummary: {} passed, {} failed", self.passed, self.failed);
    }
}

/// Runs a `cargo test` command, echoing its output and counting its results.
fn run_counted(cmd: &mut Command, tally: &mut Tally) -> Result<()> {
    let line = format!("{cmd:?}");
    let mut child = cmd.stdout(Stdio::piped()).spawn().with_context(|| format!("could not start {line}"))?;
    if let Some(out) = child.stdout.take() {
        for text in BufReader::new(out).lines() {
            let text = text?;
            println!("{text}");
            tally.add_line(&text);
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("{line} failed with {status}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_adds_libtest_result_lines() {
        let mut t = Tally::default();
        t.add_line(
            "test result: ok. 6 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s",
        );
        t.add_line("test result: FAILED. 2 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out");
        t.add_line("running 4 tests");
        assert_eq!(t, Tally { passed: 8, failed: 3 });
    }
}
