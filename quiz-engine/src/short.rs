//! Short answers: the normalisations a bank can ask for, applied to both the accepted answers
//! and the learner's text before comparing.

use serde::{Deserialize, Serialize};

/// One normalisation step (`normalize: case, space, punctuation, units`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalization {
    /// Ignore letter case.
    Case,
    /// Trim, and treat any run of whitespace as one space.
    Space,
    /// Drop ASCII punctuation (`169.254.169.254` and `169254169254` then match).
    Punctuation,
    /// Write quantities one way: `6 hours`, `6hrs` and `6 h` all become `6h`.
    Units,
}

impl Normalization {
    pub const DEFAULT: [Normalization; 2] = [Normalization::Case, Normalization::Space];

    pub fn from_name(name: &str) -> Option<Normalization> {
        Some(match name {
            "case" => Normalization::Case,
            "space" => Normalization::Space,
            "punctuation" => Normalization::Punctuation,
            "units" => Normalization::Units,
            _ => return None,
        })
    }
}

/// Applies `steps` to `text` (order does not matter: they are applied in a fixed order).
pub fn normalize(text: &str, steps: &[Normalization]) -> String {
    let mut s = text.to_string();
    if steps.contains(&Normalization::Case) {
        s = s.to_lowercase();
    }
    if steps.contains(&Normalization::Punctuation) {
        s = s.chars().filter(|c| !c.is_ascii_punctuation()).collect();
    }
    if steps.contains(&Normalization::Units) {
        s = units(&s);
    }
    if steps.contains(&Normalization::Space) {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    s
}

/// Unit words and their canonical short form.
const UNITS: &[(&[&str], &str)] = &[
    (&["s", "sec", "secs", "second", "seconds"], "s"),
    (&["ms", "millisecond", "milliseconds"], "ms"),
    (&["min", "mins", "minute", "minutes"], "min"),
    (&["h", "hr", "hrs", "hour", "hours"], "h"),
    (&["d", "day", "days"], "d"),
    (&["b", "byte", "bytes"], "b"),
    (&["kb", "kilobyte", "kilobytes"], "kb"),
    (&["kib", "kibibyte", "kibibytes"], "kib"),
    (&["mb", "megabyte", "megabytes"], "mb"),
    (&["mib", "mebibyte", "mebibytes"], "mib"),
    (&["gb", "gigabyte", "gigabytes"], "gb"),
    (&["gib", "gibibyte", "gibibytes"], "gib"),
    (&["tb", "terabyte", "terabytes"], "tb"),
    (&["tib", "tebibyte", "tebibytes"], "tib"),
    (&["%", "percent"], "%"),
];

fn canonical_unit(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    UNITS.iter().find(|(names, _)| names.contains(&lower.as_str())).map(|(_, c)| *c)
}

/// Joins a number to the unit word after it and writes the unit canonically.
fn units(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        let ends_number = c.is_ascii_digit() && chars.get(i).is_none_or(|n| !n.is_ascii_digit());
        if !ends_number {
            continue;
        }
        let mut j = i;
        while chars.get(j).is_some_and(|c| *c == ' ') {
            j += 1;
        }
        let start = j;
        while chars.get(j).is_some_and(|c| c.is_alphabetic() || *c == '%') {
            j += 1;
        }
        let word: String = chars[start..j].iter().collect();
        if let Some(unit) = canonical_unit(&word) {
            out.push_str(unit);
            i = j;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_join_and_canonicalise() {
        let steps = [Normalization::Case, Normalization::Space, Normalization::Units];
        assert_eq!(normalize("6 Hours", &steps), "6h");
        assert_eq!(normalize("  21600   seconds ", &steps), "21600s");
        assert_eq!(normalize("16 KB of user data", &steps), "16kb of user data");
        assert_eq!(normalize("16KB", &steps), normalize("16 kilobytes", &steps));
        assert_eq!(normalize("port 22 open", &steps), "port 22 open");
    }

    #[test]
    fn punctuation_and_case() {
        let steps = [Normalization::Case, Normalization::Punctuation];
        assert_eq!(normalize("Chmod 400 Key.PEM!", &steps), "chmod 400 keypem");
    }
}
