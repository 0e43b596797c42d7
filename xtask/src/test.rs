//! `cargo xtask test`: every test the project has, in the order a failure is cheapest to see.

use std::process::Command;

use anyhow::{Result, bail};

use crate::{build, paths, setup};

pub fn all() -> Result<()> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    // Rust unit, scenario, snapshot and content tests.
    setup::run(Command::new(paths::cargo()).args(["test", "--workspace", "--exclude", "e2e"]))?;
    let site = build::site()?;
    let browser = match setup::ensure_browser() {
        Ok(tools) => tools,
        Err(e) if ci => bail!("CI=true and no browser for the end-to-end tests: {e:#}"),
        Err(e) => {
            eprintln!("\nxtask: WARNING: browser tests NOT run: {e:#}\n");
            return Ok(());
        }
    };
    setup::run(
        Command::new(paths::cargo())
            .args(["test", "--package", "e2e", "--", "--test-threads=1"])
            .env("EC2LAB_SITE", &site)
            .env("CHROME", &browser.chromium)
            .env("CHROMEDRIVER", &browser.chromedriver),
    )
}
