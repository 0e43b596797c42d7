//! Moodle GIFT export of the `test_data/ok` banks, as snapshots.

use expect_test::expect_file;
use quiz_engine::gift::{bank_to_gift, escape};
use quiz_engine::parse_bank;

#[test]
fn special_characters_are_escaped() {
    assert_eq!(escape("a~b=c#d{e}f:g\\h\nline"), "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nline");
}

#[test]
fn banks_export_to_gift() {
    for name in ["choices", "other-types"] {
        let path = format!("{}/test_data/ok/{name}.md", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let bank = parse_bank(&format!("{name}.md"), &text).unwrap();
        expect_file![format!("{}/test_data/gift/{name}.gift", env!("CARGO_MANIFEST_DIR"))]
            .assert_eq(&bank_to_gift(&bank));
    }
}
