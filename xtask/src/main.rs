//! `cargo xtask <command>`: the one entry point for every workflow.
//!
//! - `build`: wasm widgets + wasm-bindgen + the mdBook with our preprocessor, into `target/site`.
//! - `serve [--port N]`: build, then serve the site on 127.0.0.1 and print the URL.
//! - `test`: every Rust test, then the site build, then the browser tests in headless Chromium.
//! - `bench`: the benchmarks.
//!
//! Each step installs what it needs when it is missing (the wasm32 target, Chromium).

mod build;
mod exports;
mod paths;
mod setup;
mod sizes;
mod test;

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask <build | serve [--port N] | test | bench>";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => build::site().map(drop),
        Some("serve") => serve(&args[1..]),
        Some("test") => test::all(),
        Some("bench") => bench(),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

fn serve(args: &[String]) -> Result<()> {
    let port = match args {
        [] => 3000,
        [flag, value] if flag == "--port" => {
            value.parse().map_err(|_| anyhow::anyhow!("--port needs a number, got `{value}`"))?
        }
        _ => bail!("{USAGE}"),
    };
    let site = build::site()?;
    let server = site_server::start(&site, port)?;
    println!("Serving EC2 Lab at {}  (Ctrl-C to stop)", server.url());
    loop {
        std::thread::park();
    }
}

fn bench() -> Result<()> {
    setup::run(std::process::Command::new(paths::cargo()).args(["bench", "--workspace", "--exclude", "e2e"]))
}
