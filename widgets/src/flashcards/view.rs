//! The flashcards' Yew component: renders a [`FlashcardsModel`], saves each review and the exam
//! date, and keeps several decks on one page (or in several tabs) in step: after a save it
//! fires `ec2lab-progress` on the window, and every deck reloads what is stored.

use std::cell::RefCell;
use std::rc::Rc;

use quiz_engine::srs::{Rating, Scheduler};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::model::{FlashcardsConfig, FlashcardsModel, interval_text, rating_label};
use crate::quiz::inputs::rich;
use crate::{clock, dates, storage};

/// The window event a widget fires after saving progress.
const CHANGED: &str = "ec2lab-progress";

#[derive(Properties, PartialEq, Clone)]
pub struct FlashcardsProps {
    pub config: FlashcardsConfig,
    /// The site root, for links to lesson sections.
    pub root: String,
}

type Model = Rc<RefCell<FlashcardsModel>>;

/// Where focus goes after the next render.
#[derive(Clone, Copy, PartialEq)]
enum Focus {
    Back,
    ShowAnswer,
}

#[derive(Clone)]
struct Ctx {
    model: Model,
    redraw: UseForceUpdateHandle,
    notice: UseStateHandle<Option<String>>,
    focus: Rc<RefCell<Option<Focus>>>,
}

impl Ctx {
    fn reveal(&self) {
        self.model.borrow_mut().reveal(clock::now());
        *self.focus.borrow_mut() = Some(Focus::Back);
        self.redraw.force_update();
    }

    fn rate(&self, rating: Rating) {
        let now = clock::now();
        let rated = self.model.borrow_mut().rate(rating, now);
        if let Some(id) = rated {
            self.save(|p| p.review_card(&id, rating, now, &Scheduler::new(p.exam_date)));
            *self.focus.borrow_mut() = Some(Focus::ShowAnswer);
        }
        self.redraw.force_update();
    }

    fn set_exam_date(&self, date: Option<quiz_engine::Timestamp>) {
        self.model.borrow_mut().set_exam_date(date, clock::now());
        self.save(|p| p.exam_date = date);
        self.redraw.force_update();
    }

    /// Applies `change` to stored progress; tells the other widgets, or says why it failed.
    fn save(&self, change: impl FnOnce(&mut quiz_engine::Progress)) {
        match storage::update(change) {
            Ok(()) => {
                if let Some(window) = web_sys::window()
                    && let Ok(event) = web_sys::Event::new(CHANGED)
                {
                    let _ = window.dispatch_event(&event);
                }
            }
            Err(e) => self.notice.set(Some(e)),
        }
    }

    /// Reloads stored progress (kept as is when storage cannot be read at all).
    fn reload(&self) {
        let (progress, notes) = storage::load();
        let unreadable = notes.iter().any(|n| n.starts_with("progress will not be saved"));
        if !unreadable {
            self.model.borrow_mut().reload(progress, clock::now());
        } else {
            self.model.borrow_mut().refresh(clock::now());
        }
        self.redraw.force_update();
    }
}

#[component]
pub fn Flashcards(props: &FlashcardsProps) -> Html {
    // Built without a clock or storage; the mount effect below loads both.
    let model: Model = use_mut_ref({
        let config = props.config.clone();
        move || {
            FlashcardsModel::new(config, quiz_engine::Progress::default(), quiz_engine::Timestamp::default())
        }
    });
    let ctx = Ctx {
        model: model.clone(),
        redraw: use_force_update(),
        notice: use_state(|| Option::<String>::None),
        focus: use_mut_ref(|| None),
    };
    let back_ref = use_node_ref();
    let show_ref = use_node_ref();
    let check_ref = use_node_ref();

    // Load stored progress, and reload whenever another widget or tab saves.
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| {
            let (progress, notes) = storage::load();
            ctx.model.borrow_mut().reload(progress, clock::now());
            if let Some(first) = notes.first() {
                ctx.notice.set(Some(first.clone()));
            }
            ctx.redraw.force_update();
            let listener = {
                let ctx = ctx.clone();
                Closure::<dyn Fn()>::new(move || ctx.reload())
            };
            let window = web_sys::window();
            if let Some(w) = &window {
                for kind in [CHANGED, "storage"] {
                    let _ = w.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(w) = &window {
                    for kind in [CHANGED, "storage"] {
                        let _ =
                            w.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
                    }
                }
                drop(listener);
            }
        });
    }

    // Keyboard users stay with the card: the back once shown, then the next card's button.
    {
        let pending = ctx.focus.clone();
        let (back_ref, show_ref, check_ref) = (back_ref.clone(), show_ref.clone(), check_ref.clone());
        use_effect(move || {
            let target = pending.borrow_mut().take();
            let element = match target {
                Some(Focus::Back) => back_ref.cast::<HtmlElement>(),
                // After the last card, the button that looks for more.
                Some(Focus::ShowAnswer) => {
                    show_ref.cast::<HtmlElement>().or_else(|| check_ref.cast::<HtmlElement>())
                }
                None => None,
            };
            if let Some(el) = element {
                let _ = el.focus();
            }
        });
    }

    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            // mdBook turns the page on an arrow pressed over a button: not while reviewing.
            if matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight") {
                e.stop_propagation();
                return;
            }
            let tag = e.target_dyn_into::<HtmlElement>().map(|el| el.tag_name()).unwrap_or_default();
            if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
                return;
            }
            let revealed = ctx.model.borrow().revealed();
            let rating = match e.key().as_str() {
                "1" => Some(Rating::Again),
                "2" => Some(Rating::Hard),
                "3" => Some(Rating::Good),
                "4" => Some(Rating::Easy),
                _ => None,
            };
            match (e.key().as_str(), rating) {
                // On a button, Space presses it: leave that to the browser.
                (" ", _) if !revealed && !matches!(tag.as_str(), "BUTTON" | "A") => {
                    e.prevent_default();
                    ctx.reveal();
                }
                (_, Some(r)) if revealed => {
                    e.prevent_default();
                    ctx.rate(r);
                }
                _ => {}
            }
        })
    };

    let m = model.borrow();
    let notice = ctx.notice.as_ref().map(|n| html! { <p class="ec2lab-notice" role="status">{ n }</p> });
    let counts = format!("Due: {} · New: {} · Done: {}", m.due_count(), m.new_count(), m.done());
    let card = match m.current() {
        None => {
            let next = m
                .next_due_in()
                .map(|ms| format!("The next card of this deck is due in {}.", interval_text(ms)));
            let check = {
                let ctx = ctx.clone();
                Callback::from(move |_: MouseEvent| {
                    ctx.model.borrow_mut().refresh(clock::now());
                    ctx.redraw.force_update();
                })
            };
            html! {
                <div class="ec2lab-flashcards-done" role="status">
                    <p>{ "Nothing to review in this deck right now." }</p>
                    if let Some(next) = next { <p>{ next }</p> }
                    <button type="button" class="ec2lab-check-due" ref={check_ref.clone()} onclick={check}>{ "Check for due cards" }</button>
                </div>
            }
        }
        Some(card) => {
            let lesson = card.lesson.as_ref().map(|l| format!("{}{}", props.root, l.href()));
            let show = {
                let ctx = ctx.clone();
                Callback::from(move |_: MouseEvent| ctx.reveal())
            };
            let ratings = m.preview().into_iter().map(|(rating, ms)| {
                let (label, key) = rating_label(rating);
                let ctx = ctx.clone();
                let onclick = Callback::from(move |_: MouseEvent| ctx.rate(rating));
                html! {
                    <button type="button" class={classes!("ec2lab-rate", format!("ec2lab-rate-{}", label.to_lowercase()))}
                        aria-keyshortcuts={key} aria-label={format!("{label}: next review in {}", interval_text(ms))} {onclick}>
                        <span class="ec2lab-rate-label">{ label }</span>
                        <span class="ec2lab-rate-interval" aria-hidden="true">{ interval_text(ms) }</span>
                        <kbd aria-hidden="true">{ key }</kbd>
                    </button>
                }
            });
            html! {
                <div class="ec2lab-flashcard">
                    <div class="ec2lab-flashcard-front" role="group" aria-label="Question">{ rich(&card.front) }</div>
                    if m.revealed() {
                        <div class="ec2lab-flashcard-back" role="group" aria-label="Answer" tabindex="-1" ref={back_ref.clone()}>
                            { rich(&card.back) }
                            if let Some(href) = lesson {
                                <a class="ec2lab-lesson-link" href={href}>{ "Read the lesson section" }</a>
                            }
                        </div>
                        <div class="ec2lab-ratings" role="group" aria-label="How well did you recall it?">
                            { for ratings }
                        </div>
                    } else {
                        <div class="ec2lab-actions">
                            <button type="button" class="ec2lab-primary ec2lab-show-answer" aria-keyshortcuts="Space"
                                ref={show_ref.clone()} onclick={show}>
                                { "Show answer" }<kbd aria-hidden="true">{ "Space" }</kbd>
                            </button>
                        </div>
                    }
                </div>
            }
        }
    };

    let date_id = format!("ec2lab-exam-date-{}", m.deck());
    let date_value = m.exam_date().map(dates::format).unwrap_or_default();
    let on_date = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let value = input.value();
                // An empty or half-typed date clears nothing until it is a whole date or empty.
                match dates::parse(&value) {
                    Some(date) => ctx.set_exam_date(Some(date)),
                    None if value.is_empty() => ctx.set_exam_date(None),
                    None => {}
                }
            }
        })
    };
    let clear_date = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.set_exam_date(None))
    };

    html! {
        // Focusable (not in the tab order) so that after a click on the card the shortcuts work.
        <section class="ec2lab-flashcards" aria-label={format!("Flashcards: {}", m.title())} tabindex="-1" {onkeydown}>
            <header class="ec2lab-quiz-header">
                <span class="ec2lab-title">{ format!("Flashcards: {}", m.title()) }</span>
                <span class="ec2lab-flashcards-counts" role="status">{ counts }</span>
            </header>
            { for notice }
            { card }
            <div class="ec2lab-exam-date">
                <label for={date_id.clone()}>{ "Exam or interview date" }</label>
                <input type="date" id={date_id} value={date_value.clone()} onchange={on_date} />
                if !date_value.is_empty() {
                    <button type="button" onclick={clear_date}>{ "Clear date" }</button>
                }
                <span class="ec2lab-hint">{ "Cards that would fall due after this date come back the day before it." }</span>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The component renders without a browser: no clock or storage is read while rendering.
    #[tokio::test]
    async fn first_card_renders_natively() {
        let deck = "deck: d\ntitle: Deck\n\n## d-one\n\nFront one\n\n---\n\nBack one\n";
        let deck = quiz_engine::parse_deck("content/decks/d.md", deck).expect("deck");
        let json = serde_json::json!({ "deck": "d", "title": deck.title, "cards": deck.cards });
        let props =
            FlashcardsProps { config: serde_json::from_value(json).expect("config"), root: "/".into() };
        let html = yew::LocalServerRenderer::<Flashcards>::with_props(props).render().await;
        assert!(html.contains("Front one") && !html.contains("Back one"), "{html}");
        assert!(html.contains("Show answer") && html.contains("Due: 0 · New: 1 · Done: 0"), "{html}");
        assert!(html.contains(r#"for="ec2lab-exam-date-d""#), "{html}");
    }
}
