//! What the learner has entered for the current question, before checking it.

use quiz_engine::{Answer, Body, Question};

/// The learner's unfinished answer, shaped by the question type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Draft {
    /// Option indices chosen (single, multiple).
    Choices(Vec<usize>),
    /// True or false, once picked.
    Bool(Option<bool>),
    /// Item indices in the order the learner arranged them.
    Order(Vec<usize>),
    /// Short answers and commands.
    Text(String),
    /// Labs are done in their own widget.
    Lab,
}

impl Draft {
    /// The empty draft for `question`.
    pub fn for_question(question: &Question) -> Draft {
        match &question.body {
            Body::Single { .. } | Body::Multiple { .. } => Draft::Choices(Vec::new()),
            Body::TrueFalse { .. } => Draft::Bool(None),
            Body::Ordering { items } => Draft::Order(shuffled_order(&question.id, items.len())),
            Body::Short { .. } | Body::Command { .. } => Draft::Text(String::new()),
            Body::Lab { .. } => Draft::Lab,
        }
    }

    /// The draft showing `answer` (a saved one, e.g. when an exam goes back to a question), or
    /// the empty draft when there is none or it does not fit the question.
    pub fn from_answer(question: &Question, answer: Option<&Answer>) -> Draft {
        match (answer, &question.body) {
            (Some(Answer::Single(i)), Body::Single { .. }) => Draft::Choices(vec![*i]),
            (Some(Answer::Multiple(v)), Body::Multiple { .. }) => Draft::Choices(v.clone()),
            (Some(Answer::TrueFalse(b)), Body::TrueFalse { .. }) => Draft::Bool(Some(*b)),
            (Some(Answer::Ordering(o)), Body::Ordering { items }) if o.len() == items.len() => {
                Draft::Order(o.clone())
            }
            (Some(Answer::Short(t)), Body::Short { .. })
            | (Some(Answer::Command(t)), Body::Command { .. }) => Draft::Text(t.clone()),
            _ => Draft::for_question(question),
        }
    }

    /// Picks option `i`: replaces the choice when `multiple` is false, toggles it otherwise.
    pub fn choose(&mut self, i: usize, multiple: bool) {
        if let Draft::Choices(chosen) = self {
            if !multiple {
                chosen.clear();
                chosen.push(i);
            } else if let Some(at) = chosen.iter().position(|&c| c == i) {
                chosen.remove(at);
            } else {
                chosen.push(i);
            }
        }
    }

    pub fn set_bool(&mut self, value: bool) {
        if let Draft::Bool(b) = self {
            *b = Some(value);
        }
    }

    /// Moves the item at `position` one place up (`up`) or down.
    pub fn move_item(&mut self, position: usize, up: bool) {
        if let Draft::Order(order) = self {
            let target = if up { position.checked_sub(1) } else { Some(position + 1) };
            if let Some(target) = target.filter(|&t| t < order.len() && position < order.len()) {
                order.swap(position, target);
            }
        }
    }

    pub fn set_text(&mut self, text: String) {
        if let Draft::Text(t) = self {
            *t = text;
        }
    }

    /// The answer to grade, or `None` while nothing has been entered.
    pub fn to_answer(&self, question: &Question) -> Option<Answer> {
        match (self, &question.body) {
            (Draft::Choices(c), Body::Single { .. }) => c.first().map(|&i| Answer::Single(i)),
            (Draft::Choices(c), Body::Multiple { .. }) if !c.is_empty() => {
                let mut chosen = c.clone();
                chosen.sort_unstable();
                Some(Answer::Multiple(chosen))
            }
            (Draft::Bool(b), Body::TrueFalse { .. }) => b.map(Answer::TrueFalse),
            (Draft::Order(o), Body::Ordering { .. }) => Some(Answer::Ordering(o.clone())),
            (Draft::Text(t), Body::Short { .. }) if !t.trim().is_empty() => Some(Answer::Short(t.clone())),
            (Draft::Text(t), Body::Command { .. }) if !t.trim().is_empty() => {
                Some(Answer::Command(t.clone()))
            }
            _ => None,
        }
    }
}

/// A fixed shuffle of `0..n` derived from the question id: the same every visit, never the
/// correct order itself (for n > 1).
pub fn shuffled_order(id: &str, n: usize) -> Vec<usize> {
    let mut state =
        id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let j = (state >> 33) as usize % (i + 1);
        order.swap(i, j);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &v)| i == v) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_a_stable_permutation_that_is_never_the_answer() {
        for n in 0..8 {
            for id in ["a", "lifecycle-order", "imds-steps", "x-y-z"] {
                let order = shuffled_order(id, n);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert_eq!(order, shuffled_order(id, n));
                if n > 1 {
                    assert_ne!(order, sorted, "{id} {n}");
                }
            }
        }
    }
}
