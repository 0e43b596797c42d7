//! Files the build publishes beside the book for teachers: every question bank in Moodle's GIFT
//! format, under `exports/gift/`.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use quiz_engine::Course;
use quiz_engine::gift::{bank_to_gift, course_to_gift};

/// Writes `exports/gift/<bank>.txt` for each bank and `exports/gift/all.txt` under `site`.
pub fn write_gift(course: &Course, site: &Path) -> Result<usize> {
    let dir = site.join("exports/gift");
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for bank in &course.banks {
        fs::write(dir.join(format!("{}.txt", bank.id)), bank_to_gift(bank))?;
    }
    fs::write(dir.join("all.txt"), course_to_gift(course))?;
    Ok(course.banks.len())
}
