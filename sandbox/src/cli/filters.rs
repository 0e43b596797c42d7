//! `--filters Name=…,Values=…`: AWS's wildcard matching over named resource fields.

use serde_json::Value;

use super::args::scalar_string;
use crate::ec2::tags::Tag;
use crate::ec2::{Ec2Error, ErrorKind};

/// One parsed filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

/// Reads the `--filters` value.
pub fn parse(v: Option<&Value>) -> Result<Vec<Filter>, Ec2Error> {
    let Some(Value::Array(items)) = v else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for item in items {
        let name = item.get("Name").map(scalar_string).unwrap_or_default();
        let values = match item.get("Values") {
            Some(Value::Array(a)) => a.iter().map(scalar_string).collect(),
            Some(v) => vec![scalar_string(v)],
            None => Vec::new(),
        };
        if name.is_empty() {
            return Err(Ec2Error::new(
                ErrorKind::InvalidParameter,
                "InvalidParameterValue",
                "",
                "The filter 'null' is invalid",
            ));
        }
        out.push(Filter { name, values });
    }
    Ok(out)
}

/// Glob match with `*` and `?`.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Tag filters shared by every resource: `tag:Key`, `tag-key`, `tag-value`.
pub fn tag_field(tags: &[Tag], name: &str) -> Option<Vec<String>> {
    if let Some(key) = name.strip_prefix("tag:") {
        return Some(tags.iter().filter(|t| t.key == key).map(|t| t.value.clone()).collect());
    }
    match name {
        "tag-key" => Some(tags.iter().map(|t| t.key.clone()).collect()),
        "tag-value" => Some(tags.iter().map(|t| t.value.clone()).collect()),
        _ => None,
    }
}

/// Every filter name some describe call understands; used to reject typos when there is no
/// item to ask (an empty result still fails on an unknown filter, as AWS does).
const KNOWN: &[&str] = &[
    "allocation-id",
    "architecture",
    "association-id",
    "attachment.delete-on-termination",
    "attachment.device",
    "attachment.instance-id",
    "attachment.status",
    "availability-zone",
    "burstable-performance-supported",
    "cidr",
    "cidr-block",
    "default-for-az",
    "description",
    "dns-name",
    "domain",
    "fingerprint",
    "free-tier-eligible",
    "group-id",
    "group-name",
    "iam-instance-profile.arn",
    "image-id",
    "instance-id",
    "instance-lifecycle",
    "instance-state-code",
    "instance-state-name",
    "instance-type",
    "instance.group-id",
    "instance.group-name",
    "ip-address",
    "ip-permission.cidr",
    "ip-permission.from-port",
    "ip-permission.to-port",
    "is-default",
    "is-public",
    "key",
    "key-name",
    "key-pair-id",
    "key-type",
    "memory-info.size-in-mib",
    "metadata-options.http-endpoint",
    "metadata-options.http-tokens",
    "monitoring-state",
    "name",
    "owner-alias",
    "owner-id",
    "placement-group-name",
    "platform",
    "platform-details",
    "private-dns-name",
    "private-ip-address",
    "processor-info.supported-architecture",
    "public-ip",
    "reservation-id",
    "resource-id",
    "resource-type",
    "root-device-type",
    "security-group-rule-id",
    "size",
    "snapshot-id",
    "spot-instance-request-id",
    "state",
    "state-reason-code",
    "status",
    "subnet-id",
    "value",
    "vcpu-info.default-vcpus",
    "virtualization-type",
    "volume-id",
    "volume-type",
    "vpc-id",
];

fn invalid(name: &str) -> Ec2Error {
    Ec2Error::new(
        ErrorKind::InvalidParameter,
        "InvalidParameterValue",
        name,
        format!("The filter '{name}' is invalid"),
    )
}

/// Keeps the items matching every filter; `field` gives an item's values for a filter name
/// (`None` when the name is not a known filter).
pub fn apply<T>(
    items: Vec<T>,
    filters: &[Filter],
    field: impl Fn(&T, &str) -> Option<Vec<String>>,
) -> Result<Vec<T>, Ec2Error> {
    if filters.is_empty() {
        return Ok(items);
    }
    for f in filters {
        let known = match items.first() {
            Some(first) => field(first, &f.name).is_some(),
            None => {
                KNOWN.contains(&f.name.as_str())
                    || f.name.starts_with("tag:")
                    || f.name == "tag-key"
                    || f.name == "tag-value"
            }
        };
        if !known {
            return Err(invalid(&f.name));
        }
    }
    Ok(items
        .into_iter()
        .filter(|item| {
            filters.iter().all(|f| {
                field(item, &f.name)
                    .is_some_and(|vals| vals.iter().any(|v| f.values.iter().any(|p| glob(p, v))))
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("run*", "running"));
        assert!(glob("*", ""));
        assert!(glob("us-east-1?", "us-east-1a"));
        assert!(!glob("stopped", "running"));
    }
}
