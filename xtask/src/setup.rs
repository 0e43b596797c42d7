//! Installing what a fresh machine lacks, and running child processes loudly.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Runs `cmd`, failing with its command line if it does not succeed.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("could not start {line}"))?;
    if !status.success() {
        bail!("{line} failed with {status}");
    }
    Ok(())
}

/// Adds the wasm32 target with rustup when it is not installed.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match installed {
        Ok(out)
            if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") =>
        {
            Ok(())
        }
        Ok(_) => {
            eprintln!("xtask: installing the wasm32-unknown-unknown target");
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        }
        // No rustup: trust that the toolchain has the target; cargo will say if not.
        Err(_) => Ok(()),
    }
}

/// Chromium and its WebDriver, as found on this machine.
pub struct BrowserTools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// Finds Chromium and chromedriver, installing them with apt when possible.
pub fn ensure_browser() -> Result<BrowserTools> {
    if let Some(tools) = find_browser() {
        return Ok(tools);
    }
    if which("apt-get").is_some() {
        eprintln!("xtask: installing chromium and chromium-driver with apt-get");
        let sudo: &[&str] = if is_root() { &[] } else { &["sudo", "-n"] };
        let apt = |args: &[&str]| {
            let mut all: Vec<&str> = sudo.to_vec();
            all.push("apt-get");
            all.extend_from_slice(args);
            let mut cmd = Command::new(all[0]);
            cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
            run(&mut cmd)
        };
        apt(&["update", "-q"])
            .and_then(|()| apt(&["install", "-y", "-q", "chromium", "chromium-driver"]))
            .context("installing Chromium failed")?;
    }
    find_browser().context("Chromium and chromedriver are not installed and could not be installed (apt-get install chromium chromium-driver)")
}

fn find_browser() -> Option<BrowserTools> {
    let chromium = std::env::var_os("CHROME")
        .map(PathBuf::from)
        .or_else(|| which("chromium"))
        .or_else(|| which("chromium-browser"))
        .or_else(|| which("google-chrome"))?;
    let chromedriver =
        std::env::var_os("CHROMEDRIVER").map(PathBuf::from).or_else(|| which("chromedriver"))?;
    Some(BrowserTools { chromium, chromedriver })
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.trim_ascii() == b"0").unwrap_or(false)
}
