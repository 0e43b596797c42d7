//! Shell transcripts: words and quoting, files and filters, and every ssh path a learner
//! meets, plus the seed walkthroughs (chmod 400 then ssh; user data installing httpd;
//! resizing a volume). `UPDATE_EXPECT=1` refreshes the snapshots.

#[path = "transcripts/harness.rs"]
mod harness;

use harness::check;

#[test]
fn words_and_lists() {
    check("shell/01_words_and_lists");
}

#[test]
fn files_and_filters() {
    check("shell/02_files_and_filters");
}

#[test]
fn chmod_then_ssh() {
    check("shell/03_chmod_then_ssh");
}

#[test]
fn ssh_failures() {
    check("shell/04_ssh_failures");
}

#[test]
fn user_data_httpd() {
    check("shell/05_user_data_httpd");
}

#[test]
fn resize_volume() {
    check("shell/06_resize_volume");
}

#[test]
fn instance_shell() {
    check("shell/07_instance_shell");
}

#[test]
fn walkthrough_launch_and_ssh() {
    check("shell/08_walkthrough_launch_and_ssh");
}

#[test]
fn walkthrough_user_data() {
    check("shell/09_walkthrough_user_data");
}

#[test]
fn walkthrough_resize() {
    check("shell/10_walkthrough_resize");
}

#[test]
fn walkthrough_role_image_power() {
    check("shell/11_walkthrough_role_image_power");
}

#[test]
fn scripts() {
    check("shell/12_scripts");
}

#[test]
fn docker() {
    check("shell/13_docker");
}

#[test]
fn boto3_region() {
    check("shell/14_boto3_region");
}

#[test]
fn import_key() {
    check("shell/15_import_key");
}
