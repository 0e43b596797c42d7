//! The JSON dialect IMDS prints: two-space indent, a space on both sides of the colon, arrays
//! inline, no trailing newline (reference §4).

/// One JSON value in an IMDS document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    Null,
    List(Vec<String>),
}

/// Renders `fields` in order as IMDS does.
pub fn document(fields: &[(&str, Value)]) -> String {
    let mut out = String::from("{\n");
    for (i, (key, value)) in fields.iter().enumerate() {
        let rendered = match value {
            Value::Str(s) => quote(s),
            Value::Null => "null".to_string(),
            Value::List(items) => {
                let inner: Vec<String> = items.iter().map(|s| quote(s)).collect();
                format!("[ {} ]", inner.join(", "))
            }
        };
        let comma = if i + 1 < fields.len() { "," } else { "" };
        out.push_str(&format!("  {} : {rendered}{comma}\n", quote(key)));
    }
    out.push('}');
    out
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A shorthand for a string value.
pub fn s(v: impl Into<String>) -> Value {
    Value::Str(v.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_imds() {
        let doc = document(&[("Code", s("Success")), ("kernelId", Value::Null)]);
        assert_eq!(doc, "{\n  \"Code\" : \"Success\",\n  \"kernelId\" : null\n}");
    }
}
