//! `cargo xtask build`: widgets to wasm, wasm-bindgen, then the book, into `target/site`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};
use ec2lab_preprocessor::{ContentResolver, Ec2LabPreprocessor};
use mdbook_driver::MDBook;

use crate::{exports, paths, setup, sizes};

/// The name the wasm module and its JS glue are published under, in `site/ec2lab/`.
pub const MODULE: &str = "ec2lab_widgets";

/// Builds the whole site and returns its folder.
pub fn site() -> Result<PathBuf> {
    let started = Instant::now();
    setup::ensure_wasm_target()?;
    let wasm = compile_widgets()?;
    let pkg = paths::target().join("ec2lab-pkg");
    bindgen(&wasm, &pkg)?;
    let site = paths::site();
    book(&site)?;
    let dest = site.join("ec2lab");
    fs::create_dir_all(&dest)?;
    for ext in ["js", "wasm"] {
        let name = if ext == "wasm" { format!("{MODULE}_bg.wasm") } else { format!("{MODULE}.js") };
        fs::copy(pkg.join(&name), dest.join(&name)).with_context(|| format!("copying {name}"))?;
    }
    println!("{}", sizes::report(&dest)?);
    println!("xtask: site built in {:.1}s at {}", started.elapsed().as_secs_f64(), site.display());
    Ok(site)
}

fn compile_widgets() -> Result<PathBuf> {
    let step = Instant::now();
    setup::run(Command::new(paths::cargo()).args([
        "build",
        "--package",
        "widgets",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]))?;
    eprintln!("xtask: widgets compiled in {:.1}s", step.elapsed().as_secs_f64());
    Ok(paths::target().join("wasm32-unknown-unknown/wasm-release/widgets.wasm"))
}

fn bindgen(wasm: &Path, out: &Path) -> Result<()> {
    let step = Instant::now();
    fs::create_dir_all(out)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)?
        .typescript(false)
        .out_name(MODULE)
        .generate(out)
        .context("wasm-bindgen failed")?;
    eprintln!("xtask: wasm-bindgen done in {:.1}s", step.elapsed().as_secs_f64());
    Ok(())
}

fn book(site: &Path) -> Result<()> {
    let step = Instant::now();
    let root = paths::root();
    // Validate every content file before the book: a mistake fails the build as `file:line: problem`.
    let resolver =
        ContentResolver::load(&root.join("content"), &root.join("book/src")).map_err(anyhow::Error::msg)?;
    let mut book = MDBook::load(root.join("book")).map_err(|e| anyhow::anyhow!("{e:#}"))?;
    book.config.build.build_dir = site.to_path_buf();
    // Exports need the course after the preprocessor has taken the resolver: render them first.
    let course = resolver.course().clone();
    book.with_preprocessor(Ec2LabPreprocessor::new(Box::new(resolver)));
    book.build().map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let banks = exports::write_gift(&course, site)?;
    eprintln!("xtask: book built in {:.1}s ({banks} banks exported to GIFT)", step.elapsed().as_secs_f64());
    Ok(())
}
