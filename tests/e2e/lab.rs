//! The lab widget: a learner types each lab's reference solution into the lab terminal and
//! sees every goal checked and the completion message with the golf score.

use std::time::Duration;

use e2e::Browser;
use fantoccini::Locator;
use fantoccini::key::Key;

/// The lines of a lab's `## Solution` block, read from `content/labs/<id>.md` (the widget's
/// configuration leaves the solution out on purpose).
fn solution(lab: &str) -> Vec<String> {
    let path = format!("{}/../content/labs/{lab}.md", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let after = text.split_once("## Solution").map(|(_, s)| s).unwrap_or_default();
    let block = after.split_once("```").map(|(_, s)| s).unwrap_or_default();
    let block = block.split_once('\n').map(|(_, s)| s).unwrap_or_default();
    let block = block.split_once("```").map(|(s, _)| s).unwrap_or_default();
    block.lines().map(str::to_string).filter(|l| !l.trim().is_empty()).collect()
}

/// Types `lab`'s reference solution on `page`; `# advance N` lines press "Wait 30 s" until at
/// least N simulated seconds have passed.
async fn solve(browser: &Browser, page: &str, lab: &str) -> anyhow::Result<()> {
    browser.open(page).await?;
    // Elements are looked up afresh each time: re-renders may replace them.
    let count =
        |css: &'static str| async move { browser.client.find_all(Locator::Css(css)).await.map(|v| v.len()) };
    let goals = count(".ec2lab-lab .ec2lab-goal").await?;
    assert!(goals > 0, "{lab}: no goals shown");
    assert!(count(".ec2lab-lab .ec2lab-goal-met").await? < goals, "{lab}: solved before anything was typed");
    for line in solution(lab) {
        if let Some(secs) = line.trim().strip_prefix("# advance") {
            let secs: u64 = secs.trim().parse()?;
            for _ in 0..secs.div_ceil(30) {
                browser.client.find(Locator::Css(".ec2lab-lab button.ec2lab-wait")).await?.click().await?;
            }
            continue;
        }
        if line.trim_start().starts_with('#') {
            continue;
        }
        let input = browser.client.find(Locator::Css(".ec2lab-lab input.ec2lab-input")).await?;
        input.send_keys(&format!("{line}{}", Key::Enter)).await?;
        let typed: String = line.chars().take(20).collect();
        browser.wait_for_text(".ec2lab-lab .ec2lab-input-echo", &typed).await?;
    }
    let done = browser.wait_for_text(".ec2lab-lab .ec2lab-lab-complete", "Lab complete").await?;
    assert!(done.contains("the reference solution uses"), "{lab}: {done}");
    assert_eq!(count(".ec2lab-lab .ec2lab-goal-met").await?, goals, "{lab}: not every goal is checked");
    Ok(())
}

#[tokio::test]
async fn lab_ssh_key_permissions_is_solved_by_its_reference() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    solve(&browser, "key-pairs-ssh.html", "ssh-key-permissions").await?;
    let golf = browser.wait_for_text(".ec2lab-golf", "You used 4 commands").await?;
    assert!(golf.contains("exactly par"), "{golf}");
    browser.client.execute("document.querySelector('.ec2lab-lab').scrollIntoView()", vec![]).await?;
    browser.screenshot("lab").await?;

    // Progress records the completion; Reset lab starts over.
    let stored = browser.client.execute("return localStorage.getItem('ec2lab.progress')", vec![]).await?;
    assert!(stored.as_str().is_some_and(|s| s.contains("lab:ssh-key-permissions")), "{stored}");
    // Clicked from script: mdBook's sticky menu bar may cover the button.
    browser
        .client
        .execute("document.querySelector('.ec2lab-lab button.ec2lab-lab-reset').click()", vec![])
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let met = browser.client.find_all(Locator::Css(".ec2lab-lab .ec2lab-goal-met")).await?;
    assert!(met.is_empty(), "reset should uncheck the goals");
    browser.close().await
}

#[tokio::test]
async fn lab_hints_are_revealed_one_at_a_time() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    browser.open("imds.html").await?;
    let button = browser.client.find(Locator::Css(".ec2lab-lab .ec2lab-hint-button")).await?;
    assert!(browser.client.find_all(Locator::Css(".ec2lab-hint-item")).await?.is_empty());
    button.click().await?;
    browser.wait_for_text(".ec2lab-hint-item", "describe-instances").await?;
    assert_eq!(browser.client.find_all(Locator::Css(".ec2lab-hint-item")).await?.len(), 1);
    browser.close().await
}

#[tokio::test]
async fn lab_imds_require_v2_is_solved_by_its_reference() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    solve(&browser, "imds.html", "imds-require-v2").await?;
    browser.close().await
}

#[tokio::test]
async fn lab_user_data_web_server_is_solved_by_its_reference() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    solve(&browser, "user-data.html", "user-data-web-server").await?;
    browser.close().await
}

#[tokio::test]
async fn lab_elastic_ip_stop_start_is_solved_by_its_reference() -> anyhow::Result<()> {
    let browser = Browser::start().await?;
    solve(&browser, "networking.html", "elastic-ip-stop-start").await?;
    browser.close().await
}
