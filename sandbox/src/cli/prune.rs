//! Before a `--query` runs, drop the parts of the response the expression can never reach:
//! converting a 1,000-instance response for the `jmespath` crate costs far more than the
//! search itself. The analysis is conservative: anything it does not understand keeps the
//! whole value (functions, `@`, `*` on objects, comparisons).

use std::collections::BTreeMap;

use jmespath::ast::Ast;
use serde_json::{Map, Value};

/// What part of a value an expression needs.
#[derive(Debug, Clone, PartialEq)]
enum Need {
    /// The whole value.
    All,
    /// Only these fields of an object (arrays pass the need on to every element).
    Fields(BTreeMap<String, Need>),
}

impl Need {
    fn none() -> Need {
        Need::Fields(BTreeMap::new())
    }

    fn union(self, other: Need) -> Need {
        match (self, other) {
            (Need::All, _) | (_, Need::All) => Need::All,
            (Need::Fields(mut a), Need::Fields(b)) => {
                for (k, v) in b {
                    let merged = match a.remove(&k) {
                        Some(old) => old.union(v),
                        None => v,
                    };
                    a.insert(k, merged);
                }
                Need::Fields(a)
            }
        }
    }
}

/// What the input of `ast` must keep so that its output still satisfies `cont`.
fn need_of(ast: &Ast, cont: Need) -> Need {
    match ast {
        Ast::Field { name, .. } => Need::Fields(BTreeMap::from([(name.clone(), cont)])),
        Ast::Subexpr { lhs, rhs, .. } => {
            let inner = need_of(rhs, cont);
            need_of(lhs, inner)
        }
        Ast::Projection { lhs, rhs, .. } => {
            let element = need_of(rhs, cont);
            need_of(lhs, element)
        }
        Ast::Flatten { node, .. } => need_of(node, cont),
        Ast::Index { .. } | Ast::Slice { .. } | Ast::Identity { .. } => cont,
        Ast::Literal { .. } => Need::none(),
        Ast::MultiList { elements, .. } => {
            elements.iter().fold(Need::none(), |acc, e| acc.union(need_of(e, cont.clone())))
        }
        Ast::MultiHash { elements, .. } => elements.iter().fold(Need::none(), |acc, kv| {
            let sub = match &cont {
                Need::All => Need::All,
                Need::Fields(f) => f.get(&kv.key).cloned().unwrap_or_else(Need::none),
            };
            acc.union(need_of(&kv.value, sub))
        }),
        Ast::Condition { predicate, then, .. } => need_of(predicate, Need::All).union(need_of(then, cont)),
        Ast::And { lhs, rhs, .. } | Ast::Or { lhs, rhs, .. } => {
            need_of(lhs, cont.clone()).union(need_of(rhs, cont))
        }
        Ast::Comparison { .. }
        | Ast::Not { .. }
        | Ast::ObjectValues { .. }
        | Ast::Function { .. }
        | Ast::Expref { .. } => Need::All,
    }
}

fn prune(value: &Value, need: &Need) -> Value {
    match (value, need) {
        (_, Need::All) => value.clone(),
        (Value::Object(m), Need::Fields(fields)) => {
            let mut out = Map::new();
            for (k, v) in m {
                if let Some(sub) = fields.get(k) {
                    out.insert(k.clone(), prune(v, sub));
                }
            }
            Value::Object(out)
        }
        (Value::Array(a), Need::Fields(_)) => Value::Array(a.iter().map(|v| prune(v, need)).collect()),
        (other, Need::Fields(_)) => other.clone(),
    }
}

/// The part of `data` that `ast` can reach, or `None` when it may reach all of it.
pub fn reachable(ast: &Ast, data: &Value) -> Option<Value> {
    match need_of(ast, Need::All) {
        Need::All => None,
        need => Some(prune(data, &need)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    fn pruned(expr: &str, data: &serde_json::Value) -> serde_json::Value {
        let compiled = jmespath::compile(expr).unwrap();
        super::reachable(compiled.as_ast(), data).unwrap_or_else(|| data.clone())
    }

    #[test]
    fn keeps_only_the_fields_a_projection_reads() {
        let data = json!({"Reservations": [{"OwnerId": "1", "Instances": [{"InstanceId": "i-1", "State": {"Code": 16, "Name": "running"}, "Big": [1, 2, 3]}]}]});
        assert_eq!(
            pruned("Reservations[].Instances[].[InstanceId,State.Name]", &data),
            json!({"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "running"}}]}]})
        );
        assert_eq!(
            pruned("Reservations[0].Instances[0]", &data)["Reservations"][0]["Instances"][0]["Big"],
            json!([1, 2, 3])
        );
        assert_eq!(pruned("length(Reservations)", &data), data);
        assert_eq!(
            pruned("Reservations[].Instances[?State.Name=='running'].InstanceId", &data)["Reservations"][0]["Instances"]
                [0]["Big"],
            json!([1, 2, 3]),
            "a filter keeps whole elements"
        );
    }
}
