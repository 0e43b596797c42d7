//! The progress dashboard: stored answers summed per chapter, import of an exported file, and the
//! classroom CSV built from several exports.

use e2e::Browser;
use fantoccini::Locator;
use serde_json::{Value, json};

/// The id of the first question of the first bank in the dashboard's embedded outline.
async fn first_question(browser: &Browser) -> anyhow::Result<(String, String)> {
    let script =
        "return JSON.parse(document.querySelector('.ec2lab-widget[data-widget=progress]').dataset.config)";
    let config = browser.client.execute(script, vec![]).await?;
    let bank = &config["outline"]["banks"][0];
    let title = bank["title"].as_str().unwrap_or_default().to_string();
    let id = bank["questions"][0]["id"].as_str().unwrap_or_default().to_string();
    Ok((title, id))
}

fn export_with(id: &str) -> String {
    json!({ "version": 1, "questions": { id: { "attempts": 3, "correct": 2, "last_score": 1.0 } } })
        .to_string()
}

#[tokio::test]
async fn dashboard_imports_an_export_and_builds_a_classroom_csv() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("progress.html").await?;
    let (title, id) = first_question(&browser).await?;
    let row = browser.wait_for_text(".ec2lab-progress-table tr", &title).await?;
    assert!(row.contains("0 / "), "nothing tried yet: {row}");
    let totals = browser.wait_for_text(".ec2lab-progress-totals", "Labs completed: 0 of ").await?;
    assert!(!totals.contains("of 0."), "the outline lists the course's labs: {totals}");

    // Import an export written by another browser.
    let dir = std::env::temp_dir().join(format!("ec2lab-e2e-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let ada = dir.join("ada.json");
    std::fs::write(&ada, export_with(&id))?;
    let inputs = browser.client.find_all(Locator::Css(".ec2lab-progress input[type=file]")).await?;
    inputs[0].send_keys(&ada.display().to_string()).await?;
    browser.wait_for_text(".ec2lab-progress .ec2lab-notice", "Imported 1 entries from ada.json").await?;
    let row = browser.wait_for_text(".ec2lab-progress-table tr", &title).await?;
    assert!(row.contains("1 / "), "one question tried after the import: {row}");
    let stored = browser.client.execute("return localStorage.getItem('ec2lab.progress')", vec![]).await?;
    let stored: Value = serde_json::from_str(stored.as_str().unwrap_or("null"))?;
    assert_eq!(stored["questions"][&id]["attempts"], 3);

    // A teacher builds the CSV from two exports, one of them damaged.
    let bob = dir.join("bob.json");
    std::fs::write(&bob, "{damaged")?;
    let files = format!("{}\n{}", ada.display(), bob.display());
    inputs[1].send_keys(&files).await?;
    let notice = browser
        .wait_for_text(".ec2lab-progress .ec2lab-notice", "Classroom CSV built from 2 exports")
        .await?;
    assert!(notice.contains("bob.json: "), "the damaged export is named: {notice}");
    std::fs::remove_dir_all(&dir).ok();
    browser.close().await
}
