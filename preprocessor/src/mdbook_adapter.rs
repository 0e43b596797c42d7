//! The mdBook side: a [`Preprocessor`] that runs [`expand_chapter`] over every chapter.

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::expand::{Resolver, expand_chapter};

/// Expands widget blocks in every chapter; the first bad block fails the build.
pub struct Ec2LabPreprocessor {
    resolver: Box<dyn Resolver>,
}

impl Ec2LabPreprocessor {
    pub fn new(resolver: Box<dyn Resolver>) -> Self {
        Ec2LabPreprocessor { resolver }
    }
}

impl Preprocessor for Ec2LabPreprocessor {
    fn name(&self) -> &str {
        "ec2lab"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut first_error = None;
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            if first_error.is_some() {
                return;
            }
            let file = chapter
                .source_path
                .as_ref()
                .map(|p| src.join(p).display().to_string())
                .unwrap_or_else(|| chapter.name.clone());
            match expand_chapter(&chapter.content, &file, self.resolver.as_ref()) {
                Ok(content) => chapter.content = content,
                Err(e) => first_error = Some(e),
            }
        });
        match first_error {
            Some(e) => Err(e.into()),
            None => Ok(book),
        }
    }
}
