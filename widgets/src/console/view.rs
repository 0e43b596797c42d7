//! The console's Yew component: renders a [`ConsoleSnapshot`].

use std::rc::Rc;

use yew::prelude::*;

use super::lifecycle::Lifecycle;
use super::model::{ConsoleSnapshot, InstanceCard};

#[derive(Properties, PartialEq, Clone)]
pub struct ConsoleProps {
    pub snapshot: Rc<ConsoleSnapshot>,
}

fn card(instance: &InstanceCard) -> Html {
    let title = match &instance.name {
        Some(name) => format!("{name} ({})", instance.id),
        None => instance.id.clone(),
    };
    let public = match (&instance.public_ip, instance.elastic_ip) {
        (Some(ip), true) => format!("{ip} (Elastic IP)"),
        (Some(ip), false) => ip.clone(),
        (None, _) => "none".to_string(),
    };
    html! {
        <li class={classes!("ec2lab-card", format!("ec2lab-state-{}", instance.state))}>
            <h4>{ title }</h4>
            <dl>
                <dt>{ "State" }</dt><dd class="ec2lab-card-state">{ &instance.state }</dd>
                <dt>{ "Type" }</dt><dd>{ &instance.instance_type }</dd>
                <dt>{ "Public IPv4" }</dt><dd>{ public }</dd>
                <dt>{ "Private IPv4" }</dt><dd>{ instance.private_ip.clone().unwrap_or_else(|| "none".into()) }</dd>
                if !instance.public_dns.is_empty() {
                    <dt>{ "Public DNS" }</dt><dd>{ &instance.public_dns }</dd>
                }
                <dt>{ "Key pair" }</dt><dd>{ instance.key_name.clone().unwrap_or_else(|| "none".into()) }</dd>
                <dt>{ "Security groups" }</dt><dd>{ instance.security_groups.join(", ") }</dd>
                <dt>{ "Volumes" }</dt>
                <dd>{ if instance.volumes.is_empty() { "none".to_string() } else { instance.volumes.join(", ") } }</dd>
            </dl>
            <Lifecycle state={AttrValue::from(instance.state.clone())} />
        </li>
    }
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let s = &props.snapshot;
    let list = |title: &str, items: &[String]| {
        html! {
            <details class="ec2lab-console-list">
                <summary>{ format!("{title} ({})", items.len()) }</summary>
                <ul>{ for items.iter().map(|i| html! { <li>{ i }</li> }) }</ul>
            </details>
        }
    };
    html! {
        <aside class="ec2lab-console" aria-label={format!("Console view of {}", s.region)}>
            <div class="ec2lab-console-head">
                <span>{ format!("EC2 console, {}", s.region) }</span>
                <span class="ec2lab-cost" title="Simulated spend: instances, public IPv4 addresses, volumes">
                    { format!("${:.4} so far, ${:.4}/hour", s.cost_usd, s.usd_per_hour) }
                </span>
            </div>
            if s.instances.is_empty() {
                <p class="ec2lab-console-empty">{ "No instances yet. Launch one with aws ec2 run-instances." }</p>
            } else {
                <ul class="ec2lab-cards">{ for s.instances.iter().map(card) }</ul>
            }
            { list("Elastic IPs", &s.addresses) }
            { list("Security groups", &s.security_groups) }
        </aside>
    }
}
