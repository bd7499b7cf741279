//! Zoom and pan by wheel, drag, pinch and keys. The view follows every event live; the URL is
//! written when a gesture ends, and for the wheel, which has no end, once it has been idle.
//!
//! A drag moves the drawing with a CSS `translate` on the `<svg>` (its own compositing layer,
//! painted beyond its box: see `.map-drawing` in style/main.css) and folds the distance into
//! the view when it ends: the compositor moves the painted map, so no frame of a drag repaints
//! the regions and the markers (at 2,000 places a repaint per frame dropped a frame in four).

use atlas_core::geo::ViewTransform;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::Timeout;

/// Idle time after the last wheel tick before the view is written to the URL.
const WHEEL_COMMIT_MS: i32 = 250;
/// Zoom factor of one key press or zoom button.
pub(super) const ZOOM_STEP: f64 = 1.5;
/// Pan of one Shift+arrow press, in map units.
const PAN_STEP: f64 = 40.0;

/// What a key does to the view.
#[derive(Debug, Clone, Copy, PartialEq)]
enum KeyCommand {
    /// Zoom about the centre by this factor.
    Zoom(f64),
    Pan(f64, f64),
    Reset,
}

/// `+`/`=` and `-`/`_` zoom, `0` resets, Shift+arrows pan (plain arrows move the page's focus).
fn key_command(key: &str, shift: bool) -> Option<KeyCommand> {
    Some(match key {
        "+" | "=" => KeyCommand::Zoom(ZOOM_STEP),
        "-" | "_" => KeyCommand::Zoom(1.0 / ZOOM_STEP),
        "0" => KeyCommand::Reset,
        "ArrowLeft" if shift => KeyCommand::Pan(PAN_STEP, 0.0),
        "ArrowRight" if shift => KeyCommand::Pan(-PAN_STEP, 0.0),
        "ArrowUp" if shift => KeyCommand::Pan(0.0, PAN_STEP),
        "ArrowDown" if shift => KeyCommand::Pan(0.0, -PAN_STEP),
        _ => return None,
    })
}

/// A drag under way: where it started on screen, the map units per CSS pixel, and how far the
/// drawing has moved (map units, already clamped like the view's own pan).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Drag {
    start: (f64, f64),
    units_per_px: f64,
    moved: (f64, f64),
}

/// The map SVG's gesture handlers; `Copy`, so each event closure takes its own.
#[derive(Clone, Copy)]
pub(super) struct Gestures {
    view: RwSignal<ViewTransform>,
    /// Writes the view to the URL.
    commit: Callback<()>,
    /// Width and height of the drawing, in map units.
    size: Memo<(f64, f64)>,
    drag: StoredValue<Option<Drag>>,
    /// The pointers down on the drawing, by id (in id order): one or two, so a sorted Vec.
    pointers: StoredValue<Vec<(i32, (f64, f64))>>,
    pinch: StoredValue<Option<f64>>,
    /// The pending URL write of a wheel gesture; replacing it cancels the previous one.
    wheel_commit: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Gestures {
    pub fn new(
        view: RwSignal<ViewTransform>,
        commit: Callback<()>,
        size: Memo<(f64, f64)>,
    ) -> Self {
        Gestures {
            view,
            commit,
            size,
            drag: StoredValue::new(None),
            pointers: StoredValue::new(Vec::new()),
            pinch: StoredValue::new(None),
            wheel_commit: StoredValue::new_local(None),
        }
    }

    /// The drawing's box on screen and its map units per CSS pixel; `None` while it has no width.
    fn drawing_box(&self, ev: &web_sys::MouseEvent) -> Option<(web_sys::DomRect, f64)> {
        let target: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
        let rect = target.get_bounding_client_rect();
        let width = rect.width();
        (width > 0.0).then(|| (rect, self.size.get_untracked().0 / width))
    }

    /// The event's position in map units, from the SVG's box.
    fn map_point(&self, ev: &web_sys::MouseEvent) -> Option<(f64, f64)> {
        let (rect, k) = self.drawing_box(ev)?;
        Some((
            (f64::from(ev.client_x()) - rect.left()) * k,
            (f64::from(ev.client_y()) - rect.top()) * k,
        ))
    }

    pub fn wheel(&self, ev: web_sys::WheelEvent) {
        // Only with Ctrl or on a zoomed map: a page must still scroll past the map.
        if !ev.ctrl_key() && self.view.get_untracked().is_identity() && ev.delta_y() > 0.0 {
            return;
        }
        ev.prevent_default();
        self.end_drag(&ev);
        let Some((x, y)) = self.map_point(&ev) else {
            return;
        };
        let factor = (-ev.delta_y() * 0.002).exp();
        self.view.update(|v| v.zoom_at(factor, x, y));
        let commit = self.commit;
        self.wheel_commit
            .set_value(Some(Timeout::new(WHEEL_COMMIT_MS, move || commit.run(()))));
    }

    pub fn pointer_down(&self, ev: web_sys::PointerEvent) {
        // A second finger turns a drag into a pinch: the distance dragged so far is kept.
        self.end_drag(&ev);
        let Some(xy) = self.map_point(&ev) else {
            return;
        };
        self.pointers.update_value(|p| {
            set_pointer(p, ev.pointer_id(), xy);
        });
        if self.pointers.with_value(|p| p.len()) == 1 {
            let units_per_px = self.drawing_box(&ev).map_or(1.0, |(_, k)| k);
            self.drag.set_value(Some(Drag {
                start: (f64::from(ev.client_x()), f64::from(ev.client_y())),
                units_per_px,
                moved: (0.0, 0.0),
            }));
        }
    }

    /// The drawing's `<svg>`, whose style a drag moves.
    fn drawing(ev: &web_sys::Event) -> Option<web_sys::SvgElement> {
        ev.current_target()?.dyn_into().ok()
    }

    /// Ends a drag under way: the distance moved goes into the view (in the same frame as the
    /// drawing's translate is removed, so the map does not jump), and the URL is written.
    fn end_drag(&self, ev: &web_sys::Event) {
        let Some(drag) = self.drag.get_value() else {
            return;
        };
        self.drag.set_value(None);
        if let Some(svg) = Self::drawing(ev) {
            let _ = svg.style().remove_property("transform");
        }
        if drag.moved != (0.0, 0.0) {
            self.view.update(|v| v.pan(drag.moved.0, drag.moved.1));
        }
        self.commit.run(());
    }

    pub fn pointer_move(&self, ev: web_sys::PointerEvent) {
        let Some((x, y)) = self.map_point(&ev) else {
            return;
        };
        if self.pointers.with_value(|p| p.len()) >= 2 {
            self.pointers.update_value(|p| {
                set_pointer(p, ev.pointer_id(), (x, y));
            });
            let pts: Vec<(f64, f64)> = self
                .pointers
                .with_value(|p| p.iter().map(|(_, xy)| *xy).take(2).collect());
            if let [a, b] = pts[..] {
                let dist = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                if let Some(prev) = self.pinch.get_value().filter(|p| *p > 0.0) {
                    let (cx, cy) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                    self.view.update(|v| v.zoom_at(dist / prev, cx, cy));
                }
                self.pinch.set_value(Some(dist));
            }
        } else if let Some(drag) = self.drag.get_value() {
            let k = drag.units_per_px;
            let dx = (f64::from(ev.client_x()) - drag.start.0) * k;
            let dy = (f64::from(ev.client_y()) - drag.start.1) * k;
            // As far as the view itself would go: the drag stops at the map's edges.
            let v = self.view.get_untracked();
            let mut moved = v;
            moved.pan(dx, dy);
            let moved = (moved.tx - v.tx, moved.ty - v.ty);
            if moved == drag.moved {
                return;
            }
            self.drag.set_value(Some(Drag { moved, ..drag }));
            if let Some(svg) = Self::drawing(&ev) {
                // Once the map moves, the drag keeps the pointer until it is released, even off
                // the map; a press that does not move still clicks the region or marker under it.
                if drag.moved == (0.0, 0.0) {
                    let _ = svg.set_pointer_capture(ev.pointer_id());
                }
                let _ = svg.style().set_property(
                    "transform",
                    &format!("translate({:.1}px, {:.1}px)", moved.0 / k, moved.1 / k),
                );
            }
        }
    }

    pub fn pointer_end(&self, ev: web_sys::PointerEvent) {
        self.pointers.update_value(|p| {
            p.retain(|(id, _)| *id != ev.pointer_id());
        });
        self.pinch.set_value(None);
        self.end_drag(&ev);
    }

    pub fn key(&self, ev: web_sys::KeyboardEvent) {
        let Some(command) = key_command(&ev.key(), ev.shift_key()) else {
            return;
        };
        self.end_drag(&ev);
        let (w, h) = self.size.get_untracked();
        let (cx, cy) = (w / 2.0, h / 2.0);
        self.view.update(|v| match command {
            KeyCommand::Zoom(factor) => v.zoom_at(factor, cx, cy),
            KeyCommand::Pan(dx, dy) => v.pan(dx, dy),
            KeyCommand::Reset => v.reset(),
        });
        ev.prevent_default();
        self.commit.run(());
    }
}

/// Records where pointer `id` is, keeping the list in id order.
fn set_pointer(pointers: &mut Vec<(i32, (f64, f64))>, id: i32, xy: (f64, f64)) {
    match pointers.binary_search_by_key(&id, |(p, _)| *p) {
        Ok(at) => pointers[at].1 = xy,
        Err(at) => pointers.insert(at, (id, xy)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_stay_in_id_order_and_move_in_place() {
        let mut p = Vec::new();
        set_pointer(&mut p, 7, (1.0, 1.0));
        set_pointer(&mut p, 3, (2.0, 2.0));
        set_pointer(&mut p, 7, (5.0, 6.0));
        assert_eq!(p, vec![(3, (2.0, 2.0)), (7, (5.0, 6.0))]);
    }

    #[test]
    fn plus_and_minus_zoom_by_one_step_either_way() {
        assert_eq!(key_command("+", false), Some(KeyCommand::Zoom(1.5)));
        assert_eq!(key_command("=", false), Some(KeyCommand::Zoom(1.5)));
        assert_eq!(key_command("-", false), Some(KeyCommand::Zoom(1.0 / 1.5)));
        assert_eq!(key_command("0", true), Some(KeyCommand::Reset));
    }

    #[test]
    fn arrows_pan_only_with_shift_so_plain_arrows_keep_their_meaning() {
        assert_eq!(key_command("ArrowLeft", false), None);
        assert_eq!(
            key_command("ArrowRight", true),
            Some(KeyCommand::Pan(-40.0, 0.0))
        );
        assert_eq!(
            key_command("ArrowUp", true),
            Some(KeyCommand::Pan(0.0, 40.0))
        );
        assert_eq!(key_command("a", false), None);
        assert_eq!(key_command("Enter", false), None);
    }
}
