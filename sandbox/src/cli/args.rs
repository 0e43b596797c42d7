//! Turns the words after `aws ec2 <operation>` into typed parameter values, driven by the
//! operation's parameter table.

use indexmap::IndexMap;
use serde_json::Value;

use super::error::CliError;
use super::shorthand;
use super::spec::{Kind, OpSpec};

/// Parsed parameters of one call, by option name (without the leading dashes).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args {
    values: IndexMap<&'static str, Value>,
}

impl Args {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(Value::as_str)
    }

    pub fn strs(&self, name: &str) -> Vec<String> {
        match self.values.get(name) {
            Some(Value::Array(a)) => a.iter().map(scalar_string).collect(),
            Some(v) => vec![scalar_string(v)],
            None => Vec::new(),
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.values.get(name).and_then(Value::as_i64)
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        self.values.get(name).and_then(Value::as_bool)
    }
}

/// A JSON scalar as the string the API would receive.
pub fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn parse_structure(param: &str, text: &str) -> Result<Value, CliError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return serde_json::from_str(text)
            .map_err(|e| CliError::param(param, format!("Invalid JSON: {e}\nJSON received: {text}")));
    }
    shorthand::parse(text).map_err(|e| {
        let caret = " ".repeat(e.position);
        CliError::param(
            param,
            format!("Expected: '{}', received: '{}' for input:\n{text}\n{caret}^", e.expected, e.received),
        )
    })
}

/// Reads `file://path` values through `read_file`; other values pass through.
fn resolve_file(
    param: &str,
    value: &str,
    read_file: &dyn Fn(&str) -> Option<String>,
) -> Result<String, CliError> {
    match value.strip_prefix("file://").or_else(|| value.strip_prefix("fileb://")) {
        Some(path) => read_file(path).ok_or_else(|| {
            CliError::param(
                param,
                format!("Unable to load paramfile {value}: [Errno 2] No such file or directory: '{path}'"),
            )
        }),
        None => Ok(value.to_string()),
    }
}

/// Parses `words` against `spec`; global options have been removed already.
pub fn parse(
    spec: &OpSpec,
    words: &[String],
    read_file: &dyn Fn(&str) -> Option<String>,
) -> Result<Args, CliError> {
    let mut args = Args::default();
    let mut unknown = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        i += 1;
        let (name, inline) = match word.strip_prefix("--") {
            Some(rest) => match rest.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (rest, None),
            },
            None => {
                unknown.push(word.clone());
                continue;
            }
        };
        let negated = name.strip_prefix("no-");
        let found = spec.params.iter().find(|p| p.name == name).map(|p| (p, true)).or_else(|| {
            negated
                .and_then(|n| spec.params.iter().find(|p| p.name == n && p.kind == Kind::Bool))
                .map(|p| (p, false))
        });
        let Some((p, positive)) = found else {
            unknown.push(word.clone());
            continue;
        };
        let option = format!("--{}", p.name);
        let mut take_values = |multi: bool| -> Vec<String> {
            if let Some(v) = inline.clone() {
                return vec![v];
            }
            let mut out = Vec::new();
            while i < words.len() && !(words[i].starts_with("--") && words[i].len() > 2) {
                out.push(words[i].clone());
                i += 1;
                if !multi {
                    break;
                }
            }
            out
        };
        let value = match p.kind {
            Kind::Bool => Value::Bool(positive),
            Kind::Str | Kind::Blob => {
                let v = take_values(false);
                let Some(v) = v.into_iter().next() else {
                    return Err(CliError::usage(format!("argument {option}: expected one argument")));
                };
                let v = if p.kind == Kind::Blob
                    || p.name.ends_with("material")
                    || p.name == "launch-template-data"
                {
                    resolve_file(&option, &v, read_file)?
                } else {
                    v
                };
                Value::String(v)
            }
            Kind::Int => {
                let v = take_values(false);
                let Some(v) = v.into_iter().next() else {
                    return Err(CliError::usage(format!("argument {option}: expected one argument")));
                };
                match v.trim().parse::<i64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => {
                        return Err(CliError::param(
                            &option,
                            format!("invalid literal for int() with base 10: '{v}'"),
                        ));
                    }
                }
            }
            Kind::List => {
                let v = take_values(true);
                if v.is_empty() {
                    return Err(CliError::usage(format!(
                        "argument {option}: expected at least one argument"
                    )));
                }
                if v.len() == 1 && v[0].trim_start().starts_with('[') {
                    parse_structure(&option, &v[0])?
                } else {
                    Value::Array(v.into_iter().map(Value::String).collect())
                }
            }
            Kind::Struct => {
                let v = take_values(false);
                let Some(v) = v.into_iter().next() else {
                    return Err(CliError::usage(format!("argument {option}: expected one argument")));
                };
                let v = resolve_file(&option, &v, read_file)?;
                parse_structure(&option, &v)?
            }
            Kind::StructList => {
                let v = take_values(true);
                if v.is_empty() {
                    return Err(CliError::usage(format!(
                        "argument {option}: expected at least one argument"
                    )));
                }
                let mut items = Vec::new();
                for word in v {
                    let word = resolve_file(&option, &word, read_file)?;
                    match parse_structure(&option, &word)? {
                        Value::Array(a) => items.extend(a),
                        other => items.push(other),
                    }
                }
                Value::Array(items)
            }
        };
        if matches!(p.kind, Kind::Struct | Kind::StructList) {
            super::validate::validate(p.name, &value)?;
        }
        args.values.insert(p.name, value);
    }
    if !unknown.is_empty() {
        return Err(CliError::usage(format!("Unknown options: {}", unknown.join(", "))));
    }
    let missing: Vec<String> = spec
        .params
        .iter()
        .filter(|p| p.required && !args.has(p.name))
        .map(|p| format!("--{}", p.name))
        .collect();
    if !missing.is_empty() {
        return Err(CliError::usage(format!("the following arguments are required: {}", missing.join(", "))));
    }
    Ok(args)
}
