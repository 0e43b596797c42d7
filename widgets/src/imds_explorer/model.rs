//! The explorer's state without any DOM: the tree opened so far, the session token, and the last
//! exchange. Every answer comes from `sandbox::imds::respond`, so the explorer can never disagree
//! with the `curl` in the terminal.

use std::collections::BTreeMap;

use sandbox::SimTime;
use sandbox::imds::{self, InstanceFacts, TOKEN_HEADER, TOKEN_PATH, TTL_HEADER, TokenStore};
use sandbox::net::http::{Exchange, HttpRequest, HttpResponse};
use serde::Deserialize;

/// The base URL every path hangs from.
pub const BASE: &str = "http://169.254.169.254";
/// The token lifetime the explorer asks for (the longest IMDS allows).
const TTL: u64 = 21600;

/// What an `ec2lab-imds-explorer` block configures.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ExplorerConfig {
    /// `required` makes IMDSv1 requests fail with 401, as `HttpTokens=required` does.
    pub http_tokens: String,
    /// Start with IMDSv2 (tokens) switched on.
    pub use_token: bool,
    /// Whether instance tags are exposed under `meta-data/tags/instance`.
    pub tags_in_metadata: bool,
}

impl Default for ExplorerConfig {
    fn default() -> Self {
        ExplorerConfig { http_tokens: "optional".into(), use_token: true, tags_in_metadata: true }
    }
}

/// One entry of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Path from the root, e.g. `/latest/meta-data/placement/`.
    pub path: String,
    /// The name as listed (`placement/`).
    pub name: String,
}

impl Node {
    pub fn is_dir(&self) -> bool {
        self.path.ends_with('/')
    }
}

/// The last request the learner made: the commands and what came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub path: String,
    /// Shell lines a learner would type on the instance.
    pub commands: Vec<String>,
    /// The response as `curl -i` shows it (status line, headers, blank line, body).
    pub response: String,
    pub status: u16,
}

#[derive(Debug, Clone)]
pub struct ExplorerModel {
    facts: InstanceFacts,
    tokens: TokenStore,
    use_token: bool,
    token: Option<String>,
    /// Opened directories and their children.
    open: BTreeMap<String, Vec<Node>>,
    last: Option<Fetched>,
}

impl ExplorerModel {
    pub fn new(config: &ExplorerConfig) -> ExplorerModel {
        let mut facts = InstanceFacts::example();
        facts.metadata.tokens_required = config.http_tokens == "required";
        facts.metadata.tags_enabled = config.tags_in_metadata;
        if facts.tags.is_empty() {
            facts.tags.push(("Name".into(), "web".into()));
        }
        ExplorerModel {
            facts,
            tokens: TokenStore::default(),
            use_token: config.use_token,
            token: None,
            open: BTreeMap::new(),
            last: None,
        }
    }

    pub fn uses_token(&self) -> bool {
        self.use_token
    }

    pub fn tokens_required(&self) -> bool {
        self.facts.metadata.tokens_required
    }

    pub fn last(&self) -> Option<&Fetched> {
        self.last.as_ref()
    }

    /// Children of an opened directory, or `None` when it is closed.
    pub fn children(&self, dir: &str) -> Option<&[Node]> {
        self.open.get(dir).map(Vec::as_slice)
    }

    /// Switches between IMDSv2 (session token) and IMDSv1 requests.
    pub fn set_use_token(&mut self, on: bool) {
        self.use_token = on;
        if !on {
            self.token = None;
        }
    }

    /// Opens `path`: a directory toggles open (listing fetched) or closed; a leaf is fetched.
    pub fn click(&mut self, path: &str, now: SimTime) {
        if path.ends_with('/') && self.open.remove(path).is_some() {
            return;
        }
        let fetched = self.fetch(path, now);
        if path.ends_with('/') && fetched.status == 200 {
            let body = fetched.response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
            let children = body
                .lines()
                .filter(|l| !l.is_empty())
                .map(|name| Node { path: child_path(path, name), name: name.to_string() })
                .collect();
            self.open.insert(path.to_string(), children);
        }
        self.last = Some(fetched);
    }

    fn fetch(&mut self, path: &str, now: SimTime) -> Fetched {
        let mut commands = Vec::new();
        let mut request = HttpRequest::new("GET", path);
        if self.use_token {
            let valid = self
                .token
                .as_deref()
                .is_some_and(|t| self.tokens.validate(t, &self.facts.instance_id, now).is_ok());
            if !valid {
                commands.push(format!(
                    "TOKEN=$(curl -s -X PUT \"{BASE}{TOKEN_PATH}\" -H \"{TTL_HEADER}: {TTL}\")"
                ));
                let put = HttpRequest::new("PUT", TOKEN_PATH).header(TTL_HEADER, &TTL.to_string());
                self.token = match imds::respond(&self.facts, &mut self.tokens, &put, now) {
                    Exchange::Response(r) if r.status == 200 => Some(r.body),
                    _ => None,
                };
            }
            if let Some(token) = &self.token {
                request = request.header(TOKEN_HEADER, token);
            }
            commands.push(format!("curl -s -H \"{TOKEN_HEADER}: $TOKEN\" {BASE}{path}"));
        } else {
            commands.push(format!("curl -s {BASE}{path}"));
        }
        match imds::respond(&self.facts, &mut self.tokens, &request, now) {
            Exchange::Response(r) => {
                Fetched { path: path.to_string(), commands, status: r.status, response: show(&r) }
            }
            other => Fetched {
                path: path.to_string(),
                commands,
                status: 0,
                response: format!("(no response: {other:?})"),
            },
        }
    }
}

/// The path of entry `name` listed under `dir`. A version root lists `meta-data` and `dynamic`
/// without the trailing `/` that marks directories everywhere else, so they are named here.
fn child_path(dir: &str, name: &str) -> String {
    let version_root = dir.matches('/').count() == 2;
    if version_root && matches!(name, "meta-data" | "dynamic") {
        format!("{dir}{name}/")
    } else {
        format!("{dir}{name}")
    }
}

/// A response as `curl -i` prints it.
fn show(r: &HttpResponse) -> String {
    let mut text = format!("{}\r\n", r.status_line());
    for (name, value) in &r.headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(&r.body);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(tokens: &str, use_token: bool) -> ExplorerModel {
        ExplorerModel::new(&ExplorerConfig { http_tokens: tokens.into(), use_token, tags_in_metadata: true })
    }

    #[test]
    fn opening_meta_data_lists_its_categories() {
        let mut m = model("optional", true);
        m.click("/latest/", SimTime::ZERO);
        let first = m.last().expect("fetched");
        assert!(
            first.commands[0]
                .starts_with("TOKEN=$(curl -s -X PUT \"http://169.254.169.254/latest/api/token\"")
        );
        let root: Vec<&str> =
            m.children("/latest/").unwrap_or_default().iter().map(|n| n.path.as_str()).collect();
        assert!(root.contains(&"/latest/meta-data/") && root.contains(&"/latest/dynamic/"), "{root:?}");
        m.click("/latest/meta-data/", SimTime::ZERO);
        let names: Vec<&str> =
            m.children("/latest/meta-data/").unwrap_or_default().iter().map(|n| n.name.as_str()).collect();
        assert!(names.contains(&"instance-id") && names.contains(&"placement/"), "{names:?}");
        let last = m.last().expect("fetched");
        assert_eq!(last.status, 200);
        assert_eq!(last.commands.len(), 1, "the token from the first request is reused");
        // Clicking again closes it.
        m.click("/latest/meta-data/", SimTime::ZERO);
        assert!(m.children("/latest/meta-data/").is_none());
    }

    #[test]
    fn the_token_is_reused_until_it_expires() {
        let mut m = model("optional", true);
        m.click("/latest/meta-data/instance-id", SimTime::ZERO);
        assert_eq!(m.last().map(|f| f.commands.len()), Some(2));
        m.click("/latest/meta-data/instance-type", SimTime::from_secs(60));
        assert_eq!(m.last().map(|f| f.commands.len()), Some(1));
        m.click("/latest/meta-data/instance-type", SimTime::from_secs(TTL + 61));
        assert_eq!(m.last().map(|f| f.commands.len()), Some(2), "an expired token is fetched again");
    }

    #[test]
    fn imds_v1_is_refused_when_tokens_are_required() {
        let mut m = model("required", false);
        m.click("/latest/meta-data/instance-id", SimTime::ZERO);
        let last = m.last().expect("fetched");
        assert_eq!(last.status, 401);
        assert_eq!(
            last.commands,
            vec!["curl -s http://169.254.169.254/latest/meta-data/instance-id".to_string()]
        );
        assert!(last.response.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{}", last.response);
    }
}
