//! The Instance Metadata Service at `169.254.169.254`, as a pure function.
//!
//! [`respond`] takes what IMDS knows about one instance ([`InstanceFacts`]), the instance's
//! [`TokenStore`], one HTTP request and the simulated time, and returns what the network
//! delivers back: a response, or nothing at all (a PUT answer dropped by the hop limit).
//! Behaviour follows `reference/imds.md`; every choice the reference leaves open is listed in
//! this module's `README.md`.

pub mod facts;
pub mod json;
pub mod mix;
pub mod reply;
pub mod tokens;
pub mod tree;
pub mod world_view;

pub use facts::{InstanceFacts, MetadataOptions, OsFamily, RunState};
pub use tokens::TokenStore;

use crate::net::http::{Exchange, HttpRequest};
use crate::time::SimTime;
use tokens::TTL_RANGE;

/// The only path that issues tokens.
pub const TOKEN_PATH: &str = "/latest/api/token";
/// Request header carrying a token on GETs.
pub const TOKEN_HEADER: &str = "X-aws-ec2-metadata-token";
/// Request header carrying the wanted TTL on the token PUT.
pub const TTL_HEADER: &str = "X-aws-ec2-metadata-token-ttl-seconds";

/// Answers one request sent to this instance's IMDS at `now`.
pub fn respond(facts: &InstanceFacts, tokens: &mut TokenStore, req: &HttpRequest, now: SimTime) -> Exchange {
    if !facts.metadata.endpoint_enabled {
        return Exchange::Response(reply::forbidden(now));
    }
    let path = req.target.split(['?', '#']).next().unwrap_or("/");
    let method = req.method.as_str();
    // The PUT response travels with an IP TTL equal to the hop limit: from further away it
    // never arrives (reference §6).
    if method == "PUT" && req.hops > facts.metadata.hop_limit {
        return Exchange::NoResponse;
    }
    if path == TOKEN_PATH {
        return Exchange::Response(match method {
            "PUT" => issue_token(facts, tokens, req, now),
            "OPTIONS" => reply::allow(200, "OPTIONS, PUT", now),
            _ => reply::allow(405, "OPTIONS, PUT", now),
        });
    }
    if method == "PUT" && is_token_like(path) {
        return Exchange::Response(reply::forbidden(now));
    }
    if method != "GET" && method != "HEAD" {
        return Exchange::Response(reply::allow(405, "GET, HEAD", now));
    }
    let ttl_left = match req.header_value(TOKEN_HEADER) {
        Some(token) => match tokens.validate(token, &facts.instance_id, now) {
            Ok(left) => Some(left),
            Err(_) => return Exchange::Response(reply::empty(401, "Unauthorized", now)),
        },
        None if facts.metadata.tokens_required => {
            return Exchange::Response(reply::empty(401, "Unauthorized", now));
        }
        None => None,
    };
    let mut response = match lookup(facts, path, now) {
        Some((body, kind)) => reply::value(body, kind, ttl_left, facts.last_start, now),
        None => reply::not_found(now),
    };
    if method == "HEAD" {
        response.body.clear();
    }
    Exchange::Response(response)
}

/// `/<version>/api/token` or a trailing-slash variant: token paths IMDS refuses with 403.
fn is_token_like(path: &str) -> bool {
    let trimmed = path.trim_end_matches('/');
    trimmed.ends_with("/api/token") || trimmed.ends_with("/api")
}

fn issue_token(
    facts: &InstanceFacts,
    tokens: &mut TokenStore,
    req: &HttpRequest,
    now: SimTime,
) -> crate::net::http::HttpResponse {
    if req.header_value("X-Forwarded-For").is_some() {
        return reply::forbidden(now);
    }
    let ttl = req
        .header_value(TTL_HEADER)
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|t| TTL_RANGE.contains(t));
    match ttl {
        Some(ttl) => {
            let token = tokens.issue(&facts.instance_id, ttl, now);
            reply::token(&token.value.clone(), ttl, now)
        }
        None => reply::empty(400, "Bad Request", now),
    }
}

/// Resolves a GET path to a body: `/` lists versions, `/<version>/…` walks the tree.
fn lookup(facts: &InstanceFacts, path: &str, now: SimTime) -> Option<(String, tree::LeafKind)> {
    let rest = path.strip_prefix('/')?;
    if rest.is_empty() {
        return Some((tree::VERSIONS.join("\n"), tree::LeafKind::Text));
    }
    let mut segments = rest.split('/');
    let version = segments.next()?;
    if !tree::VERSIONS.contains(&version) {
        return None;
    }
    let rest: Vec<&str> = segments.collect();
    tree::version_root(facts, now).find(&rest).map(tree::Node::body)
}
