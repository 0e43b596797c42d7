//! `imds::respond` as a pure function: header sets, token rules and presence rules checked
//! directly on requests and responses, without the shell or curl in between.

use sandbox::SimTime;
use sandbox::imds::facts::InstanceFacts;
use sandbox::imds::{TOKEN_HEADER, TTL_HEADER, TokenStore, respond};
use sandbox::net::http::{Exchange, HttpRequest, HttpResponse};

fn send(facts: &InstanceFacts, tokens: &mut TokenStore, req: HttpRequest, now: SimTime) -> HttpResponse {
    match respond(facts, tokens, &req, now) {
        Exchange::Response(r) => r,
        other => panic!("expected a response, got {other:?}"),
    }
}

fn token(facts: &InstanceFacts, tokens: &mut TokenStore, ttl: &str, now: SimTime) -> String {
    let r = send(facts, tokens, HttpRequest::new("PUT", "/latest/api/token").header(TTL_HEADER, ttl), now);
    assert_eq!(r.status, 200);
    r.body
}

fn names(r: &HttpResponse) -> Vec<&str> {
    r.headers.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn every_response_says_ec2ws() {
    let mut facts = InstanceFacts::example();
    let mut tokens = TokenStore::default();
    let requests = [
        HttpRequest::new("GET", "/"),
        HttpRequest::new("GET", "/latest/meta-data/"),
        HttpRequest::new("GET", "/latest/meta-data/nope"),
        HttpRequest::new("GET", "/latest/api/token"),
        HttpRequest::new("OPTIONS", "/latest/api/token"),
        HttpRequest::new("PUT", "/latest/api/token"),
        HttpRequest::new("PUT", "/latest/api/token").header(TTL_HEADER, "60"),
        HttpRequest::new("PUT", "/latest/api/token/").header(TTL_HEADER, "60"),
        HttpRequest::new("PUT", "/latest/api/token")
            .header(TTL_HEADER, "60")
            .header("X-Forwarded-For", "1.2.3.4"),
        HttpRequest::new("GET", "/latest/meta-data/").header(TOKEN_HEADER, "bogus"),
        HttpRequest::new("HEAD", "/latest/meta-data/instance-id"),
        HttpRequest::new("DELETE", "/latest/meta-data/instance-id"),
    ];
    for required in [false, true] {
        for enabled in [true, false] {
            facts.metadata.tokens_required = required;
            facts.metadata.endpoint_enabled = enabled;
            for req in &requests {
                let r = send(&facts, &mut tokens, req.clone(), SimTime::ZERO);
                assert_eq!(r.header_value("server"), Some("EC2ws"), "{req:?}");
                if req.method != "HEAD" {
                    let length = r.body.len().to_string();
                    assert_eq!(r.header_value("content-length"), Some(length.as_str()), "{req:?}");
                }
            }
        }
    }
}

#[test]
fn header_sets_follow_the_captures() {
    let facts = InstanceFacts::example();
    let mut tokens = TokenStore::default();
    let put = send(
        &facts,
        &mut tokens,
        HttpRequest::new("PUT", "/latest/api/token").header(TTL_HEADER, "21600"),
        SimTime::ZERO,
    );
    assert_eq!(
        names(&put),
        [
            "X-Aws-Ec2-Metadata-Token-Ttl-Seconds",
            "Content-Length",
            "Date",
            "Server",
            "Connection",
            "Content-Type"
        ]
    );
    let get = send(
        &facts,
        &mut tokens,
        HttpRequest::new("GET", "/latest/meta-data/ami-id").header(TOKEN_HEADER, &put.body),
        SimTime::from_secs(25),
    );
    assert_eq!(
        names(&get),
        [
            "X-Aws-Ec2-Metadata-Token-Ttl-Seconds",
            "Content-Type",
            "Accept-Ranges",
            "Last-Modified",
            "Content-Length",
            "Date",
            "Server",
            "Connection"
        ]
    );
    assert_eq!(get.header_value("X-Aws-Ec2-Metadata-Token-Ttl-Seconds"), Some("21575"));
    let v1 = send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/meta-data/ami-id"), SimTime::ZERO);
    assert_eq!(v1.header_value("X-Aws-Ec2-Metadata-Token-Ttl-Seconds"), None);
    let nf = send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/meta-data/nope"), SimTime::ZERO);
    assert_eq!((nf.status, nf.header_value("Content-Type")), (404, Some("text/html")));
    assert!(nf.body.contains("<title>404 - Not Found</title>"));
    let head =
        send(&facts, &mut tokens, HttpRequest::new("HEAD", "/latest/meta-data/instance-id"), SimTime::ZERO);
    assert_eq!((head.status, head.body.as_str(), head.header_value("Content-Length")), (200, "", Some("19")));
}

#[test]
fn tokens_are_bound_to_time_and_instance() {
    let mut facts = InstanceFacts::example();
    facts.metadata.tokens_required = true;
    let mut other = InstanceFacts::example();
    other.instance_id = "i-0ffffffffffffffff".into();
    let mut tokens = TokenStore::default();
    let t = token(&facts, &mut tokens, "10", SimTime::ZERO);
    let get = |f: &InstanceFacts, tokens: &mut TokenStore, now| {
        send(
            f,
            tokens,
            HttpRequest::new("GET", "/latest/meta-data/instance-id").header(TOKEN_HEADER, &t),
            now,
        )
        .status
    };
    assert_eq!(get(&facts, &mut tokens, SimTime::from_secs(9)), 200);
    assert_eq!(get(&facts, &mut tokens, SimTime::from_secs(10)), 401);
    assert_eq!(get(&other, &mut tokens, SimTime::ZERO), 401);
    // Header names are case-insensitive, as botocore sends them lowercase.
    let lower = send(
        &facts,
        &mut tokens,
        HttpRequest::new("PUT", "/latest/api/token").header("x-aws-ec2-metadata-token-ttl-seconds", "60"),
        SimTime::ZERO,
    );
    assert_eq!(lower.status, 200);
    for bad in ["", "0", "21601", "abc", "-5", "+5", "1e3", " 60"] {
        let r = send(
            &facts,
            &mut tokens,
            HttpRequest::new("PUT", "/latest/api/token").header(TTL_HEADER, bad),
            SimTime::ZERO,
        );
        assert_eq!(r.status, 400, "TTL {bad:?}");
    }
}

#[test]
fn hop_limit_drops_only_put_answers() {
    let mut facts = InstanceFacts::example();
    let mut tokens = TokenStore::default();
    let mut far = HttpRequest::new("PUT", "/latest/api/token").header(TTL_HEADER, "60");
    far.hops = 2;
    assert_eq!(respond(&facts, &mut tokens, &far, SimTime::ZERO), Exchange::NoResponse);
    let mut get = HttpRequest::new("GET", "/latest/meta-data/instance-id");
    get.hops = 2;
    assert!(
        matches!(respond(&facts, &mut tokens, &get, SimTime::ZERO), Exchange::Response(r) if r.status == 200)
    );
    facts.metadata.hop_limit = 2;
    assert!(
        matches!(respond(&facts, &mut tokens, &far, SimTime::ZERO), Exchange::Response(r) if r.status == 200)
    );
}

#[test]
fn presence_rules() {
    let mut facts = InstanceFacts::example();
    let mut tokens = TokenStore::default();
    let status = |f: &InstanceFacts, tokens: &mut TokenStore, path: &str| {
        send(f, tokens, HttpRequest::new("GET", path), SimTime::ZERO).status
    };
    assert_eq!(status(&facts, &mut tokens, "/latest/meta-data/iam/"), 404);
    assert_eq!(status(&facts, &mut tokens, "/latest/user-data"), 404);
    assert_eq!(status(&facts, &mut tokens, "/latest/meta-data/ipv6"), 404);
    assert_eq!(status(&facts, &mut tokens, "/latest/meta-data/public-ipv4"), 200);
    facts.public_ip = None;
    facts.public_dns = None;
    facts.key = None;
    assert_eq!(status(&facts, &mut tokens, "/latest/meta-data/public-ipv4"), 404);
    assert_eq!(status(&facts, &mut tokens, "/latest/meta-data/public-hostname"), 404);
    assert_eq!(status(&facts, &mut tokens, "/latest/meta-data/public-keys/"), 404);
    let listing = send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/meta-data"), SimTime::ZERO).body;
    let slashed =
        send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/meta-data/"), SimTime::ZERO).body;
    assert_eq!(listing, slashed, "conformance 12: with and without the slash");
    assert!(!listing.ends_with('\n') && !listing.contains("public-"));
    let mut sorted: Vec<&str> = listing.lines().collect();
    sorted.sort();
    assert_eq!(sorted, listing.lines().collect::<Vec<_>>());
    facts.placement_group = Some("cluster-pg".into());
    facts.partition_number = Some(2);
    let placement =
        send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/meta-data/placement/"), SimTime::ZERO)
            .body;
    assert_eq!(placement, "availability-zone\navailability-zone-id\ngroup-name\npartition-number\nregion");
    facts.user_data = Some("#!/bin/bash\n".into());
    let ud = send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/user-data"), SimTime::ZERO);
    assert_eq!(
        (ud.header_value("Content-Type"), ud.header_value("Accept-Ranges")),
        (Some("application/octet-stream"), Some("bytes"))
    );
}

#[test]
fn respond_is_deterministic() {
    let facts = InstanceFacts::example();
    let (mut a, mut b) = (TokenStore::default(), TokenStore::default());
    let ta = token(&facts, &mut a, "60", SimTime::from_secs(3));
    let tb = token(&facts, &mut b, "60", SimTime::from_secs(3));
    assert_eq!(ta, tb);
    assert_eq!(ta.len(), 56);
}

#[test]
fn random_requests_never_panic() {
    const PATHS: &[&str] = &[
        "/",
        "/latest",
        "/latest/",
        "latest",
        "",
        "/latest/meta-data",
        "/latest/meta-data/",
        "//",
        "/latest//meta-data/",
        "/latest/meta-data/iam/info/Code",
        "/latest/api/token",
        "/latest/api/token/",
        "/2021-03-23/api/token",
        "/latest/meta-data/network/interfaces/macs/",
        "/latest/dynamic/instance-identity/document/x",
        "/é",
        "/latest/meta-data/tags/instance/Name",
        "/latest/user-data",
        "/latest/meta-data/public-keys/0/openssh-key",
        "/latest/meta-data/spot/instance-action",
        "/latest/meta-data/placement/region/",
        "?x",
        "/#frag",
    ];
    const METHODS: &[&str] = &["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "get", ""];
    const TTLS: &[&str] = &["21600", "1", "0", "-1", "abc", "99999999999999999999999", "", " ", "é"];
    let mut facts = InstanceFacts::example();
    facts.tags = vec![("Name".into(), "web".into()), ("bad key".into(), "x".into())];
    facts.user_data = Some("#!/bin/bash\n".into());
    let mut tokens = TokenStore::default();
    let mut state = 7u64;
    let mut next = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (state >> 33) as usize
    };
    for i in 0..3000 {
        facts.metadata.tokens_required = next() % 2 == 0;
        facts.metadata.tags_enabled = next() % 2 == 0;
        facts.metadata.endpoint_enabled = next() % 5 != 0;
        let mut req = HttpRequest::new(METHODS[next() % METHODS.len()], PATHS[next() % PATHS.len()]);
        if next() % 2 == 0 {
            req = req.header(TTL_HEADER, TTLS[next() % TTLS.len()]);
        }
        if next() % 2 == 0 {
            req = req.header(TOKEN_HEADER, "AQAEAbogus==");
        }
        req.hops = (next() % 3) as u8;
        let _ = respond(&facts, &mut tokens, &req, SimTime::from_secs(i));
    }
    let listing =
        send(&facts, &mut tokens, HttpRequest::new("GET", "/latest/meta-data/tags/instance"), SimTime::ZERO);
    assert!(listing.status != 200 || !listing.body.contains("bad key"));
}
