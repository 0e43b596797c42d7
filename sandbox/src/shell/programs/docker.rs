//! `docker` on an instance, for seed 003's install story and the hop-limit lesson: the daemon
//! must be installed and running, the user root or in the `docker` group (after a new login or
//! `newgrp docker`); `docker run` pulls once and runs `hello-world`, web servers (`nginx`,
//! `httpd`, published with `-p`) and curl images (one hop further from IMDS).

use super::Ctx;
use crate::imds::mix;
use crate::output::CommandOutput;
use crate::shell::exec::Io;
use crate::shell::host::Host;
use crate::shell::machine::{Container, Machine};

const HELLO: &str = "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\nTo generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n    (amd64)\n 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\nTo try something more ambitious, you can run an Ubuntu container with:\n $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n";

const DENIED: &str = "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.45/containers/json\": dial unix /var/run/docker.sock: connect: permission denied\n";

fn installed(m: &Machine) -> bool {
    ["docker", "docker.io", "docker-ce"].iter().any(|p| m.packages.contains(*p))
}

/// The image name without registry prefix and tag: `library/nginx:1.27` → `nginx`.
fn base(image: &str) -> &str {
    let no_tag = image.split(':').next().unwrap_or(image);
    no_tag.rsplit('/').next().unwrap_or(no_tag)
}

fn pull(m: &mut Machine, image: &str, out: &mut CommandOutput) {
    let full = if image.contains(':') { image.to_string() } else { format!("{image}:latest") };
    if m.images.insert(full.clone()) {
        let tag = full.rsplit(':').next().unwrap_or("latest");
        let digest = mix::text(mix::hash(&[&full, "digest"]), 64, b"0123456789abcdef");
        out.stderr.push_str(&format!(
            "Unable to find image '{full}' locally\n{tag}: Pulling from library/{}\nDigest: sha256:{digest}\nStatus: Downloaded newer image for {full}\n",
            base(image)
        ));
    }
}

/// `docker ps [-a]`.
fn ps(m: &Machine, all: bool) -> CommandOutput {
    let mut text = String::from(
        "CONTAINER ID   IMAGE         COMMAND                  CREATED         STATUS         PORTS                                 NAMES\n",
    );
    for c in m.containers.iter().filter(|c| all || c.running) {
        let ports = match c.host_port {
            Some(h) if c.running => format!("0.0.0.0:{h}->{}/tcp", c.container_port),
            _ => format!("{}/tcp", c.container_port),
        };
        let command =
            if base(&c.image) == "nginx" { "\"/docker-entrypoint.…\"" } else { "\"httpd-foreground\"" };
        let status = if c.running { "Up 2 minutes" } else { "Exited (0) 1 minute ago" };
        text.push_str(&format!(
            "{:<14} {:<13} {:<24} {:<15} {:<14} {:<37} {}\n",
            &c.id[..12],
            c.image,
            command,
            "2 minutes ago",
            status,
            ports,
            c.name
        ));
    }
    CommandOutput::ok(text)
}

impl Ctx<'_> {
    /// Runs `docker ARGS` on the current instance.
    pub(super) fn docker(&mut self, host: &mut Host, args: &[String], io: &Io<'_>) -> CommandOutput {
        let Some(id) = self.here.clone() else {
            return CommandOutput::fail("bash: docker: command not found\n", 127);
        };
        let Some(m) = self.machines.get(&id) else {
            return CommandOutput::fail("bash: docker: command not found\n", 127);
        };
        if !installed(m) {
            return CommandOutput::fail("bash: docker: command not found\n", 127);
        }
        if matches!(args.first().map(String::as_str), Some("--version" | "-v")) {
            return CommandOutput::ok("Docker version 25.0.6, build 1a1d8a0\n");
        }
        let member = m.docker_group.get(&host.user).copied().unwrap_or(false);
        if host.user != "root" && !member {
            return CommandOutput::fail(DENIED, 1);
        }
        if !m.service_active("docker") {
            return CommandOutput::fail(
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n",
                1,
            );
        }
        match args.first().map(String::as_str) {
            Some("ps") => ps(m, args.iter().any(|a| a == "-a" || a == "--all")),
            Some("images") => {
                let mut text = String::from("REPOSITORY    TAG       IMAGE ID       CREATED       SIZE\n");
                for image in &m.images {
                    let (repo, tag) = image.split_once(':').unwrap_or((image, "latest"));
                    let iid = mix::text(mix::hash(&[image, "id"]), 12, b"0123456789abcdef");
                    text.push_str(&format!("{repo:<13} {tag:<9} {iid}   2 weeks ago   187MB\n"));
                }
                CommandOutput::ok(text)
            }
            Some("stop" | "rm" | "kill") => self.docker_stop(&id, args),
            Some("run") => self.docker_run(&id, host, args, io),
            _ => CommandOutput::fail(
                "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nThis sandbox runs: run, ps, images, stop, rm, --version\n",
                1,
            ),
        }
    }

    fn docker_stop(&mut self, id: &str, args: &[String]) -> CommandOutput {
        let Some(m) = self.machines.get_mut(id) else { return CommandOutput::default() };
        let removing = args[0] == "rm";
        let mut out = CommandOutput::default();
        for name in args[1..].iter().filter(|a| !a.starts_with('-')) {
            let found = m.containers.iter().position(|c| c.name == *name || c.id.starts_with(name.as_str()));
            match found {
                Some(i) if removing && m.containers[i].running => {
                    out.stderr.push_str(&format!("Error response from daemon: cannot remove container \"/{}\": container is running: stop the container before removing or force remove\n", m.containers[i].name));
                    out.exit_code = 1;
                }
                Some(i) => {
                    if removing {
                        m.containers.remove(i);
                    } else {
                        m.containers[i].running = false;
                    }
                    out.stdout.push_str(&format!("{name}\n"));
                }
                None => {
                    out.stderr.push_str(&format!("Error response from daemon: No such container: {name}\n"));
                    out.exit_code = 1;
                }
            }
        }
        out
    }

    fn docker_run(&mut self, id: &str, host: &mut Host, args: &[String], io: &Io<'_>) -> CommandOutput {
        let mut i = 1;
        let (mut host_net, mut tty, mut detach) = (false, false, false);
        let mut publish: Option<(u16, u16)> = None;
        let mut name: Option<String> = None;
        while let Some(a) = args.get(i).filter(|a| a.starts_with('-')) {
            match a.as_str() {
                "--network" | "--net" => {
                    host_net = args.get(i + 1).is_some_and(|v| v == "host");
                    i += 1;
                }
                "--network=host" | "--net=host" => host_net = true,
                "-t" | "-it" | "-ti" | "--tty" => tty = true,
                "-d" | "--detach" | "-dit" | "-itd" => detach = true,
                "-p" | "--publish" => {
                    let spec = args.get(i + 1).cloned().unwrap_or_default();
                    let (h, c) = spec.rsplit_once(':').unwrap_or((spec.as_str(), spec.as_str()));
                    match (
                        h.rsplit(':').next().unwrap_or(h).parse::<u16>(),
                        c.trim_end_matches("/tcp").parse::<u16>(),
                    ) {
                        (Ok(h), Ok(c)) => publish = Some((h, c)),
                        _ => {
                            return CommandOutput::fail(
                                format!(
                                    "docker: invalid publish opts format (should be name=value but got '{spec}')\n"
                                ),
                                125,
                            );
                        }
                    }
                    i += 1;
                }
                "--name" => {
                    name = args.get(i + 1).cloned();
                    i += 1;
                }
                "-e" | "-v" | "--env" | "--volume" => i += 1,
                _ => {}
            }
            i += 1;
        }
        let Some(image) = args.get(i).cloned() else {
            return CommandOutput::fail(
                "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n",
                1,
            );
        };
        let mut command: Vec<String> = args[i + 1..].to_vec();
        let mut out = CommandOutput::default();
        if let Some(m) = self.machines.get_mut(id) {
            pull(m, &image, &mut out);
        }
        match base(&image) {
            "hello-world" => {
                out.stdout.push_str(HELLO);
                out
            }
            b if b.contains("curl") || command.first().is_some_and(|c| c == "curl") => {
                // Images built on curl (curlimages/curl) have curl as their entrypoint.
                if command.first().is_none_or(|c| c != "curl") {
                    command.insert(0, "curl".to_string());
                }
                let saved = self.hops;
                self.hops = if host_net { 1 } else { 2 };
                // Without -t the container's stdout is a pipe, so curl shows its meter.
                let inner = Io { stdout_is_tty: io.stdout_is_tty && tty, ..*io };
                let result = self.curl(host, &command[1..], &inner);
                self.hops = saved;
                out.stdout.push_str(&result.stdout);
                out.stderr.push_str(&result.stderr);
                out.exit_code = result.exit_code;
                out
            }
            b @ ("nginx" | "httpd") => {
                let Some(m) = self.machines.get_mut(id) else { return out };
                let container_port = publish.map(|p| p.1).unwrap_or(80);
                let cid = mix::text(
                    mix::hash(&[id, &image, &m.containers.len().to_string()]),
                    64,
                    b"0123456789abcdef",
                );
                let cname = name.unwrap_or_else(|| {
                    format!("{}_{}", ["eager", "brave", "quirky", "serene"][m.containers.len() % 4], b)
                });
                if let Some((h, _)) = publish {
                    let taken_by_container = m.containers.iter().any(|c| c.running && c.host_port == Some(h));
                    let taken_by_service =
                        h == 80 && ["httpd", "apache2", "nginx"].iter().any(|u| m.service_active(u));
                    if taken_by_container || taken_by_service {
                        let why = if taken_by_container {
                            format!("Bind for 0.0.0.0:{h} failed: port is already allocated")
                        } else {
                            format!(
                                "failed to bind port 0.0.0.0:{h}/tcp: Error starting userland proxy: listen tcp4 0.0.0.0:{h}: bind: address already in use"
                            )
                        };
                        out.stderr.push_str(&format!("docker: Error response from daemon: driver failed programming external connectivity on endpoint {cname} ({}): {why}.\n", &cid[..64.min(cid.len())]));
                        out.exit_code = 125;
                        return out;
                    }
                }
                m.containers.push(Container {
                    id: cid.clone(),
                    name: cname,
                    image: image.clone(),
                    host_port: publish.map(|p| p.0),
                    container_port,
                    running: true,
                    created: io.now,
                });
                if detach {
                    out.stdout.push_str(&format!("{cid}\n"));
                } else if b == "nginx" {
                    out.stdout
                        .push_str("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
                } else {
                    out.stdout.push_str("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message\n");
                }
                out
            }
            other => {
                out.stderr.push_str(&format!(
                    "docker: the sandbox runs hello-world, nginx, httpd and curl images (not '{other}').\n"
                ));
                out.exit_code = 125;
                out
            }
        }
    }
}
