//! Bad input is an error, never a panic: thousands of random lines built from shell syntax,
//! program names, flags and odd characters run on the laptop and on an instance.

use sandbox::imds::facts::InstanceFacts;
use sandbox::{Session, SessionConfig, SimTime};

const PIECES: &[&str] = &[
    "echo",
    "cat",
    "ls",
    "-l",
    "chmod",
    "400",
    "u+x",
    "cd",
    "..",
    "/",
    "~",
    "export",
    "X=1",
    "$X",
    "${X}",
    "$(",
    ")",
    "`",
    "'",
    "\"",
    "&&",
    "||",
    ";",
    "|",
    ">",
    ">>",
    "<",
    "2>&1",
    "&",
    "#",
    "grep",
    "-v",
    "head",
    "-n",
    "tail",
    "wc",
    "-c",
    "sudo",
    "-i",
    "exit",
    "history",
    "curl",
    "-X",
    "PUT",
    "-H",
    "X-aws-ec2-metadata-token-ttl-seconds: 5",
    "-s",
    "-S",
    "-f",
    "-v",
    "-i",
    "-I",
    "-w",
    "%{http_code}",
    "-o",
    "/dev/null",
    "-m",
    "0.5",
    "--connect-timeout",
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.169.254/latest/api/token",
    "http://[fd00:ec2::254]/",
    "localhost:99999",
    "http://",
    "ftp://x",
    "ssh",
    "-o",
    "-p",
    "ssh-keygen",
    "-R",
    "practice.pem",
    "ec2-user@54.210.33.7",
    "root@",
    "@",
    "yes",
    "no",
    "df",
    "-hT",
    "lsblk",
    "growpart",
    "/dev/xvda",
    "1",
    "resize2fs",
    "xfs_growfs",
    "systemctl",
    "start",
    "status",
    "httpd",
    "yum",
    "install",
    "-y",
    "apt",
    "docker",
    "run",
    "curlimages/curl",
    "aws",
    "ec2",
    "describe-instances",
    "printf",
    "%s%d%%",
    "é",
    "日本",
    "\\",
    "\\n",
    "*",
    "?",
    "*.pem",
    "-é",
    "-Zé",
    "--",
    "-",
    "",
    "  ",
    "\t",
    "$?",
    "$$",
    "$#",
    "${",
    "}",
    "((",
    "))",
    "=",
    "==",
    "x=",
    "<<",
    "<<-",
    "<<'E'",
    "<<<",
    "EOF",
    "\n",
    "if",
    "then",
    "fi",
    "for",
    "in",
    "do",
    "done",
    "while",
    "[",
    "]",
    "!",
];

fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

#[test]
fn random_lines_never_panic() {
    let mut session = Session::new(SessionConfig::default());
    session.add_instance_fixture(InstanceFacts::example());
    let pem = InstanceFacts::example().key.and_then(|k| k.private_key_pem).unwrap_or_default();
    session.add_file("practice.pem", &pem, 0o400);
    let mut state = 42u64;
    let mut now = SimTime::ZERO;
    for i in 0..4000 {
        if i % 200 == 0 {
            session.run("exit", now);
            session.run("ssh -o StrictHostKeyChecking=no -i practice.pem ec2-user@54.210.33.7", now);
        }
        let words = 1 + next(&mut state) % 8;
        let mut line = String::new();
        for _ in 0..words {
            let piece = PIECES[(next(&mut state) as usize) % PIECES.len()];
            line.push_str(piece);
            if !next(&mut state).is_multiple_of(3) {
                line.push(' ');
            }
        }
        let out = session.run(&line, now);
        assert!(out.exit_code >= 0, "negative status for {line:?}");
        let _ = session.prompt();
        now = now.plus_secs(next(&mut state) % 3);
    }
}

#[test]
fn runaway_values_are_bounded() {
    let mut session = Session::new(SessionConfig::default());
    session.run("X=0123456789abcdef", SimTime::ZERO);
    for _ in 0..20 {
        session.run("X=$X$X", SimTime::ZERO);
    }
    let out = session.run("echo -n $X | wc -c", SimTime::ZERO);
    assert_eq!(out.stdout.trim(), (1024 * 1024).to_string());
    let out = session.run("for i in 1 2 3 4 5; do echo $X >> big.txt; done", SimTime::ZERO);
    assert!(out.stderr.contains("No space left on device"), "{}", out.stderr);
}

#[test]
fn nasty_lines_never_panic() {
    let nasty = [
        "ssh -é",
        "ssh -éx host",
        "ssh -ié",
        "ssh -p é host",
        "ssh @",
        "ssh user@",
        "ssh -o",
        "curl -é",
        "curl -Xé",
        "curl http://é/",
        "curl http://[::1",
        "curl http://a:b/",
        "curl -m -1 x",
        "curl -m nan x",
        "chmod é f",
        "chmod u+é f",
        "ls -é",
        "grep -é x",
        "head -n é",
        "tail -é",
        "history é",
        "cd é",
        "echo ${",
        "echo $(( 1 + 1 ))",
        "echo \\",
        "X=$(X=$(X=$(echo deep)))",
        "exit é",
        "sudo -é",
        "printf",
        "printf %",
        "docker run",
        "growpart",
        "resize2fs",
        "xfs_growfs",
        "systemctl",
        "ssh-keygen -R",
        "yum install -y docker",
        "systemctl start docker",
        "docker run -p",
        "docker run -p x:y nginx",
        "docker run -d -p 99999:80 nginx",
        "docker run -d -p 8080:80 nginx",
        "docker stop",
        "docker rm nope",
        "mkfs -t",
        "mkfs -t zfs /dev/xvdf",
        "mount /dev/sdf",
        "umount",
        "file -s",
        "tee",
        "install -m zz -d x",
        ". /nope",
        "source",
        "usermod -aG",
        "newgrp",
        "aws ssm start-session --target",
        "aws ec2-instance-connect ssh --instance-id",
        "ping -c 0 x",
        "ping -c",
        "ec2-metadata --path",
        "python3 -c",
        "python3 -c 'x = y.z('",
        "python3 -c 'print(a[0'",
        "python3 -c 'print(\"é\"[0])'",
        "python3 -c 'import boto3; c = boto3.client(\"ec2\"); c.describe_instances(Foo)'",
        "python3 -c 'import boto3; c = boto3.client(\"ec2\"); r = c.describe_instances(InstanceIds=[1,[2]]); print(r[\"x\"][99])'",
        "python3 -c 'import boto3; c = boto3.client(\"s3\")'",
        "python3 -c ')))((('",
        "pip3 install",
        "pip3 install boto3 requests",
        "ssh-keygen -t",
        "ssh-keygen -t dsa",
        "ssh-keygen -f /root/x -N ''",
        "ssh-keygen -f",
        "ssh-keygen -t rsa -f k -N '' -C",
        "echo a > ''",
        "cat < nowhere",
        "echo > /",
        "echo hi >> /root/x",
    ];
    let mut session = Session::new(SessionConfig::default());
    session.add_instance_fixture(InstanceFacts::example());
    for line in nasty {
        session.run(line, SimTime::ZERO);
    }
    session.run("ssh -o StrictHostKeyChecking=no -i practice.pem ec2-user@54.210.33.7", SimTime::ZERO);
    for line in nasty {
        session.run(line, SimTime::ZERO);
        session.run(&format!("sudo {line}"), SimTime::ZERO);
    }
}
