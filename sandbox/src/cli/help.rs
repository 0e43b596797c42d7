//! `help` pages, "maybe you meant" suggestions and tab completion, all read from the table.

use super::spec::{GLOBAL_OPTIONS, Kind, OpSpec, operation, operations};

/// Every operation with its options, for tab completion (`("run-instances", ["--image-id", …])`).
pub fn completions() -> Vec<(&'static str, Vec<String>)> {
    operations()
        .into_iter()
        .map(|o| (o.name, o.params.iter().map(|p| format!("--{}", p.name)).collect()))
        .collect()
}

/// Candidates for the last word of `words` (the words after `aws`).
pub fn complete(words: &[&str]) -> Vec<String> {
    let last = words.last().copied().unwrap_or("");
    match words.len() {
        0 | 1 => ["ec2", "help"].iter().filter(|c| c.starts_with(last)).map(|c| c.to_string()).collect(),
        2 => operations()
            .into_iter()
            .map(|o| o.name)
            .chain(std::iter::once("wait"))
            .filter(|o| o.starts_with(last))
            .map(str::to_string)
            .collect(),
        3 if words[1] == "wait" => {
            super::wait::names().filter(|n| n.starts_with(last)).map(str::to_string).collect()
        }
        _ => {
            let Some(op) = operation(words[1]) else {
                return Vec::new();
            };
            if !last.starts_with("--") {
                return Vec::new();
            }
            let paging: &[&str] = if super::paginate::result_key(op.name).is_some() {
                &["--max-items", "--starting-token", "--page-size"]
            } else {
                &[]
            };
            op.params
                .iter()
                .map(|p| format!("--{}", p.name))
                .chain(paging.iter().map(|p| p.to_string()))
                .chain(GLOBAL_OPTIONS.iter().map(|g| g.to_string()))
                .filter(|o| o.starts_with(last) && !words[..words.len() - 1].contains(&o.as_str()))
                .collect()
        }
    }
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The message for an unknown operation, with close matches.
pub fn invalid_operation(name: &str) -> String {
    let mut close: Vec<(usize, &str)> =
        operations().into_iter().map(|o| (distance(name, o.name), o.name)).filter(|(d, _)| *d <= 3).collect();
    close.sort();
    if close.is_empty() {
        return format!(
            "argument operation: Invalid choice, valid choices are:\n\n{}\n\nInvalid choice: '{name}'",
            operations().into_iter().map(|o| o.name).collect::<Vec<_>>().join("\n")
        );
    }
    let list: String = close.iter().take(3).map(|(_, n)| format!("  * {n}\n")).collect();
    format!(
        "argument operation: Found invalid choice '{name}'\n\nInvalid choice: '{name}', maybe you meant:\n\n{}",
        list.trim_end()
    )
}

pub fn top_help() -> String {
    "AWS()\n\nNAME\n       aws -\n\nDESCRIPTION\n       The AWS Command Line Interface (simulated by EC2 Lab). Available here: ec2,\n       iam (roles and instance profiles) and sts get-caller-identity.\n\nSYNOPSIS\n          aws [options] <command> <subcommand> [parameters]\n\nAVAILABLE SERVICES\n       o ec2\n       o iam\n       o sts\n\nGLOBAL OPTIONS\n       --region, --output (json | text | table), --query, --no-cli-pager\n".to_string()
}

pub fn iam_help() -> String {
    let mut s = String::from("IAM()\n\nNAME\n       iam -\n\nAVAILABLE COMMANDS\n");
    for o in super::iam::OPS {
        s.push_str(&format!("       o {:<44} {}\n", o.name, o.summary));
    }
    s
}

pub fn service_help() -> String {
    let mut s = String::from("EC2()\n\nNAME\n       ec2 -\n\nAVAILABLE COMMANDS\n");
    s.push_str(&format!(
        "       o {:<44} {}\n",
        "wait", "Waits until a resource reaches a state (see aws ec2 wait help)."
    ));
    for o in operations() {
        s.push_str(&format!("       o {:<44} {}\n", o.name, o.summary));
    }
    s
}

fn kind_doc(k: Kind) -> &'static str {
    match k {
        Kind::Str => "(string)",
        Kind::Int => "(integer)",
        Kind::Bool => "(boolean)",
        Kind::List => "(list)",
        Kind::Struct => "(structure: shorthand or JSON)",
        Kind::StructList => "(list of structures: shorthand or JSON)",
        Kind::Blob => "(string, or file://path)",
    }
}

pub fn operation_help(op: &OpSpec) -> String {
    let mut s = format!(
        "{}()\n\nNAME\n       {} -\n\nDESCRIPTION\n       {}\n\nSYNOPSIS\n            {}\n",
        op.name.to_uppercase(),
        op.name,
        op.summary,
        op.name
    );
    for p in op.params {
        let flag = if p.kind == Kind::Bool {
            format!("--{} | --no-{}", p.name, p.name)
        } else {
            format!("--{} <value>", p.name)
        };
        if p.required {
            s.push_str(&format!("          {flag}\n"));
        } else {
            s.push_str(&format!("          [{flag}]\n"));
        }
    }
    s.push_str("\nOPTIONS\n");
    for p in op.params {
        s.push_str(&format!(
            "       --{} {}{}\n",
            p.name,
            kind_doc(p.kind),
            if p.required { " [required]" } else { "" }
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{complete, completions};

    #[test]
    fn completes_operations_waiters_and_options() {
        assert!(complete(&["ec2", "describe-inst"]).contains(&"describe-instances".to_string()));
        assert!(complete(&["ec2", "wa"]).contains(&"wait".to_string()));
        assert_eq!(complete(&["ec2", "wait", "instance-r"]), vec!["instance-running".to_string()]);
        let opts = complete(&["ec2", "run-instances", "--image-id", "ami-1", "--ima"]);
        assert!(opts.is_empty(), "already given: {opts:?}");
        assert!(complete(&["ec2", "run-instances", "--tag"]).contains(&"--tag-specifications".to_string()));
        assert!(
            completions()
                .iter()
                .any(|(op, opts)| *op == "stop-instances" && opts.contains(&"--hibernate".to_string()))
        );
    }
}
