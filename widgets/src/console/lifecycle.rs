//! The instance lifecycle as an SVG diagram, with the current state highlighted.

use yew::prelude::*;

/// (state, code, x, y) of each box.
const NODES: [(&str, u16, i32, i32); 6] = [
    ("pending", 0, 4, 6),
    ("running", 16, 112, 6),
    ("stopping", 64, 220, 6),
    ("stopped", 80, 328, 6),
    ("shutting-down", 32, 166, 84),
    ("terminated", 48, 328, 84),
];

/// Transitions drawn as arrows: (from, to).
const EDGES: [(&str, &str); 7] = [
    ("pending", "running"),
    ("running", "stopping"),
    ("stopping", "stopped"),
    ("stopped", "pending"),
    ("running", "shutting-down"),
    ("stopped", "shutting-down"),
    ("shutting-down", "terminated"),
];

const W: i32 = 96;
const H: i32 = 30;

fn node(name: &str) -> Option<(i32, i32)> {
    NODES.iter().find(|n| n.0 == name).map(|n| (n.2, n.3))
}

/// Where an arrow from box `a` to box `b` starts and ends: box edges, not centres.
fn arrow(a: (i32, i32), b: (i32, i32)) -> (i32, i32, i32, i32) {
    let (ax, ay, bx, by) = (a.0 + W / 2, a.1 + H / 2, b.0 + W / 2, b.1 + H / 2);
    if ay == by {
        if bx > ax { (a.0 + W, ay, b.0, by) } else { (a.0, ay + 8, b.0 + W, by + 8) }
    } else {
        (ax, a.1 + H, bx, b.1)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct LifecycleProps {
    /// The API state name to highlight.
    pub state: AttrValue,
}

#[component]
pub fn Lifecycle(props: &LifecycleProps) -> Html {
    let edges = EDGES.iter().filter_map(|(from, to)| {
        let (x1, y1, x2, y2) = arrow(node(from)?, node(to)?);
        // `stopped -> pending` runs back along the top row: draw it above the boxes.
        if *from == "stopped" && *to == "pending" {
            let d = format!(
                "M {} {} C {} -14, {} -14, {} {}",
                x1 - W / 2,
                6,
                x1 - W / 2,
                W / 2 + 4,
                W / 2 + 4,
                6
            );
            return Some(html! { <path d={d} class="ec2lab-lc-edge" marker-end="url(#ec2lab-arrow)" /> });
        }
        Some(html! {
            <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                class="ec2lab-lc-edge" marker-end="url(#ec2lab-arrow)" />
        })
    });
    let nodes = NODES.iter().map(|(name, code, x, y)| {
        let current = props.state == *name;
        html! {
            <g class={classes!("ec2lab-lc-node", current.then_some("ec2lab-lc-current"))}>
                <rect x={x.to_string()} y={y.to_string()} width={W.to_string()} height={H.to_string()} rx="5" />
                <text x={(x + W / 2).to_string()} y={(y + 19).to_string()} text-anchor="middle">
                    { format!("{name} ({code})") }
                </text>
            </g>
        }
    });
    html! {
        <svg class="ec2lab-lifecycle" viewBox="-2 -20 432 140" role="img"
            aria-label={format!("Instance lifecycle, current state {}", props.state)}>
            <defs>
                <marker id="ec2lab-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            { for edges }
            { for nodes }
        </svg>
    }
}
