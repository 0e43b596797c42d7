//! IMDS conformance transcripts: every behaviour in `reference/imds.md` §13, sent with curl
//! from a simulated instance. Snapshots live beside the scripts; `UPDATE_EXPECT=1` refreshes.

#[path = "transcripts/harness.rs"]
mod harness;

use harness::check;

#[test]
fn token_put() {
    check("imds/01_token_put");
}

#[test]
fn token_expiry() {
    check("imds/02_token_expiry");
}

#[test]
fn v1_and_v2() {
    check("imds/03_v1_and_v2");
}

#[test]
fn listings() {
    check("imds/04_listings");
}

#[test]
fn iam() {
    check("imds/05_iam");
}

#[test]
fn identity_and_user_data() {
    check("imds/06_identity_and_user_data");
}

#[test]
fn keys_spot_tags() {
    check("imds/07_keys_spot_tags");
}

#[test]
fn endpoint_disabled() {
    check("imds/08_endpoint_disabled");
}

#[test]
fn hop_limit() {
    check("imds/09_hop_limit");
}

#[test]
fn curl_shapes() {
    check("imds/10_curl_shapes");
}

#[test]
fn seed_walkthrough() {
    check("imds/11_seed_walkthrough");
}

#[test]
fn world_instance() {
    check("imds/12_world_instance");
}

#[test]
fn proxy() {
    check("imds/13_proxy");
}
