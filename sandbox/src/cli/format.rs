//! Output: `--query` (JMESPath) and the `json`, `text` and `table` formats of the AWS CLI.

use serde::Serialize;
use serde_json::{Map, Value};

use super::error::CliError;

/// Applies a JMESPath expression, keeping the response's key order where keys survive.
pub fn query(expr: &str, data: &Value) -> Result<Value, CliError> {
    let compiled = jmespath::compile(expr)
        .map_err(|e| CliError::param("--query", format!("Bad value for --query {expr}: {e}")))?;
    let var = jmespath::Variable::try_from(data.clone())
        .map_err(|e| CliError::param("--query", e.to_string()))?;
    let result = compiled
        .search(var)
        .map_err(|e| CliError::param("--query", format!("Bad value for --query {expr}: {e}")))?;
    let value =
        serde_json::to_value(&*result).map_err(|e| CliError::param("--query", e.to_string()))?;
    let mut order = Vec::new();
    key_order(data, &mut order);
    Ok(reorder(value, &order))
}

fn key_order(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !out.contains(k) {
                    out.push(k.clone());
                }
                key_order(x, out);
            }
        }
        Value::Array(a) => {
            if let Some(first) = a.first() {
                key_order(first, out);
            }
        }
        _ => {}
    }
}

fn reorder(v: Value, order: &[String]) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<(String, Value)> = m.into_iter().collect();
            keys.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
            Value::Object(
                keys.into_iter()
                    .map(|(k, x)| (k, reorder(x, order)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(a) => Value::Array(a.into_iter().map(|x| reorder(x, order)).collect()),
        other => other,
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
            .flat_map(|m| {
                m.iter()
                    .filter(|(_, v)| is_scalar(v))
                    .map(|(k, _)| k.clone())
            })
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

fn text_dict(
    m: &Map<String, Value>,
    ident: Option<&str>,
    keys: Option<&[String]>,
    out: &mut String,
) {
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
            let mut rest: Vec<(&String, &Value)> =
                m.iter().filter(|(k, _)| !keys.contains(k)).collect();
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

/// `--output table`: a title row, then sections of header and value rows.
pub fn table(title: &str, v: &Value) -> String {
    let mut rows: Vec<Row> = Vec::new();
    table_item(v, 0, &mut rows, true);
    let width = rows
        .iter()
        .map(Row::min_width)
        .chain(std::iter::once(title.len() + 4))
        .max()
        .unwrap_or(10);
    let mut out = format!("{}\n", "-".repeat(width));
    out.push_str(&format!("|{}|\n", center(title, width - 2)));
    for r in rows {
        out.push_str(&r.render(width));
    }
    out
}

enum Row {
    Title(usize, String),
    Cells(usize, Vec<String>, bool),
}

impl Row {
    fn min_width(&self) -> usize {
        match self {
            Row::Title(d, t) => t.len() + 4 + 2 * d,
            Row::Cells(d, c, _) => {
                c.iter().map(|x| x.chars().count() + 4).sum::<usize>() + c.len() + 1 + 2 * d
            }
        }
    }

    fn render(&self, width: usize) -> String {
        match self {
            Row::Title(d, t) => {
                let bars = "|".repeat(*d);
                let inner = width - 2 * d;
                format!(
                    "{bars}+{}+{bars}\n{bars}|{}|{bars}\n",
                    "-".repeat(inner - 2),
                    center(t, inner - 2)
                )
            }
            Row::Cells(d, cells, header) => {
                let bars = "|".repeat(*d);
                let inner = width - 2 * d;
                let n = cells.len().max(1);
                let avail = inner - 1 - n;
                let base = avail / n;
                let extra = avail % n;
                let mut line = String::from("|");
                let mut sep = String::from("+");
                for (i, c) in cells.iter().enumerate() {
                    let w = base + usize::from(i < extra);
                    if *header {
                        line.push_str(&center(c, w));
                    } else {
                        let pad = w.saturating_sub(c.chars().count() + 2);
                        line.push_str(&format!("  {c}{}", " ".repeat(pad)));
                    }
                    line.push('|');
                    sep.push_str(&"-".repeat(w));
                    sep.push('+');
                }
                if *header {
                    format!("{bars}{sep}{bars}\n{bars}{line}{bars}\n{bars}{sep}{bars}\n")
                } else {
                    format!("{bars}{line}{bars}\n")
                }
            }
        }
    }
}

fn center(s: &str, w: usize) -> String {
    let len = s.chars().count();
    if len >= w {
        return s.to_string();
    }
    let left = (w - len) / 2;
    format!("{}{s}{}", " ".repeat(left), " ".repeat(w - len - left))
}

fn table_item(v: &Value, depth: usize, rows: &mut Vec<Row>, top: bool) {
    match v {
        Value::Object(m) => {
            let scalars: Vec<(&String, &Value)> = m.iter().filter(|(_, x)| is_scalar(x)).collect();
            if scalars.len() == 1 {
                rows.push(Row::Cells(
                    depth,
                    vec![scalars[0].0.clone(), scalar(scalars[0].1)],
                    false,
                ));
            } else if !scalars.is_empty() {
                let mut s = scalars;
                s.sort_by(|a, b| a.0.cmp(b.0));
                rows.push(Row::Cells(
                    depth,
                    s.iter().map(|(k, _)| (*k).clone()).collect(),
                    true,
                ));
                rows.push(Row::Cells(
                    depth,
                    s.iter().map(|(_, x)| scalar(x)).collect(),
                    false,
                ));
            }
            for (k, x) in m.iter().filter(|(_, x)| !is_scalar(x)) {
                if matches!(x, Value::Array(a) if a.is_empty()) {
                    continue;
                }
                let d = if top { depth } else { depth + 1 };
                rows.push(Row::Title(d, k.clone()));
                table_item(x, d, rows, false);
            }
        }
        Value::Array(a) => {
            if a.iter().all(Value::is_object) && !a.is_empty() {
                let mut keys: Vec<String> = a
                    .iter()
                    .filter_map(Value::as_object)
                    .flat_map(|m| {
                        m.iter()
                            .filter(|(_, x)| is_scalar(x))
                            .map(|(k, _)| k.clone())
                    })
                    .collect();
                keys.sort();
                keys.dedup();
                if !keys.is_empty() {
                    rows.push(Row::Cells(depth, keys.clone(), true));
                    for x in a {
                        rows.push(Row::Cells(
                            depth,
                            keys.iter()
                                .map(|k| x.get(k).map(scalar).unwrap_or_default())
                                .collect(),
                            false,
                        ));
                    }
                }
                for x in a {
                    if let Some(m) = x.as_object() {
                        for (k, y) in m.iter().filter(|(_, y)| !is_scalar(y)) {
                            if matches!(y, Value::Array(b) if b.is_empty()) {
                                continue;
                            }
                            rows.push(Row::Title(depth + 1, k.clone()));
                            table_item(y, depth + 1, rows, false);
                        }
                    }
                }
            } else {
                for x in a {
                    match x {
                        Value::Array(inner) => {
                            rows.push(Row::Cells(depth, inner.iter().map(scalar).collect(), false))
                        }
                        Value::Object(_) => table_item(x, depth, rows, false),
                        other => rows.push(Row::Cells(depth, vec![scalar(other)], false)),
                    }
                }
            }
        }
        other => rows.push(Row::Cells(depth, vec![scalar(other)], false)),
    }
}
