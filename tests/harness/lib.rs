//! The browser-test harness: the built site on a loopback server, and a fresh headless Chromium
//! driven through chromedriver (WebDriver) for each test.
//!
//! Run through `cargo xtask test`, which builds the site and sets `EC2LAB_SITE`, `CHROME` and
//! `CHROMEDRIVER`. A missing site or browser is an error, never a skip.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// Chromium flags for a sandboxed, network-quiet headless run.
const CHROME_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// One test's browser: a WebDriver client on a fresh profile, and the site's base URL.
pub struct Browser {
    pub client: Client,
    pub base: String,
    driver: Child,
    profile: PathBuf,
}

fn env_path(name: &str) -> Result<PathBuf> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .with_context(|| format!("{name} is not set: run the browser tests with `cargo xtask test`"))
}

/// The site server, started once per test process.
fn site_url() -> Result<String> {
    static URL: OnceLock<Result<String, String>> = OnceLock::new();
    URL.get_or_init(|| {
        let site = env_path("EC2LAB_SITE").map_err(|e| e.to_string())?;
        let site = site.canonicalize().unwrap_or(site);
        if !site.join("index.html").is_file() {
            return Err(format!(
                "{} has no index.html: build the site with `cargo xtask build`",
                site.display()
            ));
        }
        site_server::start(&site, 0).map(|s| s.url()).map_err(|e| e.to_string())
    })
    .clone()
    .map_err(anyhow::Error::msg)
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with an empty profile.
    pub async fn start() -> Result<Browser> {
        let base = site_url()?;
        let chrome = env_path("CHROME")?;
        let chromedriver = env_path("CHROMEDRIVER")?;
        let port = free_port()?;
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("could not start {}", chromedriver.display()))?;
        let profile = std::env::temp_dir().join(format!("ec2lab-e2e-{}-{port}", std::process::id()));
        let mut args: Vec<String> = CHROME_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut caps = Capabilities::new();
        caps.insert("goog:chromeOptions".into(), json!({ "binary": chrome, "args": args }));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new()).capabilities(caps.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => {
                    bail!("chromedriver at {url} did not start a browser: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Ok(Browser { client, base, driver, profile })
    }

    /// Opens `path` (relative to the site root) and waits for the widgets on it to mount.
    pub async fn open(&self, path: &str) -> Result<()> {
        self.client.goto(&format!("{}{path}", self.base)).await?;
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("html[data-ec2lab-ready]"))
            .await
            .with_context(|| format!("widgets on {path} never reported ready"))?;
        Ok(())
    }

    /// Waits until `css` matches an element whose text contains `text`; returns that text.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            for element in self.client.find_all(Locator::Css(css)).await? {
                let found = element.text().await?;
                if found.contains(text) {
                    return Ok(found);
                }
            }
            if Instant::now() > deadline {
                bail!("no `{css}` containing {text:?} appeared");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a PNG of the viewport to `target/e2e-screenshots/<name>.png`, for people to look at.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }

    /// Ends the browser session and chromedriver.
    pub async fn close(mut self) -> Result<()> {
        let closed = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
        closed.map_err(Into::into)
    }
}
