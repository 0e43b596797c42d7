//! The IMDS explorer: clicking through the tree shows the curl commands and real responses.

use e2e::Browser;
use fantoccini::Locator;

/// Clicks the tree button whose text is exactly `name`, as the service lists it.
async fn click_node(browser: &Browser, name: &str) -> anyhow::Result<()> {
    for button in browser.client.find_all(Locator::Css(".ec2lab-imds-node")).await? {
        let text = button.text().await?;
        if text.trim_start_matches(['▸', '▾', ' ']) == name {
            return Ok(button.click().await?);
        }
    }
    anyhow::bail!("no tree node {name:?}")
}

#[tokio::test]
async fn explorer_walks_the_tree_with_a_token_and_shows_v1_refusals() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("imds.html").await?;
    click_node(&browser, "meta-data").await?;
    click_node(&browser, "instance-id").await?;
    let command = browser.wait_for_text(".ec2lab-imds-command", "X-aws-ec2-metadata-token: $TOKEN").await?;
    assert!(command.contains("/latest/meta-data/instance-id"), "{command}");
    let response = browser.wait_for_text(".ec2lab-imds-response", "HTTP/1.1 200 OK").await?;
    assert!(response.contains("i-"), "{response}");

    // Without a token the example instance (HttpTokens optional) still answers: IMDSv1.
    browser.client.find(Locator::Css(".ec2lab-imds input[type=checkbox]")).await?.click().await?;
    click_node(&browser, "instance-type").await?;
    let command = browser.wait_for_text(".ec2lab-imds-command", "curl -s http://169.254.169.254").await?;
    assert!(!command.contains("TOKEN"), "{command}");
    browser.close().await
}
