//! The terminal widget, driven by keyboard as a learner would.

use e2e::Browser;
use fantoccini::Locator;
use fantoccini::key::Key;

#[tokio::test]
async fn terminal_runs_commands_and_recalls_history() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("introduction.html").await?;
    let input = browser.client.find(Locator::Css(".ec2lab-terminal input.ec2lab-input")).await?;
    input.send_keys(&format!("echo hello from the browser{}", Key::Enter)).await?;
    browser.wait_for_text(".ec2lab-stdout", "hello from the browser").await?;
    browser.wait_for_text(".ec2lab-input-echo", "learner@laptop:~$ echo hello from the browser").await?;

    input.send_keys(&format!("nosuchcommand{}", Key::Enter)).await?;
    browser.wait_for_text(".ec2lab-stderr", "bash: nosuchcommand: command not found").await?;

    // ArrowUp twice brings back the first line.
    input.send_keys(&format!("{}{}", Key::Up, Key::Up)).await?;
    let recalled = input.prop("value").await?.unwrap_or_default();
    assert_eq!(recalled, "echo hello from the browser");

    // Tab completes the operation name from the CLI's table.
    input.clear().await?;
    input.send_keys(&format!("aws ec2 run-in{}", Key::Tab)).await?;
    assert_eq!(input.prop("value").await?.unwrap_or_default(), "aws ec2 run-instances ");
    input.clear().await?;

    browser.client.find(Locator::Css(".ec2lab-terminal button.ec2lab-reset")).await?.click().await?;
    let lines = browser.client.find_all(Locator::Css(".ec2lab-terminal .ec2lab-line")).await?;
    assert!(lines.is_empty(), "reset should clear the scrollback, {} lines remain", lines.len());
    browser.close().await
}

#[tokio::test]
async fn widgets_mount_on_pages_in_sub_folders() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("classroom/worksheet-first-instance.html").await?;
    let input = browser.client.find(Locator::Css(".ec2lab-terminal input.ec2lab-input")).await?;
    input.send_keys(&format!("echo from a sub-folder{}", Key::Enter)).await?;
    browser.wait_for_text(".ec2lab-stdout", "from a sub-folder").await?;
    browser.close().await
}

#[tokio::test]
async fn pages_without_widgets_do_not_load_the_wasm() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.client.goto(&format!("{}classroom.html", browser.base)).await?;
    let loaded = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').some(e => e.name.endsWith('.wasm'))",
            vec![],
        )
        .await?;
    assert_eq!(loaded, serde_json::Value::Bool(false), "a page with no widget fetched the wasm module");
    browser.close().await
}

#[tokio::test]
async fn console_shows_a_launched_instance_and_its_lifecycle() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("introduction.html").await?;
    browser.wait_for_text(".ec2lab-console", "No instances yet").await?;
    let input = browser.client.find(Locator::Css(".ec2lab-terminal input.ec2lab-input")).await?;
    let image = "IMG=$(aws ec2 describe-images --owners amazon --query 'Images[0].ImageId' --output text)";
    input.send_keys(&format!("{image}{}", Key::Enter)).await?;
    let launch = "aws ec2 run-instances --image-id $IMG --instance-type t3.micro \
                  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]'";
    input.send_keys(&format!("{launch}{}", Key::Enter)).await?;
    browser.wait_for_text(".ec2lab-stdout", "\"InstanceType\": \"t3.micro\"").await?;
    let card = browser.wait_for_text(".ec2lab-card", "web (i-").await?;
    assert!(card.contains("pending") || card.contains("running"), "{card}");
    // Waiting 30 simulated seconds finishes the boot without waiting in real time.
    browser.client.find(Locator::Css(".ec2lab-terminal button.ec2lab-wait")).await?.click().await?;
    browser.wait_for_text(".ec2lab-card .ec2lab-card-state", "running").await?;
    let diagram = browser.client.find(Locator::Css(".ec2lab-card svg.ec2lab-lifecycle")).await?;
    let label = diagram.attr("aria-label").await?.unwrap_or_default();
    assert!(label.starts_with("Instance lifecycle, current state"), "{label}");
    browser.client.execute("document.querySelector('.ec2lab-terminal').scrollIntoView()", vec![]).await?;
    browser.screenshot("console").await?;
    browser.close().await
}
