//! Teacher mode: answer keys are hidden from learners until it is turned on.

use e2e::Browser;
use fantoccini::Locator;

#[tokio::test]
async fn answer_keys_wait_for_teacher_mode() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    let key = format!("{}classroom/answers-worksheet-imds.html", browser.base);
    browser.client.goto(&key).await?;
    let note = browser.client.find(Locator::Id("ec2lab-teacher-note")).await?;
    assert!(note.text().await?.contains("for teachers"));
    let visible = |css: &'static str| {
        let client = browser.client.clone();
        async move { client.find(Locator::Css(css)).await?.is_displayed().await }
    };
    assert!(!visible("main pre").await?, "the answers are hidden from a learner");
    assert!(!visible(".sidebar a[href*='answers-worksheet-imds']").await?, "the link is hidden too");

    browser.client.goto(&format!("{}classroom.html", browser.base)).await?;
    browser.client.find(Locator::Id("ec2lab-teacher-toggle")).await?.click().await?;
    browser.client.goto(&key).await?;
    assert!(browser.client.find_all(Locator::Id("ec2lab-teacher-note")).await?.is_empty());
    assert!(visible("main pre").await?, "a teacher sees the answers");
    browser.close().await
}

#[tokio::test]
async fn question_banks_are_published_for_moodle() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.client.goto(&format!("{}classroom.html", browser.base)).await?;
    browser.client.find(Locator::LinkText("the IMDS bank")).await?.click().await?;
    let text = browser.client.find(Locator::Css("body")).await?.text().await?;
    assert!(text.starts_with("// EC2 Lab bank `imds`"), "{}", text.chars().take(200).collect::<String>());
    assert!(text.contains("$CATEGORY: ec2lab/imds"));
    browser.close().await
}
