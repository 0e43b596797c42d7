//! `key: value` lines: the headers of banks, decks and blueprints, and question metadata.

use crate::error::{Error, ErrorKind};
use crate::parse::markdown::{Block, BlockKind, Lines};

/// One `key: value` line.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// Does this block start with a `key: value` line? (Then it is a metadata block.)
pub(crate) fn looks_like_meta(src: &str, block: &Block<'_>) -> bool {
    block.kind() == BlockKind::Paragraph
        && src[block.range.clone()].lines().next().is_some_and(|l| split(l).is_some())
}

fn split(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.trim().split_once(':')?;
    let ok = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && (value.is_empty() || value.starts_with(' ') || value.starts_with('\t'));
    ok.then(|| (key, value.trim()))
}

/// Reads every line of a paragraph block as `key: value`. Keys must be in `allowed`; only keys in
/// `repeatable` may occur more than once.
pub(crate) fn parse(
    file: &str,
    src: &str,
    lines: &Lines,
    block: &Block<'_>,
    allowed: &[&'static str],
    repeatable: &[&'static str],
    errors: &mut Vec<Error>,
) -> Vec<Entry> {
    let first_line = lines.line(block.range.start);
    let mut out: Vec<Entry> = Vec::new();
    for (i, raw) in src[block.range.clone()].lines().enumerate() {
        let line = first_line + i;
        if raw.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = split(raw) else {
            errors.push(Error::new(file, line, ErrorKind::NotKeyValue { line: raw.trim().into() }));
            continue;
        };
        if !allowed.contains(&key) {
            errors.push(Error::new(
                file,
                line,
                ErrorKind::UnknownKey { key: key.into(), allowed: allowed.to_vec() },
            ));
            continue;
        }
        if !repeatable.contains(&key) && out.iter().any(|e| e.key == key) {
            errors.push(Error::new(file, line, ErrorKind::DuplicateKey { key: key.into() }));
            continue;
        }
        out.push(Entry { key: key.into(), value: value.into(), line });
    }
    out
}

/// The first entry with `key`.
pub(crate) fn get<'e>(entries: &'e [Entry], key: &str) -> Option<&'e Entry> {
    entries.iter().find(|e| e.key == key)
}

/// Is `id` lowercase words joined by `-`?
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// The file name without directory and extension.
pub(crate) fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}
