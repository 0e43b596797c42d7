//! The world model on virtual time, driven through the public API the shell and widgets use:
//! transitions jump straight to [`World::next_due`], so "running after 15 s" runs in microseconds.

use sandbox::SimTime;
use sandbox::cli::{CliEnv, run};
use sandbox::ec2::catalog::VcpuBucket;
use sandbox::ec2::keypair::private_key_fingerprint;
use sandbox::ec2::{InstanceState, World};

const AMI: &str = "ami-0053d3ad141b850fc";

/// Runs one `aws` command line (words split on spaces) and returns stdout, failing on error.
fn aws(world: &mut World, now: SimTime, line: &str) -> String {
    let argv: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    let out = run(world, &argv, &CliEnv { default_region: "us-east-1".into() }, now);
    assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr);
    out.stdout.trim().to_string()
}

/// Jumps to the next pending transition and applies it.
fn settle(world: &mut World) -> SimTime {
    let next = world.next_due().expect("a pending transition");
    world.advance_to(next);
    next
}

#[test]
fn pending_becomes_running_at_the_next_due_instant() {
    let mut w = World::new(1);
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!("ec2 run-instances --image-id {AMI} --query Instances[0].InstanceId --output text"),
    );
    assert_eq!(w.instance(&id).map(|i| i.state), Some(InstanceState::Pending));
    let t = settle(&mut w);
    assert_eq!(t, SimTime::from_secs(15));
    let inst = w.instance(&id).expect("instance");
    assert_eq!(inst.state, InstanceState::Running);
    assert_eq!(inst.login_user, "ec2-user");
    assert!(inst.public_ip().is_some());
    assert!(w.instance_by_host(&inst.public_dns_name()).is_some_and(|i| i.id == id));
    assert!(inst.metadata_options.tokens_required(), "AL2023 launches with IMDSv2 required");
}

#[test]
fn ssh_checks_can_use_the_model() {
    let mut w = World::new(2);
    let pem =
        aws(&mut w, SimTime::ZERO, "ec2 create-key-pair --key-name lab --query KeyMaterial --output text");
    let kp = w.key_pair("us-east-1", "lab").expect("key pair");
    assert_eq!(private_key_fingerprint(&pem).as_deref(), Some(kp.fingerprint.as_str()));
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --key-name lab --query Instances[0].InstanceId --output text"
        ),
    );
    settle(&mut w);
    assert!(!w.port_open(&id, 22, Some("203.0.113.9")), "the default group admits only itself");
    let sg = w.instance(&id).and_then(|i| i.security_group_ids.first().cloned()).expect("group");
    aws(
        &mut w,
        SimTime::from_secs(20),
        &format!(
            "ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port 22 --cidr 203.0.113.0/24"
        ),
    );
    assert!(w.port_open(&id, 22, Some("203.0.113.9")));
    assert!(!w.port_open(&id, 22, Some("198.51.100.1")));
    assert_eq!(w.volumes_of(&id).len(), 1);
}

#[test]
fn the_cost_meter_bills_running_time_and_public_ipv4() {
    let mut w = World::new(3);
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --instance-type t3.micro --query Instances[0].InstanceId --output text"
        ),
    );
    let running_at = settle(&mut w);
    let hour_later = running_at.plus_secs(3600);
    let c = w.cost_report(hour_later);
    assert!((c.instances_usd - 0.0104).abs() < 1e-9, "{c:?}");
    assert!((c.public_ipv4_usd - 0.005).abs() < 1e-9, "{c:?}");
    assert!(c.ebs_volumes_usd > 0.0);
    aws(&mut w, hour_later, &format!("ec2 stop-instances --instance-ids {id}"));
    let c2 = w.cost_report(hour_later.plus_secs(3600));
    assert!((c2.instances_usd - c.instances_usd).abs() < 1e-9, "stopped instances are not billed");
    assert!((c2.public_ipv4_usd - c.public_ipv4_usd).abs() < 1e-9, "the public IP was released");
}

#[test]
fn starting_instances_respects_the_vcpu_quota() {
    let mut w = World::new(4);
    w.set_vcpu_quota("us-east-1", VcpuBucket::Standard, 4);
    let a = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --instance-type t3.micro --query Instances[0].InstanceId --output text"
        ),
    );
    let t = settle(&mut w);
    aws(&mut w, t, &format!("ec2 stop-instances --instance-ids {a}"));
    let t = settle(&mut w);
    aws(&mut w, t, &format!("ec2 run-instances --image-id {AMI} --instance-type t3.micro --count 2"));
    let argv: Vec<String> =
        format!("ec2 start-instances --instance-ids {a}").split_whitespace().map(str::to_string).collect();
    let out = run(&mut w, &argv, &CliEnv { default_region: "us-east-1".into() }, t);
    assert_eq!(out.exit_code, 254);
    assert!(out.stderr.contains("VcpuLimitExceeded"), "{}", out.stderr);
}

#[test]
fn an_os_shutdown_follows_the_shutdown_behaviour() {
    let mut w = World::new(5);
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --instance-initiated-shutdown-behavior terminate --query Instances[0].InstanceId --output text"
        ),
    );
    let t = settle(&mut w);
    w.os_shutdown(&id, t).expect("shutdown");
    assert_eq!(w.instance(&id).map(|i| i.state), Some(InstanceState::ShuttingDown));
    let reason = w.instance(&id).and_then(|i| i.state_reason.clone()).map(|r| r.code);
    assert_eq!(reason.as_deref(), Some("Client.InstanceInitiatedShutdown"));
    settle(&mut w);
    assert_eq!(w.instance(&id).map(|i| i.state), Some(InstanceState::Terminated));
}

#[test]
fn the_same_seed_gives_the_same_world() {
    let script = |seed| {
        let mut w = World::new(seed);
        aws(
            &mut w,
            SimTime::ZERO,
            &format!(
                "ec2 run-instances --image-id {AMI} --count 3 --query Instances[].[InstanceId,PrivateIpAddress] --output text"
            ),
        )
    };
    assert_eq!(script(9), script(9));
    assert_ne!(script(9), script(10));
}

#[test]
fn an_instance_role_shows_in_get_caller_identity() {
    use sandbox::cli::{Caller, run_as};
    let mut w = World::new(6);
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --iam-instance-profile Name=lab-s3-readonly --query Instances[0].InstanceId --output text"
        ),
    );
    let argv: Vec<String> =
        ["sts", "get-caller-identity", "--query", "Arn", "--output", "text"].map(String::from).to_vec();
    let env = CliEnv { default_region: "us-east-1".into() };
    let out = run_as(&mut w, &argv, &env, SimTime::ZERO, &|_| None, Caller::Instance(&id));
    assert_eq!(out.stdout, format!("arn:aws:sts::123456789012:assumed-role/lab-s3-readonly/{id}\n"));
    let out = run_as(&mut w, &argv, &env, SimTime::ZERO, &|_| None, Caller::Learner);
    assert_eq!(out.stdout, "arn:aws:iam::123456789012:user/learner\n");
}

#[test]
fn group_rules_admit_instances_in_the_source_group() {
    let mut w = World::new(8);
    let run1 = format!("ec2 run-instances --image-id {AMI} --query Instances[0].InstanceId --output text");
    let a = aws(&mut w, SimTime::ZERO, &run1);
    let b = aws(&mut w, SimTime::ZERO, &run1);
    settle(&mut w);
    // Both use the default group, whose rule admits members of the group itself.
    assert!(w.port_open_from_instance(&a, 5432, &b));
    assert!(!w.port_open(&a, 5432, Some("203.0.113.9")));
}

#[test]
fn a_spot_interruption_gives_two_minutes_notice() {
    let mut w = World::new(9);
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --instance-market-options MarketType=spot --query Instances[0].InstanceId --output text"
        ),
    );
    let t = settle(&mut w);
    let when = w.interrupt_spot(&id, t).expect("notice");
    assert_eq!(when, t.plus_secs(120));
    let notice = w.instance(&id).and_then(|i| i.spot_interruption.clone());
    assert_eq!(notice, Some(("terminate".to_string(), when)));
    // The instance sees the notice in IMDS (`spot/instance-action`).
    let facts = w.instance(&id).map(|i| sandbox::imds::world_view::facts_of(&w, i)).expect("facts");
    let action = facts.spot_action.expect("a spot action in IMDS");
    assert_eq!((action.action.as_str(), action.time), ("terminate", when));
    assert_eq!(w.instance(&id).map(|i| i.state), Some(InstanceState::Running));
    w.advance_to(when);
    let inst = w.instance(&id).expect("instance");
    assert_eq!(inst.state, InstanceState::ShuttingDown);
    assert_eq!(inst.state_reason.as_ref().map(|r| r.code.as_str()), Some("Server.SpotInstanceTermination"));
    settle(&mut w);
    assert_eq!(w.instance(&id).map(|i| i.state), Some(InstanceState::Terminated));
    let on_demand = aws(
        &mut w,
        when,
        &format!("ec2 run-instances --image-id {AMI} --query Instances[0].InstanceId --output text"),
    );
    assert!(w.interrupt_spot(&on_demand, when).is_err());
}

#[test]
fn instances_follow_their_profiles_role() {
    let mut w = World::new(10);
    let trust = r#"{"Version":"2012-10-17"}"#;
    w.create_role("web", trust, None, SimTime::ZERO).expect("role");
    w.create_instance_profile("web-profile", SimTime::ZERO).expect("profile");
    let id = aws(
        &mut w,
        SimTime::ZERO,
        &format!(
            "ec2 run-instances --image-id {AMI} --iam-instance-profile Name=web-profile --query Instances[0].InstanceId --output text"
        ),
    );
    let role =
        |w: &World| w.instance(&id).and_then(|i| i.iam_instance_profile.clone()).and_then(|p| p.role_name);
    assert_eq!(role(&w), None);
    w.add_role_to_instance_profile("web-profile", "web").expect("add");
    assert_eq!(role(&w).as_deref(), Some("web"));
    w.remove_role_from_instance_profile("web-profile", "web").expect("remove");
    assert_eq!(role(&w), None);
}
