//! The quiz widget: answering right and wrong, explanations, retrying missed questions, and the
//! answer saved in local storage.

use e2e::Browser;
use fantoccini::Locator;
use serde_json::Value;

/// The questions the preprocessor embedded in the first quiz on the page.
async fn embedded_questions(browser: &Browser) -> anyhow::Result<Vec<Value>> {
    let script =
        "return JSON.parse(document.querySelector('.ec2lab-widget[data-widget=quiz]').dataset.config)";
    let config = browser.client.execute(script, vec![]).await?;
    Ok(config["questions"].as_array().cloned().unwrap_or_default())
}

fn correct_option(question: &Value) -> Option<usize> {
    question["options"].as_array()?.iter().position(|o| o["correct"] == Value::Bool(true))
}

/// Clicks the last button of the question's action row (Skip, or Next after checking).
async fn click_last_action(browser: &Browser) -> anyhow::Result<()> {
    let buttons = browser.client.find_all(Locator::Css(".ec2lab-quiz .ec2lab-actions button")).await?;
    buttons.last().expect("an action button").click().await?;
    Ok(())
}

/// Skips forward to the first single-choice question; returns its index in the bank.
async fn skip_to_single(browser: &Browser, questions: &[Value]) -> anyhow::Result<usize> {
    let index = questions.iter().position(|q| q["type"] == "single").expect("a single-choice question");
    for _ in 0..index {
        click_last_action(browser).await?;
    }
    Ok(index)
}

/// Chooses option `index` of the question on screen and presses Check.
async fn answer(browser: &Browser, index: usize) -> anyhow::Result<usize> {
    let options = browser.client.find_all(Locator::Css(".ec2lab-quiz .ec2lab-option input")).await?;
    options[index].click().await?;
    browser.client.find(Locator::Css(".ec2lab-quiz .ec2lab-primary")).await?.click().await?;
    Ok(options.len())
}

async fn stored_progress(browser: &Browser) -> anyhow::Result<Value> {
    let stored = browser.client.execute("return localStorage.getItem('ec2lab.progress')", vec![]).await?;
    Ok(serde_json::from_str(stored.as_str().unwrap_or("null"))?)
}

#[tokio::test]
async fn quiz_grades_explains_and_saves_progress() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("imds.html").await?;
    let questions = embedded_questions(&browser).await?;
    assert!(questions.len() >= 10, "the imds bank should embed 10+ questions, found {}", questions.len());
    let question = &questions[skip_to_single(&browser, &questions).await?];
    let right = correct_option(question).expect("a correct option");
    let wrong = (right + 1) % question["options"].as_array().map_or(1, Vec::len);

    // A wrong answer: marked wrong, every option explained, the attempt saved.
    let option_count = answer(&browser, wrong).await?;
    browser.wait_for_text(".ec2lab-quiz .ec2lab-feedback", "Not quite.").await?;
    let explanations = browser.client.find_all(Locator::Css(".ec2lab-quiz .ec2lab-explanation")).await?;
    assert_eq!(explanations.len(), option_count, "each option explains itself after checking");
    let stored = stored_progress(&browser).await?;
    let id = question["id"].as_str().unwrap_or_default();
    assert_eq!(stored["questions"][id]["attempts"], 1, "progress saved: {stored}");

    // Skip the rest; the retry round brings back the missed questions in order.
    while browser.client.find_all(Locator::Css(".ec2lab-quiz-summary")).await?.is_empty() {
        click_last_action(&browser).await?;
    }
    browser.wait_for_text(".ec2lab-quiz-summary", "to retry").await?;
    browser.client.find(Locator::Css(".ec2lab-quiz-summary button")).await?.click().await?;
    browser.wait_for_text(".ec2lab-quiz-position", "retry round 1").await?;
    skip_to_single(&browser, &questions).await?;
    answer(&browser, right).await?;
    browser.wait_for_text(".ec2lab-quiz .ec2lab-feedback", "Correct.").await?;
    let stored = stored_progress(&browser).await?;
    assert_eq!(stored["questions"][id]["attempts"], 2);
    assert_eq!(stored["questions"][id]["correct"], 1);
    browser.close().await
}

#[tokio::test]
async fn corrupt_stored_progress_is_reported_and_kept_aside() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("imds.html").await?;
    browser.client.execute("localStorage.setItem('ec2lab.progress', '{not json')", vec![]).await?;
    let questions = embedded_questions(&browser).await?;
    let index = skip_to_single(&browser, &questions).await?;
    answer(&browser, correct_option(&questions[index]).expect("a correct option")).await?;
    browser.wait_for_text(".ec2lab-quiz .ec2lab-feedback", "Correct.").await?;
    let aside =
        browser.client.execute("return localStorage.getItem('ec2lab.progress.unreadable')", vec![]).await?;
    assert_eq!(aside, Value::String("{not json".into()), "the unreadable original is kept");
    assert_eq!(stored_progress(&browser).await?["version"], 1);
    browser.close().await
}
