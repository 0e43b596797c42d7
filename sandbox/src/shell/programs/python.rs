//! `python3 SCRIPT` / `python3 -c CODE` for the one Python story the seeds tell: a boto3 EC2
//! client, a call such as `describe_instances(InstanceIds=[…])`, and `print`. The client's
//! region is `region_name=` or the environment's default; an id from another region raises
//! botocore's `ClientError` with the traceback Python prints (seed 000's region mismatch).
//! Anything else says plainly that only this subset runs.

use serde_json::Value;

use super::Ctx;
use crate::cli::{self, CliEnv};
use crate::ec2::World;
use crate::imds::OsFamily;
use crate::output::CommandOutput;
use crate::shell::host::Host;
use crate::time::SimTime;

const UNSUPPORTED: &str = "this sandbox's python3 runs small boto3 EC2 scripts only: `import boto3`, `ec2 = boto3.client(\"ec2\", region_name=\"…\")`, `response = ec2.describe_instances(InstanceIds=[\"i-…\"])` and `print(response[\"Reservations\"][0]…)`";

/// One call the interpreter wants made: `aws ec2 <op> <args…> --region R --output json`.
pub trait Ec2Caller {
    fn call(&mut self, argv: &[String]) -> CommandOutput;
}

/// A logical statement, the line it starts on, and that line as written (for tracebacks).
fn statements(source: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut first_line = String::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    for (i, line) in source.lines().enumerate() {
        let code = line.split('#').next().unwrap_or("");
        if current.is_empty() {
            if code.trim().is_empty() {
                continue;
            }
            start = i + 1;
            first_line = code.trim().to_string();
        }
        current.push_str(code.trim());
        current.push(' ');
        depth += code.matches(['(', '[', '{']).count() as i32 - code.matches([')', ']', '}']).count() as i32;
        if depth <= 0 {
            for part in split_top(current.trim(), ';') {
                let shown = if part.len() < current.trim().len() { part.clone() } else { first_line.clone() };
                out.push((start, part, shown));
            }
            current.clear();
            depth = 0;
        }
    }
    if !current.trim().is_empty() {
        out.push((start, current.trim().to_string(), first_line));
    }
    out
}

/// `describe_instances` → `describe-instances`; `InstanceIds` → `--instance-ids`.
fn kebab(name: &str, camel: bool) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if camel && c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '_' {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}

/// A Python string literal's value (single or double quotes).
fn string_literal(s: &str) -> Option<String> {
    let s = s.trim();
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    s.strip_prefix(q)?.strip_suffix(q).map(str::to_string)
}

/// Splits `a=1, b=[2, 3]` at top-level commas.
fn split_args(s: &str) -> Vec<String> {
    split_top(s, ',')
}

/// Splits at `sep` outside quotes and brackets.
fn split_top(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut cur = String::new();
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, '(' | '[' | '{') => {
                depth += 1;
                cur.push(c);
            }
            (None, ')' | ']' | '}') => {
                depth -= 1;
                cur.push(c);
            }
            (None, c) if c == sep && depth == 0 => parts.push(std::mem::take(&mut cur)),
            (None, c) => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        parts.push(cur);
    }
    parts.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// Python's repr of a JSON value (dicts and lists as Python prints them).
fn repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(a) => format!("[{}]", a.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => {
            format!(
                "{{{}}}",
                o.iter().map(|(k, v)| format!("'{k}': {}", repr(v))).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

/// `name["a"][0]["b"]` against the variables.
fn lookup(expr: &str, vars: &[(String, Value)]) -> Result<Value, String> {
    let expr = expr.trim();
    if let Some(s) = string_literal(expr) {
        return Ok(Value::String(s));
    }
    let name_end = expr.find('[').unwrap_or(expr.len());
    let name = &expr[..name_end];
    let mut value = vars
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .ok_or_else(|| format!("NameError: name '{name}' is not defined"))?;
    let mut rest = &expr[name_end..];
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']').ok_or("SyntaxError: '[' was never closed")?;
        let key = &inner[..close];
        value = if let Some(k) = string_literal(key) {
            value.get(&k).cloned().ok_or_else(|| format!("KeyError: '{k}'"))?
        } else {
            let idx: usize =
                key.trim().parse().map_err(|_| format!("SyntaxError: invalid subscript {key}"))?;
            value.get(idx).cloned().ok_or("IndexError: list index out of range")?
        };
        rest = &inner[close + 1..];
    }
    if !rest.trim().is_empty() {
        return Err(format!("SyntaxError: {UNSUPPORTED}"));
    }
    Ok(value)
}

/// Runs `source` (from `file`) with `default_region` as the environment's region.
pub fn run(source: &str, file: &str, default_region: &str, aws: &mut dyn Ec2Caller) -> CommandOutput {
    let mut out = CommandOutput::default();
    let mut clients: Vec<(String, String)> = Vec::new();
    let mut vars: Vec<(String, Value)> = Vec::new();
    let mut boto3 = false;
    for (line_no, stmt, shown) in statements(source) {
        if stmt.starts_with("import ") || stmt.starts_with("from ") {
            boto3 |= stmt.contains("boto3");
            continue;
        }
        if let Some(arg) = stmt.strip_prefix("print(").and_then(|s| s.strip_suffix(')')) {
            match lookup(arg, &vars) {
                Ok(Value::String(s)) => out.stdout.push_str(&format!("{s}\n")),
                Ok(v) => out.stdout.push_str(&format!("{}\n", repr(&v))),
                Err(e) => return traceback(out, file, line_no, &shown, &e),
            }
            continue;
        }
        let (target, expr) = match stmt.split_once('=') {
            Some((t, e))
                if t.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !e.starts_with('=') =>
            {
                (Some(t.trim().to_string()), e.trim().to_string())
            }
            _ => (None, stmt.clone()),
        };
        if let Some(args) = expr.strip_prefix("boto3.client(").and_then(|s| s.strip_suffix(')')) {
            if !boto3 {
                return traceback(out, file, line_no, &shown, "NameError: name 'boto3' is not defined");
            }
            let parts = split_args(args);
            let service = parts.first().and_then(|p| string_literal(p)).unwrap_or_default();
            if service != "ec2" {
                return CommandOutput::fail(format!("python3: {UNSUPPORTED}\n"), 1);
            }
            let region = parts
                .iter()
                .find_map(|p| p.strip_prefix("region_name=").and_then(string_literal))
                .unwrap_or_else(|| default_region.to_string());
            clients.push((target.unwrap_or_default(), region));
            continue;
        }
        let call = expr.split_once('.').and_then(|(obj, rest)| {
            let (method, args) = rest.split_once('(')?;
            Some((obj.trim(), method.trim(), args.strip_suffix(')')?))
        });
        let Some((obj, method, args)) = call else {
            return CommandOutput::fail(format!("python3: {UNSUPPORTED}\n"), 1);
        };
        let Some(region) = clients.iter().rev().find(|(n, _)| n == obj).map(|(_, r)| r.clone()) else {
            return traceback(out, file, line_no, &shown, &format!("NameError: name '{obj}' is not defined"));
        };
        let mut argv = vec!["ec2".to_string(), kebab(method, false)];
        for kw in split_args(args) {
            let Some((key, value)) = kw.split_once('=') else {
                return traceback(out, file, line_no, &shown, "TypeError: only accepts keyword arguments.");
            };
            argv.push(format!("--{}", kebab(key.trim(), true)));
            let value = value.trim();
            if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                for item in split_args(list) {
                    argv.push(string_literal(&item).unwrap_or(item));
                }
            } else if let Some(s) = string_literal(value) {
                argv.push(s);
            } else {
                argv.push(value.to_string());
            }
        }
        argv.extend(["--region".to_string(), region, "--output".to_string(), "json".to_string()]);
        let result = aws.call(&argv);
        if result.exit_code != 0 {
            let message = result.stderr.trim().to_string();
            let exception = if message.starts_with("botocore.") {
                message.clone()
            } else if message.starts_with("An error occurred") {
                format!("botocore.exceptions.ClientError: {message}")
            } else {
                format!("botocore.exceptions.ParamValidationError: Parameter validation failed:\n{message}")
            };
            return traceback(out, file, line_no, &shown, &exception);
        }
        let value: Value = serde_json::from_str(&result.stdout).unwrap_or(Value::Null);
        if let Some(t) = target {
            vars.push((t, value));
        }
    }
    out
}

fn traceback(mut out: CommandOutput, file: &str, line: usize, shown: &str, error: &str) -> CommandOutput {
    let api = error.starts_with("botocore");
    out.stderr.push_str(&format!(
        "Traceback (most recent call last):\n  File \"{file}\", line {line}, in <module>\n    {shown}\n"
    ));
    // Python 3.12 underlines the expression on the failing line.
    if let Some((lhs, rhs)) = shown.split_once(" = ") {
        out.stderr.push_str(&format!(
            "    {}{}\n",
            " ".repeat(lhs.len() + 3),
            "^".repeat(rhs.trim_end().len())
        ));
    }
    if api {
        out.stderr.push_str("  File \"/usr/lib/python3/dist-packages/botocore/client.py\", line 569, in _api_call\n    return self._make_api_call(operation_name, kwargs)\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File \"/usr/lib/python3/dist-packages/botocore/client.py\", line 1023, in _make_api_call\n    raise error_class(parsed_response, operation_name)\n");
    }
    out.stderr.push_str(&format!("{error}\n"));
    out.exit_code = 1;
    out
}

/// The session side: reading the script, the region, boto3's presence and credentials.
impl Ctx<'_> {
    /// `python3 FILE` / `python3 -c CODE`: the boto3 subset of [`python`].
    pub(super) fn python(&mut self, host: &Host, args: &[String], now: SimTime) -> CommandOutput {
        let here = self.here_facts().cloned();
        let version =
            if here.as_ref().is_some_and(|f| f.os != OsFamily::Ubuntu) { "3.9.20" } else { "3.12.3" };
        let (source, file) = match args.first().map(String::as_str) {
            Some("--version" | "-V") => return CommandOutput::ok(format!("Python {version}\n")),
            Some("-c") => match args.get(1) {
                Some(code) => (code.clone(), "<string>".to_string()),
                None => return CommandOutput::fail("Argument expected for the -c option\n", 2),
            },
            Some(path) => {
                let abs = host.path(path);
                match host.fs.read(&abs, &host.user) {
                    Ok(text) => (text.to_string(), abs),
                    Err(e) => {
                        let errno = if e == crate::shell::vfs::FsError::NotFound { 2 } else { 13 };
                        return CommandOutput::fail(
                            format!("python3: can't open file '{abs}': [Errno {errno}] {e}\n"),
                            2,
                        );
                    }
                }
            }
            None => {
                return CommandOutput::fail(
                    format!(
                        "Python {version}: the interactive interpreter does not run in this terminal; save a script and run python3 FILE\n"
                    ),
                    1,
                );
            }
        };
        let region = host
            .vars
            .get("AWS_DEFAULT_REGION")
            .or_else(|| host.vars.get("AWS_REGION"))
            .cloned()
            .or_else(|| here.as_ref().map(|f| f.region.clone()))
            .unwrap_or_else(|| self.laptop_region.clone());
        if let Some(f) = &here {
            let has_boto3 = self
                .machines
                .get(&f.instance_id)
                .is_some_and(|m| m.packages.contains("boto3") || m.packages.contains("python3-boto3"));
            if source.contains("boto3") && !has_boto3 {
                return CommandOutput::fail(
                    format!(
                        "Traceback (most recent call last):\n  File \"{file}\", line 1, in <module>\n    import boto3\nModuleNotFoundError: No module named 'boto3'\n"
                    ),
                    1,
                );
            }
            if f.iam.is_none() || !f.metadata.endpoint_enabled {
                let mut denied = DeniedCaller;
                return run(&source, &file, &region, &mut denied);
            }
        }
        let mut caller = WorldCaller { world: self.world, now };
        run(&source, &file, &region, &mut caller)
    }

    /// `pip3 install boto3` (the one module scripts here need).
    pub(super) fn pip(&mut self, args: &[String]) -> CommandOutput {
        let wanted: Vec<&String> = args.iter().skip(1).filter(|a| !a.starts_with('-')).collect();
        if args.first().map(String::as_str) != Some("install") || wanted.is_empty() {
            return CommandOutput::fail("\nUsage:   \n  pip3 <command> [options]\n", 1);
        }
        if let Some(id) = self.here.clone() {
            let Some(m) = self.machines.get_mut(&id) else { return CommandOutput::default() };
            if !m.packages.contains("python3-pip") {
                return CommandOutput::fail("bash: pip3: command not found\n", 127);
            }
            if wanted.iter().any(|w| *w != "boto3") {
                return CommandOutput::fail(
                    format!(
                        "ERROR: Could not find a version that satisfies the requirement {} (from versions: none)\nERROR: No matching distribution found for {}\n",
                        wanted[0], wanted[0]
                    ),
                    1,
                );
            }
            m.packages.insert("boto3".into());
        }
        CommandOutput::ok(
            "Collecting boto3\n  Downloading boto3-1.35.90-py3-none-any.whl (139 kB)\nCollecting botocore<1.36.0,>=1.35.90\n  Downloading botocore-1.35.90-py3-none-any.whl (13.3 MB)\nInstalling collected packages: jmespath, botocore, s3transfer, boto3\nSuccessfully installed boto3-1.35.90 botocore-1.35.90 jmespath-1.0.1 s3transfer-0.10.4\n",
        )
    }
}

/// boto3 calls from the laptop or from an instance with a role: the EC2 API of the world.
struct WorldCaller<'w> {
    world: &'w mut World,
    now: SimTime,
}

impl Ec2Caller for WorldCaller<'_> {
    fn call(&mut self, argv: &[String]) -> CommandOutput {
        let env = CliEnv { default_region: String::new() };
        cli::run(self.world, argv, &env, self.now)
    }
}

/// boto3 on an instance without credentials.
struct DeniedCaller;

impl Ec2Caller for DeniedCaller {
    fn call(&mut self, _argv: &[String]) -> CommandOutput {
        CommandOutput::fail("botocore.exceptions.NoCredentialsError: Unable to locate credentials", 255)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl Ec2Caller for Fake {
        fn call(&mut self, argv: &[String]) -> CommandOutput {
            if argv.iter().any(|a| a == "eu-north-1") {
                CommandOutput::ok(
                    "{\"Reservations\": [{\"Instances\": [{\"State\": {\"Name\": \"running\"}}]}]}",
                )
            } else {
                CommandOutput::fail(
                    "\nAn error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID 'i-1' does not exist\n",
                    254,
                )
            }
        }
    }

    #[test]
    fn runs_the_seed_script() {
        let script = "import boto3\n\nec2 = boto3.client(\"ec2\", region_name=\"eu-north-1\")\n\nresponse = ec2.describe_instances(\n    InstanceIds=[\"i-1\"]\n)\nprint(response[\"Reservations\"][0][\"Instances\"][0][\"State\"][\"Name\"])\n";
        let out = run(script, "check.py", "us-east-1", &mut Fake);
        assert_eq!(out.stdout, "running\n");
        let wrong = script.replace(", region_name=\"eu-north-1\"", "");
        let out = run(&wrong, "check.py", "us-east-1", &mut Fake);
        assert_eq!(out.exit_code, 1);
        assert!(out.stderr.ends_with("botocore.exceptions.ClientError: An error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID 'i-1' does not exist\n"));
        assert!(out.stderr.contains("line 5, in <module>"));
    }
}
