// Functions that run inside the page (passed to page.evaluate, so each must be self-contained:
// no imports, no outer variables). Timing is done in the page with performance.now(), so the
// figures do not include the DevTools-protocol round trip between Node and Chromium.
//
// "next frame" = the first requestAnimationFrame callback after the DOM changed: the start of
// the frame that paints the change (rAF runs just before style, layout and paint).

/**
 * Switches the indicator picker to `value` the way Playwright's selectOption does (set the value,
 * dispatch input + change) and times it until the region fills change, and until the next frame.
 * Resolves to { mutation, frame } in ms, or { error }.
 */
export function recolourOnce(value) {
  const select = document.querySelector('[data-testid="indicator-picker"]');
  const svg = document.querySelector('[data-testid="map-svg"]');
  if (!select || !svg) return { error: "no indicator picker or map on the page" };
  if (select.value === value) return { error: `the picker already shows ${value}` };
  return new Promise((resolve) => {
    let t0 = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ error: "no region fill changed within 5 s" });
    }, 5000);
    const observer = new MutationObserver((records) => {
      if (!records.some((r) => r.target.classList?.contains("region-shape"))) return;
      const mutation = performance.now() - t0;
      observer.disconnect();
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve({ mutation, frame: performance.now() - t0 });
      });
    });
    observer.observe(svg, { subtree: true, attributes: true, attributeFilter: ["fill"] });
    t0 = performance.now();
    select.value = value;
    select.dispatchEvent(new Event("input", { bubbles: true }));
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

/**
 * Hovers region path number `index` (pointerenter, as a mouse would send) and times it until the
 * tooltip is in the DOM, and until the next frame; then leaves and waits until the tooltip is gone.
 */
export function hoverOnce(index) {
  const shapes = document.querySelectorAll("path.region-shape");
  const frame = document.querySelector('[data-testid="map-frame"]') ?? document.body;
  const shape = shapes[index % shapes.length];
  if (!shape) return { error: "no path.region-shape on the page" };
  const tip = () => document.querySelector('[data-testid="map-tooltip"]');
  const box = shape.getBoundingClientRect();
  const init = {
    bubbles: false,
    pointerId: 1,
    pointerType: "mouse",
    isPrimary: true,
    clientX: box.left + box.width / 2,
    clientY: box.top + box.height / 2,
  };
  const waitFor = (test, timeoutMs) =>
    new Promise((resolve) => {
      if (test()) return resolve(true);
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(false);
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (!test()) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(true);
      });
      observer.observe(frame, { subtree: true, childList: true });
    });
  return (async () => {
    if (tip()) {
      shape.dispatchEvent(new PointerEvent("pointerleave", init));
      await waitFor(() => !tip(), 2000);
    }
    const t0 = performance.now();
    shape.dispatchEvent(new PointerEvent("pointerover", { ...init, bubbles: true }));
    shape.dispatchEvent(new PointerEvent("pointerenter", init));
    const shown = await waitFor(tip, 5000);
    const appeared = performance.now() - t0;
    if (!shown) return { error: "no [data-testid=map-tooltip] within 5 s of pointerenter" };
    const next = await new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0)));
    shape.dispatchEvent(new PointerEvent("pointerleave", init));
    shape.dispatchEvent(new PointerEvent("pointerout", { ...init, bubbles: true }));
    await waitFor(() => !tip(), 2000);
    return { appeared, frame: next };
  })();
}

/**
 * Triggers a route change — `{ click: selector }` clicks a link, `{ back: true }` calls
 * history.back() — and times it until [data-testid="page-title"] shows another text, and until
 * the next frame. Resolves to { change, frame, from, to } or { error }.
 */
export function navigateOnce(action) {
  const title = () => document.querySelector('[data-testid="page-title"]')?.textContent?.trim() ?? null;
  const from = title();
  let target = null;
  if (action.click) {
    target = document.querySelector(action.click);
    if (!target) return { error: `no element matches ${action.click}` };
  }
  return new Promise((resolve) => {
    let t0 = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ error: `the page title stayed "${from}" for 10 s after ${JSON.stringify(action)}` });
    }, 10_000);
    const observer = new MutationObserver(() => {
      const now = title();
      if (now === null || now === from) return;
      const change = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({ change, frame: performance.now() - t0, from, to: now }));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    if (target) target.click();
    else history.back();
  });
}

/**
 * Pans the (zoomed) map by dragging: pointerdown on the SVG, then one pointermove per animation
 * frame along a small loop for `durationMs`, then pointerup. Counts frames; also records how long
 * each pointermove handler took synchronously and whether the regions actually moved on screen
 * (read at the start of each frame, when the previous one is laid out: no forced layout).
 */
export function panFor(durationMs) {
  const svg = document.querySelector('[data-testid="map-svg"]');
  const group = document.querySelector('[data-testid="map-regions"]');
  if (!svg || !group) return { error: "no [data-testid=map-svg] / map-regions on the page" };
  const box = svg.getBoundingClientRect();
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const pointer = (type, x, y) =>
    svg.dispatchEvent(
      new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0, buttons: type === "pointerup" ? 0 : 1, clientX: x, clientY: y }),
    );
  const position = () => {
    const b = group.getBoundingClientRect();
    return `${b.x.toFixed(1)},${b.y.toFixed(1)}`;
  };
  const positions = new Set([position()]);
  const intervals = [];
  const handler = [];
  pointer("pointerdown", cx, cy);
  return new Promise((resolve) => {
    let start = null;
    let last = null;
    let i = 0;
    const frame = (now) => {
      if (start === null) start = last = now;
      else {
        intervals.push(now - last);
        last = now;
      }
      positions.add(position());
      if (now - start >= durationMs) {
        pointer("pointerup", cx, cy);
        const elapsed = now - start;
        resolve({ frames: intervals.length, elapsed, intervals, handler, distinctPositions: positions.size });
        return;
      }
      i++;
      // A small loop around the centre: the view moves every frame and stays within the
      // clamped range of a zoomed map.
      const x = cx + 60 * Math.sin(i / 8);
      const y = cy + 30 * Math.sin(i / 11);
      const s = performance.now();
      pointer("pointermove", x, y);
      handler.push(performance.now() - s);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Size of the captured WebAssembly memory in bytes (see browser.mjs), or null. */
export function wasmMemoryBytes() {
  return window.__atlasWasmMemory ? window.__atlasWasmMemory.buffer.byteLength : null;
}
