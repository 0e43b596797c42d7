//! Output: `--query` (JMESPath) and the `json`, `text` and `table` formats of the AWS CLI.

use serde::Serialize;
use serde_json::{Map, Value};

use super::error::CliError;

/// Rewrites legacy JMESPath literals that are not JSON (`` `Name` ``) into JSON strings, as
/// the Python implementation the AWS CLI uses still accepts them.
fn legacy_literals(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len() + 8);
    let mut rest = expr;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '`' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let Some(end) = end else {
            out.push_str(&rest[start..]);
            return out;
        };
        let body = &after[..end];
        let unescaped = body.replace("\\`", "`");
        if serde_json::from_str::<Value>(&unescaped).is_ok() {
            out.push('`');
            out.push_str(body);
            out.push('`');
        } else {
            let quoted = serde_json::to_string(unescaped.trim()).unwrap_or_default();
            out.push('`');
            out.push_str(&quoted.replace('`', "\\`"));
            out.push('`');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Applies a JMESPath expression, keeping the response's key order where keys survive.
pub fn query(expr: &str, data: &Value) -> Result<Value, CliError> {
    let fixed = legacy_literals(expr);
    let expr = fixed.as_str();
    let compiled = jmespath::compile(expr)
        .map_err(|e| CliError::param("--query", format!("Bad value for --query {expr}: {e}")))?;
    let reachable = super::prune::reachable(compiled.as_ast(), data);
    let var = jmespath::Variable::try_from(reachable.as_ref().unwrap_or(data))
        .map_err(|e| CliError::param("--query", e.to_string()))?;
    let result = compiled
        .search(var)
        .map_err(|e| CliError::param("--query", format!("Bad value for --query {expr}: {e}")))?;
    let value = serde_json::to_value(&*result).map_err(|e| CliError::param("--query", e.to_string()))?;
    let mut hashes = Vec::new();
    multihash_keys(compiled.as_ast(), &mut hashes);
    let mut order = KeyOrder { data, hashes, cache: std::collections::HashMap::new() };
    Ok(order.apply(value))
}

/// The key lists of every multiselect hash (`{ID: InstanceId, AZ: …}`) in the expression, in
/// the order written: the Python CLI prints them in that order.
fn multihash_keys(ast: &jmespath::ast::Ast, out: &mut Vec<Vec<String>>) {
    use jmespath::ast::Ast;
    match ast {
        Ast::MultiHash { elements, .. } => {
            out.push(elements.iter().map(|kv| kv.key.clone()).collect());
            for kv in elements {
                multihash_keys(&kv.value, out);
            }
        }
        Ast::MultiList { elements, .. } => elements.iter().for_each(|e| multihash_keys(e, out)),
        Ast::Function { args, .. } => args.iter().for_each(|e| multihash_keys(e, out)),
        Ast::Comparison { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            multihash_keys(lhs, out);
            multihash_keys(rhs, out);
        }
        Ast::Condition { predicate, then, .. } => {
            multihash_keys(predicate, out);
            multihash_keys(then, out);
        }
        Ast::Expref { ast, .. } => multihash_keys(ast, out),
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => {
            multihash_keys(node, out)
        }
        _ => {}
    }
}

/// Restores key order after a query: the `jmespath` crate keeps objects sorted.
struct KeyOrder<'a> {
    data: &'a Value,
    hashes: Vec<Vec<String>>,
    cache: std::collections::HashMap<String, Option<Vec<String>>>,
}

impl KeyOrder<'_> {
    /// Objects built by a multiselect hash take the expression's order; other objects the
    /// order of the response object they came from.
    fn apply(&mut self, v: Value) -> Value {
        match v {
            Value::Object(m) => {
                let keys: Vec<&String> = m.keys().collect();
                let from_hash =
                    self.hashes.iter().find(|h| h.len() == keys.len() && keys.iter().all(|k| h.contains(k)));
                let order = match from_hash {
                    Some(h) => Some(h.clone()),
                    None => {
                        let signature = keys.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("\u{1}");
                        let data = self.data;
                        self.cache.entry(signature).or_insert_with(|| template_order(data, &keys)).clone()
                    }
                };
                let mut entries: Vec<(String, Value)> = m.into_iter().collect();
                if let Some(order) = order {
                    entries.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
                }
                Value::Object(entries.into_iter().map(|(k, x)| (k, self.apply(x))).collect::<Map<_, _>>())
            }
            Value::Array(a) => Value::Array(a.into_iter().map(|x| self.apply(x)).collect()),
            other => other,
        }
    }
}

/// The key order of the first object in `data` that holds every key in `keys`.
fn template_order(data: &Value, keys: &[&String]) -> Option<Vec<String>> {
    match data {
        Value::Object(m) => {
            if keys.iter().all(|k| m.contains_key(*k)) {
                return Some(m.keys().cloned().collect());
            }
            m.values().find_map(|v| template_order(v, keys))
        }
        Value::Array(a) => a.iter().find_map(|v| template_order(v, keys)),
        _ => None,
    }
}

/// JSON with a four-space indent, as the CLI prints it.
pub fn json(v: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if v.serialize(&mut ser).is_err() {
        return String::new();
    }
    let mut s = String::from_utf8(buf).unwrap_or_default();
    s.push('\n');
    s
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

/// `--output text`, following awscli's `text.py`.
pub fn text(v: &Value) -> String {
    let mut out = String::new();
    text_item(v, None, None, &mut out);
    out
}

fn text_item(v: &Value, ident: Option<&str>, keys: Option<&[String]>, out: &mut String) {
    match v {
        Value::Object(m) => text_dict(m, ident, keys, out),
        Value::Array(a) => text_list(a, ident, out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn text_list(a: &[Value], ident: Option<&str>, out: &mut String) {
    if a.is_empty() {
        return;
    }
    if a.iter().any(|x| x.is_object()) {
        let mut keys: Vec<String> = a
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|m| m.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k.clone()))
            .collect();
        keys.sort();
        keys.dedup();
        for x in a {
            text_item(x, ident, Some(&keys), out);
        }
    } else if a.iter().any(|x| x.is_array()) {
        let scalars: Vec<&Value> = a.iter().filter(|x| is_scalar(x)).collect();
        if !scalars.is_empty() {
            scalar_list(&scalars, ident, out);
        }
        for x in a.iter().filter(|x| !is_scalar(x)) {
            text_item(x, ident, None, out);
        }
    } else {
        scalar_list(&a.iter().collect::<Vec<_>>(), ident, out);
    }
}

fn scalar_list(a: &[&Value], ident: Option<&str>, out: &mut String) {
    match ident {
        Some(id) => {
            for x in a {
                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), scalar(x)));
            }
        }
        None => {
            out.push_str(&a.iter().map(|x| scalar(x)).collect::<Vec<_>>().join("\t"));
            out.push('\n');
        }
    }
}

fn text_dict(m: &Map<String, Value>, ident: Option<&str>, keys: Option<&[String]>, out: &mut String) {
    let mut scalars = Vec::new();
    let mut nested: Vec<(&String, &Value)> = Vec::new();
    match keys {
        None => {
            let mut sorted: Vec<(&String, &Value)> = m.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in sorted {
                if is_scalar(v) {
                    scalars.push(scalar(v));
                } else {
                    nested.push((k, v));
                }
            }
        }
        Some(keys) => {
            for k in keys {
                scalars.push(m.get(k).map(scalar).unwrap_or_default());
            }
            let mut rest: Vec<(&String, &Value)> = m.iter().filter(|(k, _)| !keys.contains(k)).collect();
            rest.sort_by(|a, b| a.0.cmp(b.0));
            nested = rest;
        }
    }
    if !scalars.is_empty() {
        if let Some(id) = ident {
            scalars.insert(0, id.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (k, v) in nested {
        text_item(v, Some(k), None, out);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn legacy_backtick_literals_work() {
        let data = json!({"Tags": [{"Key": "env", "Value": "dev"}, {"Key": "Name", "Value": "web"}]});
        let v = super::query("Tags[?Key==`Name`]|[0].Value", &data).unwrap();
        assert_eq!(v, json!("web"));
        let v = super::query("Tags[?Key==`\"env\"`].Value", &data).unwrap();
        assert_eq!(v, json!(["dev"]));
    }

    #[test]
    fn text_output_sorts_scalars_and_prefixes_nested_keys() {
        let v = json!({"Reservations": [{"ReservationId": "r-1", "OwnerId": "1", "Instances": [{"InstanceId": "i-1", "State": {"Code": 16, "Name": "running"}}]}]});
        assert_eq!(super::text(&v), "RESERVATIONS\t1\tr-1\nINSTANCES\ti-1\nSTATE\t16\trunning\n");
    }
}
