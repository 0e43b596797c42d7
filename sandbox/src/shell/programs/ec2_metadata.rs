//! `ec2-metadata` from amazon-ec2-utils (on Amazon Linux), as reference §9.4 records it: an
//! IMDSv2 token with TTL 900 first, then one GET per option, printed as `label: value`
//! (`--quiet` drops the labels; an empty or failed answer prints `not available`).

use crate::imds::{self, InstanceFacts, TokenStore};
use crate::net::http::{Exchange, HttpRequest};
use crate::output::CommandOutput;
use crate::time::SimTime;

/// (short flag, long flag, label, path under `/latest/`).
const OPTIONS: &[(&str, &str, &str, &str)] = &[
    ("-a", "--ami-id", "ami-id", "meta-data/ami-id"),
    ("-l", "--ami-launch-index", "ami-launch-index", "meta-data/ami-launch-index"),
    ("-m", "--ami-manifest-path", "ami-manifest-path", "meta-data/ami-manifest-path"),
    ("-h", "--local-hostname", "local-hostname", "meta-data/local-hostname"),
    ("-i", "--instance-id", "instance-id", "meta-data/instance-id"),
    ("-t", "--instance-type", "instance-type", "meta-data/instance-type"),
    ("-o", "--local-ipv4", "local-ipv4", "meta-data/local-ipv4"),
    ("-z", "--availability-zone", "placement", "meta-data/placement/availability-zone"),
    ("-R", "--region", "region", "meta-data/placement/region"),
    ("-p", "--public-hostname", "public-hostname", "meta-data/public-hostname"),
    ("-v", "--public-ipv4", "public-ipv4", "meta-data/public-ipv4"),
    ("-r", "--reservation-id", "reservation-id", "meta-data/reservation-id"),
    ("-s", "--security-groups", "security-groups", "meta-data/security-groups"),
    ("-d", "--user-data", "user-data", "user-data"),
    ("-g", "--tags", "tags", "meta-data/tags/instance"),
];

const HELP: &str = "ec2-metadata v0.1.5\nUse to retrieve EC2 instance metadata from within a running EC2 instance.\ne.g. to retrieve instance id: ec2-metadata -i\n\t\t to retrieve ami id: ec2-metadata -a\n\t\t to get help: ec2-metadata --help\nFor more information on Amazon EC2 instance meta-data, refer to the documentation at\nhttps://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-metadata.html\n\nUsage: ec2-metadata <option>\nOptions:\n--all                     Show all metadata information for this host (also default).\n-a/--ami-id               The AMI ID used to launch this instance\n-l/--ami-launch-index     The index of this instance in the reservation (per AMI).\n-m/--ami-manifest-path    The manifest path of the AMI with which the instance was launched.\n-h/--local-hostname       The local hostname of the instance.\n-i/--instance-id          The ID of this instance\n-t/--instance-type        The type of instance to launch. For more information, see Instance Types.\n-o/--local-ipv4           The private IP address of the instance.\n-z/--availability-zone    The availability zone in which the instance launched. Same as placement\n-R/--region               The region in which the instance launched.\n-p/--public-hostname      The public hostname of the instance.\n-v/--public-ipv4          NATted public IP Address\n-r/--reservation-id       ID of the reservation.\n-s/--security-groups      Names of the security groups the instance is launched in.\n-d/--user-data            User-supplied data.Only available if supplied at instance launch time.\n-g/--tags                 Tags assigned to this instance.\n--quiet                   Suppress tag keys from the output.\n--path                    Show metadata information from the specified path. Can be specified multiple times.\n";

/// Runs `ec2-metadata ARGS` on the instance described by `facts`.
pub fn run(facts: &InstanceFacts, tokens: &mut TokenStore, args: &[String], now: SimTime) -> CommandOutput {
    if args.iter().any(|a| a == "--help") {
        return CommandOutput::ok(HELP);
    }
    let quiet = args.iter().any(|a| a == "--quiet");
    let mut wanted: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        match a {
            "--quiet" => {}
            "--all" => wanted.extend(OPTIONS.iter().map(|o| (o.2.to_string(), o.3.to_string()))),
            "--path" => {
                let Some(p) = args.get(i) else { return CommandOutput::fail(HELP, 1) };
                i += 1;
                let p = p.trim_start_matches('/');
                let p = p.strip_prefix("latest/").unwrap_or(p);
                wanted.push((p.to_string(), p.to_string()));
            }
            flag => match OPTIONS.iter().find(|o| o.0 == flag || o.1 == flag) {
                Some(o) => wanted.push((o.2.to_string(), o.3.to_string())),
                None => return CommandOutput::fail(HELP, 1),
            },
        }
    }
    if wanted.is_empty() {
        wanted.extend(OPTIONS.iter().map(|o| (o.2.to_string(), o.3.to_string())));
    }
    let put = HttpRequest::new("PUT", imds::TOKEN_PATH).header(imds::TTL_HEADER, "900");
    let token = match imds::respond(facts, tokens, &put, now) {
        Exchange::Response(r) if r.status == 200 => r.body,
        _ => {
            return CommandOutput::fail(
                "[ERROR] Could not get IMDSv2 token. Instance Metadata might have been disabled or this is not an EC2 instance.\n",
                1,
            );
        }
    };
    let mut out = String::new();
    for (label, path) in wanted {
        let req = HttpRequest::new("GET", &format!("/latest/{path}")).header(imds::TOKEN_HEADER, &token);
        let value = match imds::respond(facts, tokens, &req, now) {
            Exchange::Response(r) if r.status == 200 && !r.body.is_empty() => r.body,
            _ => "not available".to_string(),
        };
        if quiet {
            out.push_str(&format!("{value}\n"));
        } else {
            out.push_str(&format!("{label}: {value}\n"));
        }
    }
    CommandOutput::ok(out)
}
