//! Mixed workload with 1,000 instances alive: 10,000 `aws ec2` commands (describes by id and by
//! filter, tags, stop/start, status, volumes, security-group rules, addresses). One command in
//! two hundred lists all 1,000 instances with `--query … --output text`, another one in two
//! hundred prints them all as JSON. Prints commands/s with p50/p99 latency, then lets criterion
//! time the whole workload. Run: `cargo bench -p sandbox --bench workload`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use sandbox::SimTime;
use sandbox::cli::{CliEnv, run};
use sandbox::ec2::World;
use sandbox::ec2::catalog::VcpuBucket;

const AMI: &str = "ami-0053d3ad141b850fc";

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

fn env() -> CliEnv {
    CliEnv { default_region: "us-east-1".into() }
}

/// A world with 1,000 running instances, a security group, volumes and an Elastic IP.
fn setup() -> (World, Vec<String>, String, SimTime) {
    let mut world = World::new(7);
    world.set_vcpu_quota("us-east-1", VcpuBucket::Standard, 4000);
    let env = env();
    let mut now = SimTime::ZERO;
    let mut ids = Vec::new();
    for _ in 0..10 {
        let line = format!(
            "ec2 run-instances --image-id {AMI} --instance-type t3.nano --count 100 --query Instances[].InstanceId --output text"
        );
        let out = run(&mut world, &words(&line), &env, now);
        assert_eq!(out.exit_code, 0, "{}", out.stderr);
        ids.extend(out.stdout.split_whitespace().map(str::to_string));
    }
    let sg = run(
        &mut world,
        &words("ec2 create-security-group --group-name web --description web --query GroupId --output text"),
        &env,
        now,
    );
    let sg = sg.stdout.trim().to_string();
    run(&mut world, &words("ec2 allocate-address"), &env, now);
    now = now.plus_secs(30);
    world.advance_to(now);
    assert_eq!(ids.len(), 1000);
    (world, ids, sg, now)
}

/// The 10,000 command lines, already split into words.
fn workload(ids: &[String], sg: &str) -> Vec<Vec<String>> {
    (0..10_000usize)
        .map(|k| {
            let id = &ids[(k * 7) % ids.len()];
            let line = match k % 10 {
                0 => format!("ec2 describe-instances --instance-ids {id}"),
                1 => format!("ec2 describe-instances --filters Name=tag:team,Values=t{} --query Reservations[].Instances[].InstanceId --output text", (k / 10) % 50),
                2 => format!("ec2 create-tags --resources {id} --tags Key=team,Value=t{}", (k / 10) % 50),
                3 => format!("ec2 stop-instances --instance-ids {id}"),
                4 => format!("ec2 start-instances --instance-ids {id}"),
                5 => format!("ec2 describe-instance-status --instance-ids {id}"),
                6 if k % 200 == 6 => "ec2 describe-instances --query Reservations[].Instances[].[InstanceId,State.Name] --output text".to_string(),
                6 if k % 200 == 106 => "ec2 describe-instances".to_string(),
                6 => "ec2 describe-volumes --filters Name=size,Values=100".to_string(),
                7 => format!("ec2 authorize-security-group-ingress --group-id {sg} --protocol tcp --port {} --cidr 0.0.0.0/0", 1000 + k / 10 % 50),
                8 => format!("ec2 revoke-security-group-ingress --group-id {sg} --protocol tcp --port {} --cidr 0.0.0.0/0", 1000 + k / 10 % 50),
                _ => "ec2 describe-addresses --output text".to_string(),
            };
            words(&line)
        })
        .collect()
}

fn run_workload(
    world: &mut World,
    lines: &[Vec<String>],
    start: SimTime,
    mut lat: Option<&mut Vec<Duration>>,
) {
    let env = env();
    let mut now = start;
    for argv in lines {
        let t = Instant::now();
        black_box(run(world, argv, &env, now));
        if let Some(l) = lat.as_deref_mut() {
            l.push(t.elapsed());
        }
        now = now.plus_secs(1);
    }
}

fn main() {
    let (world, ids, sg, now) = setup();
    let lines = workload(&ids, &sg);
    let mut lat = Vec::with_capacity(lines.len());
    let mut w = world.clone();
    let t = Instant::now();
    run_workload(&mut w, &lines, now, Some(&mut lat));
    let total = t.elapsed();
    let is_listing = |i: usize| i % 200 == 6 || i % 200 == 106;
    let mut listing: Vec<Duration> =
        lat.iter().enumerate().filter(|(i, _)| is_listing(*i)).map(|(_, d)| *d).collect();
    let mut rest: Vec<Duration> =
        lat.iter().enumerate().filter(|(i, _)| !is_listing(*i)).map(|(_, d)| *d).collect();
    lat.sort();
    listing.sort();
    rest.sort();
    println!(
        "mixed workload, 1000 instances: {} commands in {total:.2?} = {:.0} commands/s; p50 {:?}, p99 {:?}, max {:?}",
        lines.len(),
        lines.len() as f64 / total.as_secs_f64(),
        lat[lat.len() / 2],
        lat[lat.len() * 99 / 100],
        lat[lat.len() - 1]
    );
    println!(
        "  without the 1% that list all 1,000 instances: p50 {:?}, p99 {:?}; those listings: median {:?}, max {:?}",
        rest[rest.len() / 2],
        rest[rest.len() * 99 / 100],
        listing[listing.len() / 2],
        listing[listing.len() - 1]
    );
    // A learner-sized world: ten instances, the same mix of commands.
    let mut small = World::new(7);
    let out = run(
        &mut small,
        &words(&format!(
            "ec2 run-instances --image-id {AMI} --instance-type t3.nano --count 10 --query Instances[].InstanceId --output text"
        )),
        &env(),
        SimTime::ZERO,
    );
    let small_ids: Vec<String> = out.stdout.split_whitespace().map(str::to_string).collect();
    let small_sg = run(
        &mut small,
        &words("ec2 create-security-group --group-name web --description web --query GroupId --output text"),
        &env(),
        SimTime::ZERO,
    );
    let small_lines = workload(&small_ids, small_sg.stdout.trim());
    let mut small_lat = Vec::with_capacity(small_lines.len());
    let t = Instant::now();
    run_workload(&mut small, &small_lines, SimTime::from_secs(30), Some(&mut small_lat));
    let small_total = t.elapsed();
    small_lat.sort();
    println!(
        "same mix, 10 instances: {:.0} commands/s; p50 {:?}, p99 {:?}, max {:?}",
        small_lines.len() as f64 / small_total.as_secs_f64(),
        small_lat[small_lat.len() / 2],
        small_lat[small_lat.len() * 99 / 100],
        small_lat[small_lat.len() - 1]
    );
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    c.bench_function("mixed_10k_commands_1000_instances", |b| {
        b.iter_batched(
            || world.clone(),
            |mut w| run_workload(&mut w, &lines, now, None),
            BatchSize::LargeInput,
        )
    });
    c.final_summary();
}
