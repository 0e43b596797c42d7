//! The metadata tree of one instance at one instant: `meta-data/`, `dynamic/` and `user-data`,
//! built from [`InstanceFacts`] on every request (it is small), then walked by path.
//!
//! Presence rules follow reference §2: `iam/` only with a role, `public-keys/` only with a key
//! pair, `public-*` only with a public IPv4, `ipv6` only with an IPv6 address, `spot/` only when
//! an interruption is pending, `tags/` only when tags in metadata are enabled.

use super::facts::InstanceFacts;
use super::json::{self, Value, s};
use super::mix;
use crate::net::date::zulu;
use crate::time::SimTime;

/// How a leaf is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafKind {
    /// `text/plain`, `Accept-Ranges: none`: every value, listing and JSON document.
    Text,
    /// `application/octet-stream`, `Accept-Ranges: bytes`: user-data.
    Octets,
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Leaf {
        body: String,
        kind: LeafKind,
    },
    Dir {
        children: Vec<(String, Node)>,
        /// When set, the listing text served instead of the sorted child names (public-keys'
        /// `0=name`, instance-identity's documented order).
        listing: Option<String>,
    },
}

impl Node {
    fn leaf(body: impl Into<String>) -> Node {
        Node::Leaf { body: body.into(), kind: LeafKind::Text }
    }

    fn dir(children: Vec<(&str, Node)>) -> Node {
        Node::Dir { children: children.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), listing: None }
    }

    fn dir_owned(children: Vec<(String, Node)>) -> Node {
        Node::Dir { children, listing: None }
    }

    /// The body served for this node: the value, or the listing (sorted, directories with a
    /// trailing `/`, joined by `\n`, no final newline).
    pub fn body(&self) -> (String, LeafKind) {
        match self {
            Node::Leaf { body, kind } => (body.clone(), *kind),
            Node::Dir { listing: Some(text), .. } => (text.clone(), LeafKind::Text),
            Node::Dir { children, listing: None } => {
                let mut names: Vec<String> = children
                    .iter()
                    .map(|(name, node)| match node {
                        Node::Dir { .. } => format!("{name}/"),
                        Node::Leaf { .. } => name.clone(),
                    })
                    .collect();
                names.sort();
                (names.join("\n"), LeafKind::Text)
            }
        }
    }

    /// Walks `segments` (empty segments from doubled or trailing slashes are skipped). A JSON
    /// leaf has no children: asking for one is a miss (reference §2.1 rule 4).
    pub fn find(&self, segments: &[&str]) -> Option<&Node> {
        let mut node = self;
        for seg in segments.iter().filter(|s| !s.is_empty()) {
            match node {
                Node::Dir { children, .. } => {
                    node = children.iter().find(|(name, _)| name == seg).map(|(_, n)| n)?;
                }
                Node::Leaf { .. } => return None,
            }
        }
        Some(node)
    }
}

/// The versions `GET /` lists (reference §1, the list seen in two independent captures).
pub const VERSIONS: &[&str] = &[
    "1.0",
    "2007-01-19",
    "2007-03-01",
    "2007-08-29",
    "2007-10-10",
    "2007-12-15",
    "2008-02-01",
    "2008-09-01",
    "2009-04-04",
    "2011-01-01",
    "2011-05-01",
    "2012-01-12",
    "2014-02-25",
    "2014-11-05",
    "2015-10-20",
    "2016-04-19",
    "2016-06-30",
    "2016-09-02",
    "2018-03-28",
    "2018-08-17",
    "2018-09-24",
    "2019-10-01",
    "2020-10-27",
    "2021-01-03",
    "2021-03-23",
    "2021-07-15",
    "2022-09-24",
    "2024-04-11",
    "latest",
];

/// The whole `/latest/` tree for `facts` at `now`.
pub fn version_root(facts: &InstanceFacts, now: SimTime) -> Node {
    let mut children =
        vec![("meta-data".to_string(), meta_data(facts, now)), ("dynamic".to_string(), dynamic(facts))];
    let mut listing = vec!["dynamic", "meta-data"];
    if let Some(ud) = &facts.user_data {
        children.push(("user-data".into(), Node::Leaf { body: ud.clone(), kind: LeafKind::Octets }));
        listing.push("user-data");
    }
    // `/latest/` lists bare names without a trailing slash (reference §1, capture C12).
    Node::Dir { children, listing: Some(listing.join("\n")) }
}

fn meta_data(f: &InstanceFacts, now: SimTime) -> Node {
    let mut c: Vec<(String, Node)> = Vec::new();
    let mut add = |k: &str, n: Node| c.push((k.to_string(), n));
    add("ami-id", Node::leaf(&f.image_id));
    add("ami-launch-index", Node::leaf(f.launch_index.to_string()));
    add("ami-manifest-path", Node::leaf("(unknown)"));
    // `ami` and `root` name the root device; `ebsN` (numbered from 0, as the reference's
    // example `ebs0`=`sdb`) the other attached volumes, without `/dev/`.
    let mut mapping: Vec<(String, Node)> = vec![
        ("ami".into(), Node::leaf(&f.root_device_name)),
        ("root".into(), Node::leaf(&f.root_device_name)),
    ];
    for (i, (device, _)) in f.data_volumes.iter().enumerate() {
        mapping.push((format!("ebs{i}"), Node::leaf(device.trim_start_matches("/dev/"))));
    }
    add("block-device-mapping", Node::dir_owned(mapping));
    add(
        "events",
        Node::dir(vec![(
            "maintenance",
            Node::dir(vec![("history", Node::leaf("[]")), ("scheduled", Node::leaf("[]"))]),
        )]),
    );
    add("hostname", Node::leaf(&f.private_dns));
    if let Some(iam) = &f.iam {
        let (info, creds) = iam_documents(f, iam, now);
        add(
            "iam",
            Node::dir(vec![
                ("info", Node::leaf(info)),
                ("security-credentials", Node::dir_owned(vec![(iam.role_name.clone(), Node::leaf(creds))])),
            ]),
        );
    }
    add("identity-credentials", identity_credentials(f, now));
    add("instance-action", Node::leaf("none"));
    add("instance-id", Node::leaf(&f.instance_id));
    add("instance-life-cycle", Node::leaf(if f.spot { "spot" } else { "on-demand" }));
    add("instance-type", Node::leaf(&f.instance_type));
    if let Some(v6) = &f.ipv6 {
        add("ipv6", Node::leaf(v6));
    }
    add("local-hostname", Node::leaf(&f.private_dns));
    add("local-ipv4", Node::leaf(&f.private_ip));
    add("mac", Node::leaf(&f.mac));
    add("metrics", Node::dir(vec![("vhostmd", Node::leaf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))]));
    add("network", network(f));
    add("placement", placement(f));
    add("profile", Node::leaf("default-hvm"));
    if let Some(ip) = &f.public_ip {
        if let Some(dns) = &f.public_dns {
            add("public-hostname", Node::leaf(dns));
        }
        add("public-ipv4", Node::leaf(ip));
    }
    if let Some(key) = &f.key {
        add(
            "public-keys",
            Node::Dir {
                children: vec![("0".into(), Node::dir(vec![("openssh-key", Node::leaf(&key.public_key))]))],
                listing: Some(format!("0={}", key.name)),
            },
        );
    }
    add("reservation-id", Node::leaf(&f.reservation_id));
    let names: Vec<&str> = f.security_groups.iter().map(|(_, n)| n.as_str()).collect();
    add("security-groups", Node::leaf(names.join("\n")));
    add(
        "services",
        Node::dir(vec![("domain", Node::leaf("amazonaws.com")), ("partition", Node::leaf("aws"))]),
    );
    if let Some(action) = &f.spot_action {
        let t = zulu(action.time);
        add(
            "spot",
            Node::dir(vec![
                (
                    "instance-action",
                    Node::leaf(format!("{{\"action\": \"{}\", \"time\": \"{t}\"}}", action.action)),
                ),
                ("termination-time", Node::leaf(t.clone())),
            ]),
        );
    }
    if f.metadata.tags_enabled {
        // Only keys usable as path names can be served (reference §2: letters, digits and
        // `- _ + = , . @ :`, not `.`, `..` or `_index`); others are left out.
        let usable = |k: &str| {
            !k.is_empty()
                && !matches!(k, "." | ".." | "_index")
                && k.chars().all(|c| c.is_ascii_alphanumeric() || "-_+=,.@:".contains(c))
        };
        let tags: Vec<(String, Node)> =
            f.tags.iter().filter(|(k, _)| usable(k)).map(|(k, v)| (k.clone(), Node::leaf(v))).collect();
        add("tags", Node::dir(vec![("instance", Node::dir_owned(tags))]));
    }
    Node::dir_owned(c)
}

fn network(f: &InstanceFacts) -> Node {
    let mut m: Vec<(&str, Node)> = vec![
        ("device-number", Node::leaf("0")),
        ("interface-id", Node::leaf(&f.eni_id)),
        ("local-hostname", Node::leaf(&f.private_dns)),
        ("local-ipv4s", Node::leaf(&f.private_ip)),
        ("mac", Node::leaf(&f.mac)),
        ("network-card-index", Node::leaf("0")),
        ("owner-id", Node::leaf(&f.account_id)),
        ("security-group-ids", Node::leaf(sg_ids(f))),
        ("security-groups", Node::leaf(sg_names(f))),
        ("subnet-id", Node::leaf(&f.subnet_id)),
        ("subnet-ipv4-cidr-block", Node::leaf(&f.subnet_cidr)),
        ("vpc-id", Node::leaf(&f.vpc_id)),
        ("vpc-ipv4-cidr-block", Node::leaf(&f.vpc_cidr)),
        ("vpc-ipv4-cidr-blocks", Node::leaf(&f.vpc_cidr)),
    ];
    if let Some(ip) = &f.public_ip {
        m.push(("ipv4-associations", Node::dir_owned(vec![(ip.clone(), Node::leaf(&f.private_ip))])));
        if let Some(dns) = &f.public_dns {
            m.push(("public-hostname", Node::leaf(dns)));
        }
        m.push(("public-ipv4s", Node::leaf(ip)));
    }
    if let Some(v6) = &f.ipv6 {
        m.push(("ipv6s", Node::leaf(v6)));
    }
    Node::dir(vec![(
        "interfaces",
        Node::dir(vec![("macs", Node::dir_owned(vec![(f.mac.clone(), Node::dir(m))]))]),
    )])
}

fn sg_ids(f: &InstanceFacts) -> String {
    f.security_groups.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>().join("\n")
}

fn sg_names(f: &InstanceFacts) -> String {
    f.security_groups.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("\n")
}

fn placement(f: &InstanceFacts) -> Node {
    let mut p: Vec<(&str, Node)> = vec![
        ("availability-zone", Node::leaf(&f.availability_zone)),
        ("availability-zone-id", Node::leaf(&f.availability_zone_id)),
        ("region", Node::leaf(&f.region)),
    ];
    if let Some(g) = &f.placement_group {
        p.push(("group-name", Node::leaf(g)));
    }
    if let Some(n) = f.partition_number {
        p.push(("partition-number", Node::leaf(n.to_string())));
    }
    Node::dir(p)
}

/// The start of the current credential period: credentials rotate every hour after the
/// instance (re)started and each set is valid for six hours.
fn credential_period(f: &InstanceFacts, now: SimTime) -> SimTime {
    let since = now.0.saturating_sub(f.last_start.0) / 3_600_000;
    SimTime(f.last_start.0 + since * 3_600_000)
}

fn credentials_json(seed: &[&str], updated: SimTime) -> String {
    let h = mix::hash(seed);
    json::document(&[
        ("Code", s("Success")),
        ("LastUpdated", s(zulu(updated))),
        ("Type", s("AWS-HMAC")),
        ("AccessKeyId", s(format!("ASIA{}", mix::text(h, 16, mix::UPPER_DIGITS)))),
        ("SecretAccessKey", s(mix::text(h ^ 1, 40, mix::BASE64))),
        ("Token", s(format!("IQoJb3JpZ2luX2VjE{}", mix::text(h ^ 2, 300, mix::BASE64)))),
        ("Expiration", s(zulu(updated.plus_secs(6 * 3600)))),
    ])
}

fn iam_documents(f: &InstanceFacts, iam: &super::facts::IamFacts, now: SimTime) -> (String, String) {
    let updated = credential_period(f, now);
    let info = json::document(&[
        ("Code", s("Success")),
        ("LastUpdated", s(zulu(updated))),
        ("InstanceProfileArn", s(&iam.instance_profile_arn)),
        ("InstanceProfileId", s(&iam.instance_profile_id)),
    ]);
    let stamp = updated.0.to_string();
    let creds = credentials_json(&[&f.instance_id, &iam.role_name, &stamp], updated);
    (info, creds)
}

fn identity_credentials(f: &InstanceFacts, now: SimTime) -> Node {
    let updated = credential_period(f, now);
    let info = json::document(&[
        ("Code", s("Success")),
        ("LastUpdated", s(zulu(updated))),
        ("AccountId", s(&f.account_id)),
    ]);
    let stamp = updated.0.to_string();
    let creds = credentials_json(&[&f.instance_id, "ec2-instance", &stamp], updated);
    Node::dir(vec![(
        "ec2",
        Node::dir(vec![
            ("info", Node::leaf(info)),
            ("security-credentials", Node::dir(vec![("ec2-instance", Node::leaf(creds))])),
        ]),
    )])
}

/// `dynamic/instance-identity/document` (reference §4.3, modern key order).
pub fn identity_document(f: &InstanceFacts) -> String {
    json::document(&[
        ("accountId", s(&f.account_id)),
        ("architecture", s(&f.architecture)),
        ("availabilityZone", s(&f.availability_zone)),
        ("billingProducts", Value::Null),
        ("devpayProductCodes", Value::Null),
        ("marketplaceProductCodes", Value::Null),
        ("imageId", s(&f.image_id)),
        ("instanceId", s(&f.instance_id)),
        ("instanceType", s(&f.instance_type)),
        ("kernelId", Value::Null),
        ("pendingTime", s(zulu(f.launch_time))),
        ("privateIp", s(&f.private_ip)),
        ("ramdiskId", Value::Null),
        ("region", s(&f.region)),
        ("version", s("2017-09-30")),
    ])
}

/// Base64 text broken into 64-character lines, like the pkcs7 and signature documents.
fn signature(f: &InstanceFacts, what: &str, chars: usize) -> String {
    let text = mix::text(mix::hash(&[&f.instance_id, what]), chars, mix::BASE64);
    let lines: Vec<&str> =
        text.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
    lines.join("\n")
}

fn dynamic(f: &InstanceFacts) -> Node {
    let identity = Node::Dir {
        children: vec![
            ("document".into(), Node::leaf(identity_document(f))),
            ("pkcs7".into(), Node::leaf(signature(f, "pkcs7", 1088))),
            ("rsa2048".into(), Node::leaf(signature(f, "rsa2048", 1536))),
            ("signature".into(), Node::leaf(signature(f, "signature", 172))),
            ("dsa2048".into(), Node::leaf(signature(f, "dsa2048", 1088))),
        ],
        // The documented order, which is not alphabetical (reference §3).
        listing: Some("rsa2048\npkcs7\ndocument\nsignature\ndsa2048".into()),
    };
    let monitoring = if f.monitoring { "enabled" } else { "disabled" };
    Node::dir(vec![
        ("fws", Node::dir(vec![("instance-monitoring", Node::leaf(monitoring))])),
        ("instance-identity", identity),
    ])
}
