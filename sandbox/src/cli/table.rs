//! `--output table`, after awscli's `table.py`: a title row, then sections nested with `|`
//! borders, headers centred, values left-aligned, every section scaled to the widest one.

use serde_json::{Map, Value};

/// One block of the table: an optional title, optional headers and rows, at a nesting depth.
#[derive(Debug, Default)]
struct Section {
    depth: usize,
    title: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Section {
    fn columns(&self) -> usize {
        self.rows.iter().map(Vec::len).chain(std::iter::once(self.headers.len())).max().unwrap_or(0)
    }

    fn natural_widths(&self) -> Vec<usize> {
        (0..self.columns())
            .map(|c| {
                let h = self.headers.get(c).map_or(0, |x| x.chars().count());
                let v =
                    self.rows.iter().filter_map(|r| r.get(c)).map(|x| x.chars().count()).max().unwrap_or(0);
                h.max(v) + 4
            })
            .collect()
    }

    fn natural_total(&self) -> usize {
        let w = self.natural_widths();
        let cols = w.iter().sum::<usize>() + w.len().saturating_sub(1);
        let title = self.title.as_ref().map_or(0, |t| t.chars().count() + 4);
        cols.max(title) + 2 * self.depth
    }
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

fn build(v: &Value, depth: usize, title: Option<String>, out: &mut Vec<Section>) {
    match v {
        Value::Object(m) => build_dict(m, depth, title, out),
        Value::Array(a) if a.iter().any(Value::is_object) => {
            let mut headers: Vec<String> = a
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|m| m.iter().filter(|(_, x)| is_scalar(x)).map(|(k, _)| k.clone()))
                .collect();
            headers.sort();
            headers.dedup();
            let rows = a
                .iter()
                .filter_map(Value::as_object)
                .map(|m| headers.iter().map(|h| m.get(h).map(scalar).unwrap_or_default()).collect())
                .collect();
            out.push(Section { depth, title, headers, rows });
            for m in a.iter().filter_map(Value::as_object) {
                children(m, depth, out);
            }
        }
        Value::Array(a) => {
            let rows = a
                .iter()
                .map(|x| match x {
                    Value::Array(inner) => inner.iter().map(scalar).collect(),
                    other => vec![scalar(other)],
                })
                .collect();
            out.push(Section { depth, title, headers: Vec::new(), rows });
        }
        other => out.push(Section { depth, title, headers: Vec::new(), rows: vec![vec![scalar(other)]] }),
    }
}

fn build_dict(m: &Map<String, Value>, depth: usize, title: Option<String>, out: &mut Vec<Section>) {
    let mut keys: Vec<&String> = m.iter().filter(|(_, x)| is_scalar(x)).map(|(k, _)| k).collect();
    keys.sort();
    let section = match keys.len() {
        0 => Section { depth, title, ..Default::default() },
        1 => Section {
            depth,
            title,
            headers: Vec::new(),
            rows: vec![vec![keys[0].clone(), m.get(keys[0]).map(scalar).unwrap_or_default()]],
        },
        _ => Section {
            depth,
            title,
            headers: keys.iter().map(|k| (*k).clone()).collect(),
            rows: vec![keys.iter().map(|k| m.get(*k).map(scalar).unwrap_or_default()).collect()],
        },
    };
    out.push(section);
    children(m, depth, out);
}

fn children(m: &Map<String, Value>, depth: usize, out: &mut Vec<Section>) {
    let mut nested: Vec<(&String, &Value)> = m.iter().filter(|(_, x)| !is_scalar(x)).collect();
    nested.sort_by(|a, b| a.0.cmp(b.0));
    for (k, x) in nested {
        if matches!(x, Value::Array(a) if a.is_empty()) {
            continue;
        }
        build(x, depth + 1, Some(k.clone()), out);
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

fn left(s: &str, w: usize) -> String {
    let len = s.chars().count() + 2;
    format!("  {s}{}", " ".repeat(w.saturating_sub(len)))
}

/// Spreads `inner` columns of width over the natural widths, the remainder to the last column.
fn scale(natural: &[usize], inner: usize) -> Vec<usize> {
    if natural.is_empty() {
        return Vec::new();
    }
    let seps = natural.len() - 1;
    let avail = inner.saturating_sub(seps);
    let total: usize = natural.iter().sum();
    let mut out: Vec<usize> = natural.iter().map(|w| w * avail / total.max(1)).collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += avail.saturating_sub(used);
    }
    out
}

/// Renders `v` as the CLI's table under `title` (the operation name).
pub fn table(title: &str, v: &Value) -> String {
    let mut sections = Vec::new();
    build(v, 1, None, &mut sections);
    let width = sections
        .iter()
        .map(Section::natural_total)
        .chain(std::iter::once(title.chars().count() + 6))
        .max()
        .unwrap_or(10);
    let mut out = format!("{}\n|{}|\n", "-".repeat(width), center(title, width - 2));
    let mut last_was_sep = false;
    for s in &sections {
        let d = s.depth;
        let bars = "|".repeat(d);
        let outer = "|".repeat(d.saturating_sub(1));
        let inner = width - 2 * d;
        if let Some(t) = &s.title {
            if !last_was_sep {
                let o2 = "|".repeat(d.saturating_sub(2));
                out.push_str(&format!("{o2}+{}+{o2}\n", "-".repeat(width - 2 * d.saturating_sub(2) - 2)));
            }
            out.push_str(&format!("{bars}{}{bars}\n", center(t, inner)));
            last_was_sep = false;
        }
        if s.columns() == 0 {
            continue;
        }
        last_was_sep = true;
        let widths = scale(&s.natural_widths(), inner);
        let sep = format!(
            "{outer}+{}+{outer}\n",
            widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("+")
        );
        out.push_str(&sep);
        if !s.headers.is_empty() {
            let cells: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| center(s.headers.get(i).map_or("", |h| h.as_str()), *w))
                .collect();
            out.push_str(&format!("{bars}{}{bars}\n", cells.join("|")));
            out.push_str(&sep);
        }
        for r in &s.rows {
            let cells: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| left(r.get(i).map_or("", |c| c.as_str()), *w))
                .collect();
            out.push_str(&format!("{bars}{}{bars}\n", cells.join("|")));
        }
        out.push_str(&sep);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn list_of_dicts_has_title_headers_and_rows() {
        let out = super::table(
            "DescribeInstances",
            &json!([{"AZ": "us-east-2b", "Instance": "i-057750d42936e468a"}]),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].contains("DescribeInstances"));
        assert!(lines[3].contains("AZ") && lines[3].contains("Instance"));
        assert!(lines[5].starts_with("|  us-east-2b"));
        assert!(lines.iter().all(|l| l.chars().count() == lines[0].len()), "{out}");
    }
}
