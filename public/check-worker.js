// The dataset checker's worker (the /check page, src/features/check/mod.rs): runs the app's own
// validator off the page's thread, so a 16 MB file never freezes the tab.
//
// It loads the app's own wasm (the page passes the URLs boot.js loaded, so the files come from
// the browser's cache) and calls its `check_dataset` export: the same code as the app, nothing
// to keep in step. Messages: {type:"init", js, wasm} → {type:"ready"};
// {type:"check", id, bytes: ArrayBuffer} → {type:"report", id, report: JSON text}.

let app = null;

self.addEventListener("message", async (event) => {
  const message = event.data;
  try {
    if (message.type === "init") {
      const bindings = await import(message.js);
      await bindings.default({ module_or_path: message.wasm });
      app = bindings;
      self.postMessage({ type: "ready" });
    } else if (message.type === "check") {
      if (!app) throw new Error("check before init");
      const report = app.check_dataset(new Uint8Array(message.bytes));
      self.postMessage({ type: "report", id: message.id, report });
    }
  } catch (error) {
    self.postMessage({ type: "failed", id: message.id, error: String(error) });
  }
});
