//! The mock exam widget: start, answer, flag, go back, submit with the confirmation, the scaled
//! score and domain table, review, the attempt stored; a reload resuming the attempt, and the
//! clock submitting it by itself.

use e2e::Browser;
use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::Value;

const EXAM: &str = ".ec2lab-exam";

async fn click(browser: &Browser, css: &str) -> anyhow::Result<()> {
    browser.client.find(Locator::Css(css)).await?.click().await?;
    Ok(())
}

async fn stored_progress(browser: &Browser) -> anyhow::Result<Value> {
    let stored = browser.client.execute("return localStorage.getItem('ec2lab.progress')", vec![]).await?;
    Ok(serde_json::from_str(stored.as_str().unwrap_or("null"))?)
}

/// The class attribute of navigator cell `i` (0-based).
async fn cell_class(browser: &Browser, i: usize) -> anyhow::Result<String> {
    let cells = browser.client.find_all(Locator::Css(".ec2lab-exam-nav .ec2lab-exam-cell")).await?;
    Ok(cells[i].attr("class").await?.unwrap_or_default())
}

/// Answers the question on screen, whatever its type.
async fn answer_current(browser: &Browser) -> anyhow::Result<()> {
    let options = browser.client.find_all(Locator::Css(".ec2lab-exam .ec2lab-option input")).await?;
    if let Some(first) = options.first() {
        return Ok(first.click().await?);
    }
    let text = browser.client.find_all(Locator::Css(".ec2lab-exam input.ec2lab-answer-text")).await?;
    if let Some(input) = text.first() {
        return Ok(input.send_keys("t3.micro").await?);
    }
    click(browser, ".ec2lab-exam-keep-order").await
}

async fn start(browser: &Browser) -> anyhow::Result<usize> {
    browser.open("mock-exam.html").await?;
    browser.wait_for_text(EXAM, "65").await?;
    browser.wait_for_text(EXAM, "130 minutes").await?;
    browser.wait_for_text(EXAM, "720").await?;
    click(browser, ".ec2lab-exam-start-button").await?;
    let heading = browser.wait_for_text(".ec2lab-exam-heading", "Question 1 of").await?;
    let total: usize =
        heading.trim_start_matches("Question 1 of ").split(' ').next().unwrap_or("").parse()?;
    let focused = browser.client.active_element().await?.attr("class").await?.unwrap_or_default();
    assert!(focused.contains("ec2lab-exam-heading"), "focus moves to the question, not {focused:?}");
    Ok(total)
}

#[tokio::test]
async fn exam_answers_flags_navigates_submits_and_reviews() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    let total = start(&browser).await?;
    assert_eq!(total, 65);
    browser.wait_for_text(".ec2lab-exam-timer", "Time left 2:").await?;

    answer_current(&browser).await?;
    browser.wait_for_text(".ec2lab-exam-legend", "1 of 65 answered").await?;
    assert!(cell_class(&browser, 0).await?.contains("ec2lab-answered"));

    click(&browser, ".ec2lab-exam-next").await?;
    browser.wait_for_text(".ec2lab-exam-heading", "Question 2 of 65").await?;
    click(&browser, ".ec2lab-exam-flag").await?;
    browser.wait_for_text(".ec2lab-exam-heading", "Question 2 of 65 (flagged)").await?;
    let flag = browser.client.find(Locator::Css(".ec2lab-exam-flag")).await?;
    assert_eq!(flag.attr("aria-pressed").await?.as_deref(), Some("true"));
    assert!(cell_class(&browser, 1).await?.contains("ec2lab-flagged"));

    // Arrow keys move along the navigator and do not turn mdBook's page.
    let cells = browser.client.find_all(Locator::Css(".ec2lab-exam-nav .ec2lab-exam-cell")).await?;
    cells[1].send_keys(&Key::Right.to_string()).await?;
    assert_eq!(browser.client.active_element().await?.text().await?, "3");
    browser.client.active_element().await?.send_keys(&Key::Left.to_string()).await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(browser.client.current_url().await?.as_str().ends_with("mock-exam.html"));
    assert_eq!(browser.client.active_element().await?.text().await?, "2⚑");

    // Back to question 1: the answer is still there.
    click(&browser, ".ec2lab-exam-prev").await?;
    browser.wait_for_text(".ec2lab-exam-heading", "Question 1 of 65 (answered)").await?;
    assert!(cell_class(&browser, 0).await?.contains("ec2lab-current"));
    assert!(browser.client.find_all(Locator::Css(".ec2lab-exam-clear")).await?.len() == 1);

    // The confirmation lists what is unanswered and flagged.
    click(&browser, ".ec2lab-exam-submit").await?;
    let confirm = browser.wait_for_text(".ec2lab-exam-confirm", "Submit the exam?").await?;
    assert!(confirm.contains("1 of 65 answered, 64 unanswered, 1 flagged"), "{confirm}");
    assert!(confirm.contains("Flagged for review"), "{confirm}");
    click(&browser, ".ec2lab-exam-confirm-submit").await?;

    let scaled: u16 = browser.wait_for_text(".ec2lab-exam-scaled", "").await?.trim().parse()?;
    assert!((100..=1000).contains(&scaled), "scaled score {scaled}");
    browser.wait_for_text(".ec2lab-exam-score", "pass mark 720").await?;
    let rows = browser.client.find_all(Locator::Css(".ec2lab-exam-domains tbody tr")).await?;
    assert_eq!(rows.len(), 6, "one row per blueprint domain");
    browser.wait_for_text(".ec2lab-exam-domains", "Access and security").await?;

    click(&browser, ".ec2lab-exam-review-button").await?;
    let items = browser.client.find_all(Locator::Css(".ec2lab-exam-review .ec2lab-review-item")).await?;
    assert_eq!(items.len(), 65);
    let first = items[0].text().await?;
    assert!(first.contains("Your answer") && first.contains("Correct answer"), "{first}");
    browser.wait_for_text(".ec2lab-exam-review", "Not answered.").await?;

    let stored = stored_progress(&browser).await?;
    let exams = stored["exams"].as_array().cloned().unwrap_or_default();
    assert_eq!(exams.len(), 1, "the attempt is stored: {stored}");
    assert_eq!(exams[0]["blueprint"], "mock");
    assert_eq!(exams[0]["scaled"], u64::from(scaled));
    assert_eq!(exams[0]["domains"].as_object().map(|d| d.len()), Some(6));

    // Another attempt: the start screen lists this one.
    browser.client.find(Locator::XPath("//button[text()='Take another attempt']")).await?.click().await?;
    browser.wait_for_text(".ec2lab-exam-history", &format!("{scaled} (")).await?;
    browser.close().await
}

#[tokio::test]
async fn exam_resumes_after_a_reload_and_submits_itself_when_time_is_up() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    start(&browser).await?;
    answer_current(&browser).await?;
    browser.wait_for_text(".ec2lab-exam-legend", "1 of 65 answered").await?;
    // A reload resumes the attempt where it was.
    browser.open("mock-exam.html").await?;
    browser.wait_for_text(EXAM, "Your attempt in progress was restored").await?;
    browser.wait_for_text(".ec2lab-exam-legend", "1 of 65 answered").await?;
    // Jump the page's clock past the 130-minute limit; the next tick submits.
    browser
        .client
        .execute("const real = Date.now; Date.now = () => real.call(Date) + 131 * 60 * 1000;", vec![])
        .await?;
    browser.wait_for_text(EXAM, "Time ran out").await?;
    let scaled: u16 = browser.wait_for_text(".ec2lab-exam-scaled", "").await?.trim().parse()?;
    assert!((100..=1000).contains(&scaled));
    let stored = stored_progress(&browser).await?;
    assert_eq!(stored["exams"].as_array().map(Vec::len), Some(1), "{stored}");
    let saved = browser.client.execute("return localStorage.getItem('ec2lab.exam.mock')", vec![]).await?;
    assert_eq!(saved, Value::Null, "the finished attempt is no longer kept for resuming");
    browser.close().await
}
