//! The widget directives an author can write, and how each becomes a placeholder.

use serde_json::{Map, Value};

/// Every widget the wasm module knows how to mount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    Terminal,
    ImdsExplorer,
    Quiz,
    Exam,
    Flashcards,
    Lab,
    Progress,
}

impl WidgetKind {
    pub const ALL: [WidgetKind; 7] = [
        WidgetKind::Terminal,
        WidgetKind::ImdsExplorer,
        WidgetKind::Quiz,
        WidgetKind::Exam,
        WidgetKind::Flashcards,
        WidgetKind::Lab,
        WidgetKind::Progress,
    ];

    /// The name used after `ec2lab-` in the info string and in `data-widget`.
    pub fn name(self) -> &'static str {
        match self {
            WidgetKind::Terminal => "terminal",
            WidgetKind::ImdsExplorer => "imds-explorer",
            WidgetKind::Quiz => "quiz",
            WidgetKind::Exam => "exam",
            WidgetKind::Flashcards => "flashcards",
            WidgetKind::Lab => "lab",
            WidgetKind::Progress => "progress",
        }
    }

    pub fn from_name(name: &str) -> Option<WidgetKind> {
        WidgetKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One parsed widget block: its kind and its configuration as a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    pub kind: WidgetKind,
    pub config: Map<String, Value>,
}

impl Directive {
    /// The HTML placeholder the loader script looks for.
    pub fn to_placeholder(&self, id: usize) -> String {
        let json = Value::Object(self.config.clone()).to_string();
        format!(
            "<div class=\"ec2lab-widget\" id=\"ec2lab-widget-{id}\" data-widget=\"{}\" data-config=\"{}\">\
             <noscript>This exercise needs JavaScript and WebAssembly.</noscript></div>\n\n",
            self.kind.name(),
            escape_attr(&json)
        )
    }
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
