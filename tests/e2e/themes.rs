//! The widgets in all five mdBook themes, at phone width, and from the keyboard alone.

use e2e::Browser;
use fantoccini::Locator;
use fantoccini::key::Key;
use serde_json::Value;

const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

#[tokio::test]
async fn widgets_follow_every_theme() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("imds.html").await?;
    let mut backgrounds = Vec::new();
    for theme in THEMES {
        browser.client.execute(&format!("localStorage.setItem('mdbook-theme', '{theme}')"), vec![]).await?;
        browser.open("imds.html").await?;
        let html_class = browser.client.execute("return document.documentElement.className", vec![]).await?;
        assert!(html_class.as_str().unwrap_or("").contains(theme), "theme {theme} not applied: {html_class}");
        // The quiz picks up the theme's colours rather than fixed ones.
        let bg = browser
            .client
            .execute(
                "return getComputedStyle(document.querySelector('.ec2lab-quiz-header')).backgroundColor",
                vec![],
            )
            .await?;
        backgrounds.push(bg.as_str().unwrap_or("").to_string());
        browser.client.execute("document.querySelector('.ec2lab-imds').scrollIntoView()", vec![]).await?;
        browser.screenshot(&format!("theme-{theme}")).await?;
    }
    backgrounds.dedup();
    assert!(backgrounds.len() >= 3, "quiz colours should follow the themes: {backgrounds:?}");
    browser.close().await
}

#[tokio::test]
async fn widgets_fit_a_phone_screen() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.client.set_window_size(390, 844).await?;
    for page in ["introduction.html", "imds.html"] {
        browser.open(page).await?;
        let overflow = browser
            .client
            .execute(
                "return [...document.querySelectorAll('.ec2lab-widget')].filter(w => w.scrollWidth > w.clientWidth + 1).length",
                vec![],
            )
            .await?;
        assert_eq!(overflow, Value::from(0), "a widget on {page} is wider than the phone screen");
    }
    browser.client.execute("document.querySelector('.ec2lab-quiz').scrollIntoView()", vec![]).await?;
    browser.screenshot("phone-imds").await?;
    browser.close().await
}

#[tokio::test]
async fn a_quiz_can_be_answered_from_the_keyboard() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("what-is-ec2.html").await?;
    // Focus the quiz's first option, pick it with Space, tab to Check and press Enter.
    let first = browser.client.find(Locator::Css(".ec2lab-quiz .ec2lab-option input")).await?;
    browser.client.execute("arguments[0].focus()", vec![serde_json::to_value(&first)?]).await?;
    first.send_keys(" ").await?;
    let active = browser.client.active_element().await?;
    active.send_keys(&Key::Tab.to_string()).await?;
    // Tab moves through the remaining options (radios share one tab stop) to the Check button.
    for _ in 0..6 {
        let focused = browser.client.active_element().await?;
        if focused.text().await? == "Check" {
            break;
        }
        focused.send_keys(&Key::Tab.to_string()).await?;
    }
    let focused = browser.client.active_element().await?;
    assert_eq!(focused.text().await?, "Check", "Tab should reach the Check button");
    let outline = browser
        .client
        .execute("return getComputedStyle(document.activeElement).outlineStyle", vec![])
        .await?;
    assert_ne!(outline, Value::from("none"), "the focused button shows a visible focus ring");
    focused.send_keys(&Key::Enter.to_string()).await?;
    browser.wait_for_text(".ec2lab-quiz .ec2lab-feedback", ".").await?;
    browser.close().await
}
