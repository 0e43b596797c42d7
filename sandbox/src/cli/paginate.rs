//! The CLI's own pagination options (`--max-items`, `--starting-token`, `--page-size`) for
//! operations botocore can paginate. The sandbox answers in one page; the CLI-side truncation
//! and its opaque `NextToken` work as the real CLI's do.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::Value;

use super::error::CliError;

/// The list a paginated operation's results are counted in.
pub fn result_key(operation: &str) -> Option<&'static str> {
    Some(match operation {
        "describe-instances" => "Reservations",
        "describe-images" => "Images",
        "describe-volumes" => "Volumes",
        "describe-volumes-modifications" => "VolumesModifications",
        "describe-snapshots" => "Snapshots",
        "describe-security-groups" => "SecurityGroups",
        "describe-security-group-rules" => "SecurityGroupRules",
        "describe-tags" => "Tags",
        "describe-instance-status" => "InstanceStatuses",
        "describe-instance-types" => "InstanceTypes",
        "describe-spot-instance-requests" => "SpotInstanceRequests",
        "describe-launch-templates" => "LaunchTemplates",
        "describe-launch-template-versions" => "LaunchTemplateVersions",
        "describe-iam-instance-profile-associations" => "IamInstanceProfileAssociations",
        "describe-vpcs" => "Vpcs",
        "describe-subnets" => "Subnets",
        _ => return None,
    })
}

/// `--max-items` and `--starting-token` as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paging {
    pub max_items: Option<usize>,
    pub start: usize,
}

/// Takes the pagination options out of `words` (only for paginated operations).
pub fn split(words: &[String]) -> Result<(Paging, Vec<String>), CliError> {
    let mut paging = Paging::default();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let (name, inline) = match w.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (w.as_str(), None),
        };
        if !matches!(name, "--max-items" | "--starting-token" | "--page-size") {
            rest.push(w.clone());
            i += 1;
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                words
                    .get(i)
                    .cloned()
                    .ok_or_else(|| CliError::usage(format!("argument {name}: expected one argument")))?
            }
        };
        i += 1;
        match name {
            "--max-items" | "--page-size" => {
                let n: usize = value
                    .parse()
                    .map_err(|_| CliError::usage(format!("argument {name}: invalid int value: '{value}'")))?;
                if name == "--max-items" {
                    paging.max_items = Some(n);
                }
            }
            _ => paging.start = decode(&value)?,
        }
    }
    Ok((paging, rest))
}

fn decode(token: &str) -> Result<usize, CliError> {
    let bad = || CliError::param("--starting-token", format!("Invalid token: {token}"));
    let raw = B64.decode(token.as_bytes()).map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&raw).map_err(|_| bad())?;
    v.get("boto_truncate_amount").and_then(Value::as_u64).map(|n| n as usize).ok_or_else(bad)
}

/// The token botocore gives for "resume after `n` items".
pub fn encode(n: usize) -> String {
    B64.encode(format!("{{\"boto_truncate_amount\": {n}}}"))
}

/// Applies `paging` to the response list under `key`, adding `NextToken` when items remain.
pub fn apply(value: &mut Value, key: &str, paging: &Paging) {
    if paging.max_items.is_none() && paging.start == 0 {
        return;
    }
    let Some(Value::Array(items)) = value.get_mut(key) else { return };
    let total = items.len();
    let start = paging.start.min(total);
    let end = paging.max_items.map_or(total, |m| (start + m).min(total));
    let kept: Vec<Value> = items.drain(start..end).collect();
    *items = kept;
    if end < total
        && let Some(obj) = value.as_object_mut()
    {
        obj.insert("NextToken".to_string(), Value::String(encode(end)));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn truncates_and_resumes() {
        let words: Vec<String> = ["--max-items", "1"].map(String::from).to_vec();
        let (paging, rest) = super::split(&words).unwrap();
        assert!(rest.is_empty());
        let mut v = json!({"Vpcs": [1, 2, 3]});
        super::apply(&mut v, "Vpcs", &paging);
        assert_eq!(v, json!({"Vpcs": [1], "NextToken": "eyJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9"}));
        let words: Vec<String> =
            ["--starting-token", "eyJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9"].map(String::from).to_vec();
        let (paging, _) = super::split(&words).unwrap();
        let mut v = json!({"Vpcs": [1, 2, 3]});
        super::apply(&mut v, "Vpcs", &paging);
        assert_eq!(v, json!({"Vpcs": [2, 3]}));
        assert!(super::split(&["--starting-token".to_string(), "zzz".to_string()]).is_err());
    }
}
