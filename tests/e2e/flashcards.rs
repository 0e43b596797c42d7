//! The flashcards widget: reveal, rate, the card leaves the due list, the review stored; keyboard
//! shortcuts; the exam date stored and shared by every deck on the page.

use e2e::Browser;
use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::Value;

const FIRST: &str = ".ec2lab-flashcards";

async fn stored_progress(browser: &Browser) -> anyhow::Result<Value> {
    let stored = browser.client.execute("return localStorage.getItem('ec2lab.progress')", vec![]).await?;
    Ok(serde_json::from_str(stored.as_str().unwrap_or("null"))?)
}

/// The cards the preprocessor embedded in the first deck on the page.
async fn embedded_cards(browser: &Browser) -> anyhow::Result<Vec<Value>> {
    let script =
        "return JSON.parse(document.querySelector('.ec2lab-widget[data-widget=flashcards]').dataset.config)";
    let config = browser.client.execute(script, vec![]).await?;
    Ok(config["cards"].as_array().cloned().unwrap_or_default())
}

async fn front(browser: &Browser) -> anyhow::Result<String> {
    Ok(browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-flashcard-front")).await?.text().await?)
}

#[tokio::test]
async fn flashcards_reveal_rate_and_remember() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("interview-deck.html").await?;
    let cards = embedded_cards(&browser).await?;
    let n = cards.len();
    assert!(n >= 3, "the first deck has {n} cards");
    let first_id = cards[0]["id"].as_str().unwrap_or_default().to_string();
    browser.wait_for_text(FIRST, &format!("Due: 0 · New: {n} · Done: 0")).await?;
    let first_front = front(&browser).await?;

    // Reveal: the back and four ratings with their next intervals.
    browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-show-answer")).await?.click().await?;
    browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-flashcard-back")).await?;
    let ratings = browser.client.find_all(Locator::Css(".ec2lab-flashcards .ec2lab-ratings button")).await?;
    assert_eq!(ratings.len(), 4);
    let good = browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-rate-good")).await?;
    let label = good.attr("aria-label").await?.unwrap_or_default();
    assert!(label.starts_with("Good: next review in "), "{label}");

    // Good: the card leaves the due list and the review is stored.
    good.click().await?;
    browser.wait_for_text(FIRST, &format!("Due: 0 · New: {} · Done: 1", n - 1)).await?;
    assert_ne!(front(&browser).await?, first_front);
    let stored = stored_progress(&browser).await?;
    let card = &stored["cards"][&first_id];
    assert_eq!(card["reps"], 1, "review stored: {stored}");
    assert_ne!(card["phase"], "new");

    // Keyboard only: focus is on "Show answer"; Space reveals, 3 rates Good.
    let focused = browser.client.active_element().await?.attr("class").await?.unwrap_or_default();
    assert!(focused.contains("ec2lab-show-answer"), "focus after rating: {focused:?}");
    browser.client.active_element().await?.send_keys(" ").await?;
    browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-flashcard-back")).await?;
    browser.client.active_element().await?.send_keys("3").await?;
    browser.wait_for_text(FIRST, &format!("Due: 0 · New: {} · Done: 2", n - 2)).await?;

    // After a click on the card's text, Space and the digits still work (1 is Again).
    browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-flashcard-front")).await?.click().await?;
    let scroll = browser.client.execute("return window.scrollY", vec![]).await?;
    browser.client.active_element().await?.send_keys(" ").await?;
    browser.client.find(Locator::Css(".ec2lab-flashcards .ec2lab-flashcard-back")).await?;
    let after = browser.client.execute("return window.scrollY", vec![]).await?;
    assert_eq!(scroll, after, "Space reveals the answer instead of scrolling the page");
    browser.client.active_element().await?.send_keys("1").await?;
    browser.wait_for_text(FIRST, &format!("Due: 0 · New: {} · Done: 3", n - 3)).await?;

    // A fresh visit: the reviewed cards are not due (the one rated Again is, a minute later).
    browser.open("interview-deck.html").await?;
    browser.wait_for_text(FIRST, &format!("Due: 0 · New: {} · Done: 0", n - 3)).await?;
    assert_ne!(front(&browser).await?, first_front);
    browser.close().await
}

#[tokio::test]
async fn flashcards_exam_date_is_stored_and_shared() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("interview-deck.html").await?;
    let set = "const input = document.querySelector('.ec2lab-flashcards input[type=date]');
        input.value = '2030-01-15';
        input.dispatchEvent(new Event('change', { bubbles: true }));";
    browser.client.execute(set, vec![]).await?;
    browser.wait_for_text(FIRST, "Clear date").await?;
    let stored = stored_progress(&browser).await?;
    assert_eq!(stored["exam_date"], 1_894_665_600_000_i64, "{stored}");
    // Every deck on the page shows the date.
    let inputs = browser.client.find_all(Locator::Css(".ec2lab-flashcards input[type=date]")).await?;
    assert_eq!(inputs.len(), 3);
    for input in &inputs {
        assert_eq!(input.prop("value").await?.as_deref(), Some("2030-01-15"));
    }
    // Clearing it with the keyboard.
    let clear = browser.client.find(Locator::XPath("(//button[text()='Clear date'])[1]")).await?;
    clear.send_keys(&Key::Enter.to_string()).await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while stored_progress(&browser).await?.get("exam_date").is_some() {
        assert!(std::time::Instant::now() < deadline, "the exam date was not cleared");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.close().await
}
