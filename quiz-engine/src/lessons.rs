//! The book's lesson pages as links see them: which pages SUMMARY.md lists, and the heading ids
//! mdBook gives each page (so `lesson: page.md#anchor` can be checked).

use std::collections::{BTreeMap, HashMap, HashSet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::parse::markdown::options;

/// The options mdBook 0.5 parses chapters with (smart punctuation changes ids: `--` becomes `–`,
/// which is then dropped).
fn mdbook_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Every page in SUMMARY.md and its heading anchors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonIndex {
    /// Page path (relative to `book/src/`) to its heading ids in order.
    pub pages: BTreeMap<String, Vec<String>>,
}

impl LessonIndex {
    /// Builds the index from `(path, markdown)` pairs, which must include `SUMMARY.md`. Paths may
    /// be given relative to `book/src/` or with that prefix. Pages that SUMMARY.md does not list
    /// are left out; listed pages that were not passed get no anchors.
    pub fn new(pages: &[(&str, &str)]) -> LessonIndex {
        let by_path: HashMap<String, &str> =
            pages.iter().map(|(p, text)| (book_relative(p), *text)).collect();
        let mut index = LessonIndex::default();
        let Some(summary) = by_path.get("SUMMARY.md") else {
            return index;
        };
        for page in summary_links(summary) {
            let anchors = by_path.get(&page).map(|t| heading_ids(t)).unwrap_or_default();
            index.pages.insert(page, anchors);
        }
        index
    }

    /// The anchors of `page`, if SUMMARY.md lists it.
    pub fn anchors(&self, page: &str) -> Option<&[String]> {
        self.pages.get(page).map(Vec::as_slice)
    }
}

/// `book/src/imds.md` and `./imds.md` become `imds.md`.
pub fn book_relative(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = match path.find("book/src/") {
        Some(i) => &path[i + "book/src/".len()..],
        None => &path,
    };
    path.trim_start_matches("./").to_string()
}

/// Link targets in SUMMARY.md (the chapter files), without `#fragments`, in order.
pub fn summary_links(summary: &str) -> Vec<String> {
    let mut out = Vec::new();
    for event in Parser::new_ext(summary, options()) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let dest = dest_url.split('#').next().unwrap_or("").trim();
            if !dest.is_empty() && !dest.contains("://") {
                let page = book_relative(dest);
                if !out.contains(&page) {
                    out.push(page);
                }
            }
        }
    }
    out
}

/// mdBook's id for a heading's text: trimmed and lowercased; whitespace to `-`; alphanumerics,
/// `-` and `_` kept; everything else dropped.
pub fn normalize_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The ids mdBook gives the headings (and definition-list terms) of a page, in order: an
/// explicit `{#id}` is kept as written; other ids are made unique as mdBook does, with `-1`,
/// `-2`, ... appended until unused.
pub fn heading_ids(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut current: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(markdown, mdbook_options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                current = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::Start(Tag::DefinitionListTitle) => current = Some((None, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::DefinitionListTitle) => {
                let Some((explicit, text)) = current.take() else { continue };
                let id = match explicit {
                    Some(id) => id,
                    None => unique(normalize_id(&text), &mut used),
                };
                out.push(id);
            }
            _ => {}
        }
    }
    out
}

fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 1u32;
    loop {
        let candidate = format!("{id}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_mdbook() {
        let page = "# IMDSv2: session tokens\n\n## The `PUT` request\n\n## Examples\n\n## Examples\n\n### Examples\n\n## Custom {#my-id}\n\n## Hop-limit & containers\n\n## Stop -- then start\n\n## Examples 1\n\n## Über\n\nTerm\n: its definition\n";
        assert_eq!(
            heading_ids(page),
            [
                "imdsv2-session-tokens",
                "the-put-request",
                "examples",
                "examples-1",
                "examples-2",
                "my-id",
                "hop-limit--containers",
                "stop--then-start",
                "examples-1-1",
                "über",
                "term",
            ]
        );
    }

    #[test]
    fn summary_pages_and_paths() {
        let summary = "# Summary\n\n[Intro](introduction.md)\n\n- [IMDS](imds.md)\n  - [Deep](./imds/deep.md#x)\n- [Draft]()\n";
        assert_eq!(summary_links(summary), ["introduction.md", "imds.md", "imds/deep.md"]);
        assert_eq!(book_relative("book/src/imds.md"), "imds.md");
        let index = LessonIndex::new(&[("book/src/SUMMARY.md", summary), ("imds.md", "## A b\n")]);
        assert_eq!(index.anchors("imds.md"), Some(&["a-b".to_string()][..]));
        assert_eq!(index.anchors("introduction.md"), Some(&[][..]));
        assert_eq!(index.anchors("other.md"), None);
    }
}
