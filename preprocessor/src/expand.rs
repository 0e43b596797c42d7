//! [`expand_chapter`]: the pure function that does the preprocessor's work.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use crate::directive::{Directive, WidgetKind};
use crate::error::Error;

/// Checks a directive against the course content and fills in what the widget needs (for
/// example the questions of a quiz). An `Err` is a message for the author; the caller adds the
/// file and line.
pub trait Resolver {
    fn resolve(&self, directive: &mut Directive) -> Result<(), String>;
}

/// Accepts every directive as written: for books with no content directory.
impl Resolver for () {
    fn resolve(&self, _directive: &mut Directive) -> Result<(), String> {
        Ok(())
    }
}

const PREFIX: &str = "ec2lab-";

/// Replaces every `ec2lab-<kind>` fenced block in `source` with its widget placeholder.
///
/// `file` names the chapter in error messages.
pub fn expand_chapter(source: &str, file: &str, resolver: &dyn Resolver) -> Result<String, Error> {
    let mut out = String::with_capacity(source.len());
    let mut copied_up_to = 0;
    let mut count = 0;
    let mut current: Option<(String, std::ops::Range<usize>, Option<usize>, String)> = None;

    for (event, range) in Parser::new_ext(source, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.trim_start().starts_with(PREFIX) =>
            {
                current = Some((info.trim().to_string(), range, None, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, _, body_start, body)) = current.as_mut() {
                    body_start.get_or_insert(range.start);
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((info, block, body_start, body)) = current.take() else {
                    continue;
                };
                let block_line = line_of(source, block.start);
                let body_line = body_start.map_or(block_line + 1, |at| line_of(source, at));
                let directive = parse_directive(&info, &body, file, block_line, body_line)?;
                let mut directive = directive;
                resolver.resolve(&mut directive).map_err(|message| Error {
                    file: file.to_string(),
                    line: block_line,
                    message,
                })?;
                count += 1;
                out.push_str(&source[copied_up_to..block.start]);
                out.push_str(&directive.to_placeholder(count));
                copied_up_to = block.end;
            }
            _ => {}
        }
    }
    out.push_str(&source[copied_up_to..]);
    Ok(out)
}

fn parse_directive(
    info: &str,
    body: &str,
    file: &str,
    block_line: usize,
    body_line: usize,
) -> Result<Directive, Error> {
    let error = |line: usize, message: String| Error { file: file.to_string(), line, message };
    let name = info[PREFIX.len()..].split_whitespace().next().unwrap_or("");
    let kind = WidgetKind::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = WidgetKind::ALL.iter().map(|k| k.name()).collect();
        error(block_line, format!("unknown widget `{PREFIX}{name}`; known widgets: {}", known.join(", ")))
    })?;
    let table: toml::Table = toml::from_str(body).map_err(|e| {
        let line = e.span().map_or(body_line, |span| body_line + body[..span.start].matches('\n').count());
        error(line, format!("bad `{PREFIX}{name}` configuration: {}", e.message()))
    })?;
    let config = match serde_json::to_value(table) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    Ok(Directive { kind, config })
}

/// 1-based line number of byte offset `at`.
fn line_of(source: &str, at: usize) -> usize {
    source[..at].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(source: &str, expected: Expect) {
        let actual = match expand_chapter(source, "ch.md", &()) {
            Ok(text) => text,
            Err(e) => format!("error: {e}"),
        };
        expected.assert_eq(&actual);
    }

    #[test]
    fn terminal_block_becomes_placeholder() {
        check(
            "# Title\n\n```ec2lab-terminal\nregion = \"eu-west-1\"\n```\n\nAfter.\n",
            expect![[r##"
                # Title

                <div class="ec2lab-widget" id="ec2lab-widget-1" data-widget="terminal" data-config="{&quot;region&quot;:&quot;eu-west-1&quot;}"><noscript>This exercise needs JavaScript and WebAssembly.</noscript></div>



                After.
            "##]],
        );
    }

    #[test]
    fn empty_body_is_an_empty_config_and_ids_count_up() {
        check(
            "```ec2lab-terminal\n```\n```ec2lab-imds-explorer\n```\n",
            expect![[r#"
                <div class="ec2lab-widget" id="ec2lab-widget-1" data-widget="terminal" data-config="{}"><noscript>This exercise needs JavaScript and WebAssembly.</noscript></div>


                <div class="ec2lab-widget" id="ec2lab-widget-2" data-widget="imds-explorer" data-config="{}"><noscript>This exercise needs JavaScript and WebAssembly.</noscript></div>


            "#]],
        );
    }

    #[test]
    fn other_code_blocks_are_untouched() {
        check(
            "```bash\naws ec2 describe-instances\n```\n\n````markdown\n```ec2lab-terminal\n```\n````\n",
            expect![[r#"
                ```bash
                aws ec2 describe-instances
                ```

                ````markdown
                ```ec2lab-terminal
                ```
                ````
            "#]],
        );
    }

    #[test]
    fn unknown_widget_is_reported_at_its_line() {
        check(
            "text\n\n```ec2lab-termnial\n```\n",
            expect![
                "error: ch.md:3: unknown widget `ec2lab-termnial`; known widgets: terminal, imds-explorer, quiz, exam, flashcards, lab, progress"
            ],
        );
    }

    #[test]
    fn bad_toml_is_reported_at_the_offending_line() {
        check(
            "```ec2lab-terminal\nregion = \"eu-west-1\"\nseed = = 3\n```\n",
            expect!["error: ch.md:3: bad `ec2lab-terminal` configuration: extra `=`, expected nothing"],
        );
    }

    #[test]
    fn resolver_errors_carry_the_block_line() {
        struct Reject;
        impl Resolver for Reject {
            fn resolve(&self, d: &mut Directive) -> Result<(), String> {
                Err(format!("no such bank for {}", d.kind.name()))
            }
        }
        let err = expand_chapter("\n\n```ec2lab-quiz\nbank = \"x\"\n```\n", "q.md", &Reject).unwrap_err();
        assert_eq!(err.to_string(), "q.md:3: no such bank for quiz");
    }
}
