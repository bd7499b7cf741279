//! The check page's browser edge: reading a publisher's file on the device, and the Web Worker
//! that runs the app's own validator on it off the page's thread.
//!
//! The worker (`public/check-worker.js`) loads this same wasm, which the page has just loaded
//! (so it costs no download and cannot drift from the app's validator), and calls
//! [`check_dataset`]. The report crosses back as JSON text (`atlas_core::check::encode`).

pub mod preview;
pub mod report;

use std::cell::Cell;
use std::rc::Rc;

use atlas_core::check::{check_bytes, decode, encode, Report};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::platform;

/// Checks a dataset file exactly as the app does; the report as JSON text. Called by the worker.
#[wasm_bindgen]
pub fn check_dataset(bytes: &[u8]) -> String {
    encode(&check_bytes(bytes))
}

#[wasm_bindgen]
extern "C" {
    /// A dedicated worker (declared here: the web-sys features of the app do not include it).
    #[wasm_bindgen(extends = web_sys::EventTarget)]
    type Worker;
    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str, options: &JsValue) -> Result<Worker, JsValue>;
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    fn post_message(this: &Worker, message: &JsValue, transfer: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    fn terminate(this: &Worker);
}

/// What the worker says.
pub enum WorkerEvent {
    /// It has loaded the app's wasm: checks will fetch nothing.
    Ready,
    /// The report of check number `id`.
    Report { id: u32, report: Report },
    /// It could not start or could not check; the page checks on its own thread instead.
    Failed,
}

/// The checking worker; terminated when dropped (with its page).
pub struct CheckWorker {
    worker: Worker,
    next_id: Cell<u32>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl CheckWorker {
    /// Starts the worker and has it load the app's wasm at once, so that a check later fetches
    /// nothing. `None` when there is no page (the baker) or no worker support.
    pub fn start(on_event: impl Fn(WorkerEvent) + 'static) -> Option<CheckWorker> {
        platform::window()?;
        let (js, wasm) = app_files()?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &"module".into()).ok()?;
        Reflect::set(&options, &"name".into(), &"atlas-check".into()).ok()?;
        let worker = Worker::new(&platform::asset_url("check-worker.js"), &options).ok()?;
        let on_event = Rc::new(on_event);
        let on_message = {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                on_event(read_message(&ev.data()));
            })
        };
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| on_event(WorkerEvent::Failed));
        worker
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
            .ok()?;
        worker
            .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
            .ok()?;
        let init = message("init")?;
        Reflect::set(&init, &"js".into(), &js.into()).ok()?;
        Reflect::set(&init, &"wasm".into(), &wasm.into()).ok()?;
        worker.post_message(&init, &JsValue::UNDEFINED).ok()?;
        Some(CheckWorker {
            worker,
            next_id: Cell::new(0),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends `bytes` to be checked (moved, not copied); the id its report will carry.
    pub fn check(&self, bytes: &[u8]) -> Option<u32> {
        let id = self.next_id.get().wrapping_add(1);
        self.next_id.set(id);
        let array = Uint8Array::from(bytes);
        let request = message("check")?;
        Reflect::set(&request, &"id".into(), &id.into()).ok()?;
        Reflect::set(&request, &"bytes".into(), &array.buffer()).ok()?;
        let transfer = js_sys::Array::of1(&array.buffer());
        self.worker.post_message(&request, &transfer).ok()?;
        Some(id)
    }
}

impl Drop for CheckWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn message(kind: &str) -> Option<Object> {
    let m = Object::new();
    Reflect::set(&m, &"type".into(), &kind.into()).ok()?;
    Some(m)
}

fn read_message(data: &JsValue) -> WorkerEvent {
    let field = |name: &str| Reflect::get(data, &name.into()).ok();
    match field("type").and_then(|t| t.as_string()).as_deref() {
        Some("ready") => WorkerEvent::Ready,
        Some("report") => {
            let id = field("id").and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
            match field("report")
                .and_then(|r| r.as_string())
                .and_then(|r| decode(&r))
            {
                Some(report) => WorkerEvent::Report { id, report },
                None => WorkerEvent::Failed,
            }
        }
        _ => WorkerEvent::Failed,
    }
}

/// The app's wasm-bindgen script and wasm, as `boot.js` loaded them (its `?js=…&wasm=…`,
/// relative to boot.js itself).
fn app_files() -> Option<(String, String)> {
    let document = platform::window()?.document()?;
    let script = document
        .query_selector(r#"script[type="module"][src*="boot.js"]"#)
        .ok()??;
    // The element's `src` property is the resolved URL, whatever the page's address is now.
    let boot = Reflect::get(&script, &"src".into()).ok()?.as_string()?;
    let boot = web_sys::Url::new(&boot).ok()?;
    let params = boot.search_params();
    let resolve = |name: &str| {
        web_sys::Url::new_with_base(name, &boot.href())
            .ok()
            .map(|u| u.href())
    };
    Some((resolve(&params.get("js")?)?, resolve(&params.get("wasm")?)?))
}

/// A file the publisher chose or dropped: its name and contents.
pub struct PickedFile {
    pub name: String,
    pub blob: web_sys::Blob,
}

impl PickedFile {
    /// The first file of a `FileList` (an `<input type=file>`'s `files`, a drop's
    /// `dataTransfer.files`).
    pub fn first_of(files: &JsValue) -> Option<PickedFile> {
        let file = Reflect::get(files, &0.into()).ok()?;
        let name = Reflect::get(&file, &"name".into()).ok()?.as_string()?;
        let blob = file.dyn_into::<web_sys::Blob>().ok()?;
        Some(PickedFile { name, blob })
    }

    /// The file chosen in the `<input type=file>` that fired `ev`; the input is emptied so that
    /// choosing the same file again checks it again.
    pub fn from_input(ev: &web_sys::Event) -> Option<PickedFile> {
        let input: JsValue = ev.target()?.into();
        let files = Reflect::get(&input, &"files".into()).ok()?;
        let picked = PickedFile::first_of(&files);
        let _ = Reflect::set(&input, &"value".into(), &"".into());
        picked
    }

    /// The file dropped by the drag-and-drop event `ev`.
    pub fn from_drop(ev: &web_sys::DragEvent) -> Option<PickedFile> {
        let transfer = Reflect::get(ev, &"dataTransfer".into()).ok()?;
        PickedFile::first_of(&Reflect::get(&transfer, &"files".into()).ok()?)
    }

    pub fn size(&self) -> u64 {
        self.blob.size() as u64
    }

    /// Reads the file in chunks, reporting the bytes read so far.
    pub async fn read(&self, progress: impl Fn(u64)) -> Option<Vec<u8>> {
        /// Chunks already read resolve at once, in one task: let the page paint after this much.
        const BYTES_PER_TASK: usize = 1024 * 1024;
        let reader: web_sys::ReadableStreamDefaultReader =
            self.blob.stream().get_reader().dyn_into().ok()?;
        let mut bytes = Vec::with_capacity(self.size().try_into().unwrap_or(0));
        let mut since_yield = 0;
        loop {
            let chunk = JsFuture::from(reader.read()).await.ok()?;
            if Reflect::get(&chunk, &"done".into()).map_or(true, |d| d.is_truthy()) {
                return Some(bytes);
            }
            let value: Uint8Array = Reflect::get(&chunk, &"value".into())
                .ok()?
                .dyn_into()
                .ok()?;
            // Copied once, straight into the file's buffer.
            let start = bytes.len();
            bytes.resize(start + value.length() as usize, 0);
            value.copy_to(bytes.get_mut(start..)?);
            since_yield += bytes.len() - start;
            if since_yield >= BYTES_PER_TASK {
                since_yield = 0;
                progress(bytes.len() as u64);
                platform::sleep_ms(0).await;
            }
        }
    }
}
