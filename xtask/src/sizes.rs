//! What a page downloads: raw and gzipped sizes of the widget bundle.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use flate2::Compression;
use flate2::write::GzEncoder;

/// A one-paragraph report of the bundle's sizes, raw and gzipped (level 9).
pub fn report(dir: &Path) -> Result<String> {
    let mut lines = Vec::new();
    let (mut raw_total, mut gz_total) = (0, 0);
    let mut entries: Vec<_> = fs::read_dir(dir)?.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if !path.is_file() {
            continue;
        }
        let bytes = fs::read(&path)?;
        let gz = gzipped_len(&bytes)?;
        raw_total += bytes.len();
        gz_total += gz;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        lines.push(format!("  {name:<40} {:>9} B  {:>9} B gzipped", bytes.len(), gz));
    }
    lines.push(format!(
        "  {:<40} {raw_total:>9} B  {gz_total:>9} B gzipped",
        "total (what a widget page downloads)"
    ));
    Ok(format!("xtask: widget bundle\n{}", lines.join("\n")))
}

fn gzipped_len(bytes: &[u8]) -> Result<usize> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?.len())
}
