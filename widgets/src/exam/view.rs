//! The mock exam's Yew component: renders an [`ExamModel`], passes it the time on every action
//! and every second (a `gloo-timers` interval), and stores each finished attempt.

use std::cell::RefCell;
use std::rc::Rc;

use quiz_engine::progress::ExamRecord;
use quiz_engine::{Body, Timestamp};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::model::{ExamConfig, ExamModel, Phase, clock_text};
use super::result::finished;
use super::saved;
use crate::quiz::inputs::{InputHandlers, answer_inputs, hint, rich};
use crate::{clock, dates, storage};

#[derive(Properties, PartialEq, Clone)]
pub struct ExamProps {
    pub config: ExamConfig,
    /// The site root, for links to lesson sections.
    pub root: String,
}

type Model = Rc<RefCell<ExamModel>>;

/// Everything a callback needs: the model, a redraw, and where to report storage problems.
#[derive(Clone)]
pub(super) struct Ctx {
    model: Model,
    redraw: UseForceUpdateHandle,
    notice: UseStateHandle<Option<String>>,
    history: UseStateHandle<Vec<ExamRecord>>,
}

impl Ctx {
    /// A callback that applies `f` at the current time, stores a just-finished attempt, redraws.
    pub(super) fn act<E: 'static>(&self, f: impl Fn(&mut ExamModel, Timestamp, E) + 'static) -> Callback<E> {
        let ctx = self.clone();
        Callback::from(move |e: E| {
            f(&mut ctx.model.borrow_mut(), clock::now(), e);
            ctx.after(true);
        })
    }

    /// Stores a finished attempt (once), or the running one when `save` (after an action, not
    /// on every tick), and redraws.
    fn after(&self, save: bool) {
        let finished = self.model.borrow_mut().take_finished();
        if save && let Some(exam) = self.model.borrow().running_attempt() {
            saved::save(exam);
        }
        if let Some(f) = finished {
            saved::clear(&f.exam.blueprint);
            match storage::update(|p| p.record_exam(&f.exam, &f.result)) {
                Ok(()) => {
                    let bp = f.exam.blueprint.clone();
                    self.history
                        .set(storage::load().0.exams.into_iter().filter(|e| e.blueprint == bp).collect());
                }
                Err(e) => self.notice.set(Some(e)),
            }
        }
        self.redraw.force_update();
    }
}

#[component]
pub fn MockExam(props: &ExamProps) -> Html {
    let model: Model = use_mut_ref({
        let config = props.config.clone();
        move || ExamModel::new(config)
    });
    let ctx = Ctx {
        model: model.clone(),
        redraw: use_force_update(),
        notice: use_state(|| Option::<String>::None),
        history: use_state(Vec::new),
    };
    let focus = use_node_ref();

    // Past attempts on this blueprint, read once the widget is on the page.
    {
        let history = ctx.history.clone();
        let blueprint = props.config.exam.id.clone();
        use_effect_with((), move |_| {
            history.set(storage::load().0.exams.into_iter().filter(|e| e.blueprint == blueprint).collect());
        });
    }

    // An attempt saved before a reload carries on (or, past its deadline, is submitted).
    {
        let ctx = ctx.clone();
        let blueprint = props.config.exam.id.clone();
        use_effect_with((), move |_| {
            if let Some(exam) = saved::load(&blueprint) {
                if ctx.model.borrow_mut().resume(exam, clock::now()) {
                    ctx.notice
                        .set(Some("Your attempt in progress was restored; the clock kept running.".into()));
                    ctx.after(false);
                } else {
                    saved::clear(&blueprint);
                }
            }
        });
    }

    // The clock: every second the model learns the time; the engine submits at the deadline.
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            let interval = gloo_timers::callback::Interval::new(1000, move || {
                let running = ctx.model.borrow_mut().tick(clock::now());
                if running {
                    ctx.after(false);
                }
            });
            move || drop(interval)
        });
    }

    // Keyboard users land on what changed: the question, the confirmation, the result.
    let (phase, confirming) = {
        let m = model.borrow();
        (m.phase(), m.confirming())
    };
    {
        let focus = focus.clone();
        let first = use_mut_ref(|| true);
        use_effect_with((phase, confirming), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false)
                && let Some(el) = focus.cast::<HtmlElement>()
            {
                let _ = el.focus();
            }
        });
    }

    let m = model.borrow();
    let title = m.blueprint().title.clone();
    let notice = ctx.notice.as_ref().map(|n| html! { <p class="ec2lab-notice" role="status">{ n }</p> });
    let body = match phase {
        Phase::Ready => start_screen(&m, &ctx, &focus),
        Phase::Running => running(&m, &ctx, &focus),
        Phase::Finished => finished(&m, &ctx, &focus, &props.root),
    };
    html! {
        <section class="ec2lab-exam" aria-label={title.clone()} onkeydown={Callback::from(arrow_keys)}>
            <header class="ec2lab-quiz-header">
                <span class="ec2lab-title">{ title }</span>
                if phase == Phase::Running {
                    <span class={classes!("ec2lab-exam-timer", (m.remaining_ms() <= 5 * 60_000).then_some("ec2lab-exam-timer-low"))}
                        role="timer">
                        { format!("Time left {}", clock_text(m.remaining_ms())) }
                    </span>
                }
            </header>
            <p class="ec2lab-visually-hidden" aria-live="polite">{ time_warning(&m) }</p>
            { for notice }
            { body }
        </section>
    }
}

/// Left and right arrows stay inside the exam: mdBook would turn the page (leaving the exam) on
/// an arrow pressed over a button. In the navigator they move between question numbers.
fn arrow_keys(e: KeyboardEvent) {
    let step: i32 = match e.key().as_str() {
        "ArrowLeft" => -1,
        "ArrowRight" => 1,
        _ => return,
    };
    e.stop_propagation();
    let Some(target) = e.target_dyn_into::<web_sys::Element>() else { return };
    if !target.get_attribute("class").is_some_and(|c| c.contains("ec2lab-exam-cell")) {
        return;
    }
    e.prevent_default();
    let item = target.closest("li").ok().flatten();
    let sibling =
        item.and_then(|li| if step < 0 { li.previous_element_sibling() } else { li.next_element_sibling() });
    if let Some(button) = sibling
        .and_then(|li| li.query_selector("button").ok().flatten())
        .and_then(|b| b.dyn_into::<HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

/// Spoken once as each threshold passes (the live region only announces changes).
fn time_warning(m: &ExamModel) -> &'static str {
    if m.phase() != Phase::Running {
        return "";
    }
    match m.remaining_ms() {
        ..=60_000 => "One minute left.",
        60_001..=300_000 => "Five minutes left.",
        300_001..=600_000 => "Ten minutes left.",
        _ => "",
    }
}

fn start_screen(m: &ExamModel, ctx: &Ctx, focus: &NodeRef) -> Html {
    let bp = m.blueprint();
    let planned = m.planned_questions();
    let start = ctx.act(|m, now, _: MouseEvent| m.start(now.0 as u64, now));
    let history = ctx.history.iter().rev().take(5).map(|r| {
        let verdict = if r.passed { "pass" } else { "fail" };
        html! { <li>{ format!("{}: {} ({verdict})", dates::format(r.finished_at), r.scaled) }</li> }
    });
    html! {
        <div class="ec2lab-exam-start">
            <p class="ec2lab-exam-heading" tabindex="-1" ref={focus.clone()}>{ "Before you start" }</p>
            <dl class="ec2lab-exam-facts">
                <dt>{ "Questions" }</dt><dd>{ planned }</dd>
                <dt>{ "Time limit" }</dt><dd>{ format!("{} minutes", bp.time_limit) }</dd>
                <dt>{ "Pass mark" }</dt><dd>{ format!("{} on a scale of 100 to 1000", bp.pass_mark) }</dd>
            </dl>
            if planned < bp.questions {
                <p class="ec2lab-notice">
                    { format!("The question pool has only {planned} questions for the {} this blueprint asks for.", bp.questions) }
                </p>
            }
            <p>{ "The clock starts when you press Start and keeps running; at zero the exam submits itself." }</p>
            if !ctx.history.is_empty() {
                <div class="ec2lab-exam-history">
                    <p>{ "Your recent attempts:" }</p>
                    <ul>{ for history }</ul>
                </div>
            }
            <div class="ec2lab-actions">
                <button type="button" class="ec2lab-primary ec2lab-exam-start-button" onclick={start}>{ "Start the exam" }</button>
            </div>
        </div>
    }
}

fn running(m: &ExamModel, ctx: &Ctx, focus: &NodeRef) -> Html {
    let Some((question, index, total)) = m.current() else { return Html::default() };
    let handlers = InputHandlers {
        name: format!("exam-{}", question.id),
        choose: ctx.act(|m, now, i| m.choose(now, i)),
        set_bool: ctx.act(|m, now, v| m.set_bool(now, v)),
        move_item: ctx.act(|m, now, (pos, up)| m.move_item(now, pos, up)),
        set_text: {
            // Typing records the answer but needs no redraw (the input shows it), except when
            // the field becomes empty or non-empty (the navigator's "answered" mark).
            let ctx = ctx.clone();
            Callback::from(move |text: String| {
                let before = ctx.model.borrow().is_answered();
                ctx.model.borrow_mut().set_text(clock::now(), text);
                let m = ctx.model.borrow();
                let changed = before != m.is_answered() || m.phase() != Phase::Running;
                drop(m);
                if changed {
                    ctx.after(true);
                } else if let Some(exam) = ctx.model.borrow().running_attempt() {
                    saved::save(exam);
                }
            })
        },
    };
    let flagged = m.is_flagged();
    let ordering_unanswered = matches!(question.body, Body::Ordering { .. }) && !m.is_answered();
    let status = match (m.is_answered(), flagged) {
        (true, true) => " (answered, flagged)",
        (true, false) => " (answered)",
        (false, true) => " (flagged)",
        (false, false) => "",
    };
    html! {
        <div class="ec2lab-exam-running">
            { navigator(m, ctx) }
            <form class="ec2lab-question" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <p class="ec2lab-exam-heading" tabindex="-1" ref={focus.clone()}>
                    { format!("Question {} of {total}{status}", index + 1) }
                </p>
                <fieldset>
                    <legend class="ec2lab-stem">{ rich(&question.stem) }</legend>
                    { hint(question) }
                    { answer_inputs(question, m.draft(), None, &handlers) }
                </fieldset>
                <div class="ec2lab-actions">
                    <button type="button" class="ec2lab-exam-prev" disabled={index == 0}
                        onclick={ctx.act(|m, now, _: MouseEvent| m.prev(now))}>{ "Previous" }</button>
                    <button type="button" class="ec2lab-primary ec2lab-exam-next" disabled={index + 1 == total}
                        onclick={ctx.act(|m, now, _: MouseEvent| m.next(now))}>{ "Next" }</button>
                    <button type="button" class={classes!("ec2lab-exam-flag", flagged.then_some("ec2lab-flagged"))}
                        aria-pressed={if flagged { "true" } else { "false" }}
                        onclick={ctx.act(|m, now, _: MouseEvent| m.toggle_flag(now))}>
                        { if flagged { "⚑ Flagged for review" } else { "⚐ Flag for review" } }
                    </button>
                    if ordering_unanswered {
                        <button type="button" class="ec2lab-exam-keep-order" onclick={ctx.act(|m, now, _: MouseEvent| m.keep_order(now))}>
                            { "Answer with this order" }
                        </button>
                    }
                    if m.is_answered() {
                        <button type="button" class="ec2lab-exam-clear" onclick={ctx.act(|m, now, _: MouseEvent| m.clear(now))}>{ "Clear answer" }</button>
                    }
                    <button type="button" class="ec2lab-exam-submit"
                        onclick={ctx.act(|m, now, _: MouseEvent| m.ask_submit(now))}>{ "Submit exam…" }</button>
                </div>
            </form>
            if m.confirming() { { confirmation(m, ctx, focus) } }
        </div>
    }
}

/// The grid of question numbers: answered, flagged and current at a glance, each a button.
fn navigator(m: &ExamModel, ctx: &Ctx) -> Html {
    let cells = m.cells().into_iter().enumerate().map(|(i, cell)| {
        let mut label = format!("Question {}", i + 1);
        label.push_str(if cell.answered { ", answered" } else { ", not answered" });
        if cell.flagged {
            label.push_str(", flagged");
        }
        let class = classes!(
            "ec2lab-exam-cell",
            cell.answered.then_some("ec2lab-answered"),
            cell.flagged.then_some("ec2lab-flagged"),
            cell.current.then_some("ec2lab-current"),
        );
        html! {
            <li>
                <button type="button" {class} aria-label={label} aria-current={cell.current.then_some("step")}
                    onclick={ctx.act(move |m, now, _: MouseEvent| m.go_to(now, i))}>
                    { i + 1 }{ if cell.flagged { "⚑" } else { "" } }
                </button>
            </li>
        }
    });
    html! {
        <nav class="ec2lab-exam-nav" aria-label="Questions">
            <ol>{ for cells }</ol>
            <p class="ec2lab-exam-legend">
                { format!("{} of {} answered. ", m.answered_count(), m.cells().len()) }
                <span class="ec2lab-exam-key ec2lab-answered">{ "answered" }</span>
                <span class="ec2lab-exam-key ec2lab-flagged">{ "⚑ flagged" }</span>
                <span class="ec2lab-exam-key ec2lab-current">{ "current" }</span>
            </p>
        </nav>
    }
}

fn confirmation(m: &ExamModel, ctx: &Ctx, focus: &NodeRef) -> Html {
    let jump_list = |indices: Vec<usize>| {
        let items = indices.into_iter().map(|i| {
            html! {
                <li><button type="button" aria-label={format!("Go to question {}", i + 1)}
                    onclick={ctx.act(move |m, now, _: MouseEvent| m.go_to(now, i))}>{ i + 1 }</button></li>
            }
        });
        html! { <ul class="ec2lab-exam-jumps">{ for items }</ul> }
    };
    let unanswered = m.unanswered();
    let flagged = m.flagged();
    let total = m.cells().len();
    html! {
        <div class="ec2lab-exam-confirm" role="alertdialog" aria-labelledby="ec2lab-exam-confirm-title"
            aria-describedby="ec2lab-exam-confirm-summary" tabindex="-1" ref={focus.clone()}>
            <p id="ec2lab-exam-confirm-title" class="ec2lab-exam-heading">{ "Submit the exam?" }</p>
            <p id="ec2lab-exam-confirm-summary">
                { format!("{} of {total} answered, {} unanswered, {} flagged. After submitting, answers can no longer change.",
                    total - unanswered.len(), unanswered.len(), flagged.len()) }
            </p>
            if !unanswered.is_empty() {
                <p class="ec2lab-exam-unanswered">{ "Unanswered:" }</p>
                { jump_list(unanswered) }
            }
            if !flagged.is_empty() {
                <p class="ec2lab-exam-flagged-list">{ "Flagged for review:" }</p>
                { jump_list(flagged) }
            }
            <div class="ec2lab-actions">
                <button type="button" class="ec2lab-primary ec2lab-exam-confirm-submit"
                    onclick={ctx.act(|m, now, _: MouseEvent| m.submit(now))}>{ "Submit now" }</button>
                <button type="button" onclick={ctx.act(|m, _, _: MouseEvent| m.cancel_submit())}>{ "Keep working" }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props() -> ExamProps {
        let bank = "bank: t\ntitle: T\nlesson: intro.md\ndomain: security\n\n\
## t-tf\ntype: true-false\n\nTrue?\n\n- [x] True\n  > yes\n- [ ] False\n  > no\n";
        let bank = quiz_engine::parse_bank("content/questions/t.md", bank).expect("bank");
        let exam = quiz_engine::parse_blueprint(
            "content/exams/mock.md",
            "exam: mock\ntitle: Mock exam\nquestions: 3\ntime-limit: 5\n\n## security\nweight: 1\n",
        )
        .expect("blueprint");
        let json = serde_json::json!({ "blueprint": "mock", "exam": exam, "questions": bank.questions });
        ExamProps { config: serde_json::from_value(json).expect("config"), root: "/".into() }
    }

    /// The component renders without a browser: no clock or storage is read while rendering.
    #[tokio::test]
    async fn start_screen_renders_natively() {
        let html = yew::LocalServerRenderer::<MockExam>::with_props(props()).render().await;
        assert!(html.contains("Start the exam"), "{html}");
        assert!(html.contains("5 minutes") && html.contains("720"), "{html}");
        assert!(html.contains("has only 1 questions for the 3"), "{html}");
        assert!(html.contains(r#"aria-label="Mock exam""#), "{html}");
    }
}
