// Health Regions Atlas — partner script. Fits every atlas iframe on this page to its content.
//
//   <iframe src="https://ATLAS/embed/map" title="…" data-atlas-embed></iframe>
//   <script src="https://ATLAS/embed.js" defer></script>
//
// It trusts a message only when it comes from the atlas's own origin (the origin this script was
// loaded from), from the very iframe it resizes (event.source), and carries a finite height
// within bounds. It never reads anything else from the message and never touches other iframes.
(() => {
  "use strict";
  const MESSAGE_TYPE = "health-regions-atlas:height";
  const MIN_HEIGHT = 120;
  const MAX_HEIGHT = 20000;
  const script = document.currentScript;
  if (!script || !script.src) return;
  const atlasOrigin = new URL(script.src, location.href).origin;

  const atlasFrames = () =>
    Array.from(document.querySelectorAll("iframe")).filter((frame) => {
      try {
        return new URL(frame.src, location.href).origin === atlasOrigin;
      } catch {
        return false;
      }
    });

  window.addEventListener("message", (event) => {
    if (event.origin !== atlasOrigin) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE_TYPE) return;
    const height = data.height;
    if (typeof height !== "number" || !Number.isFinite(height)) return;
    if (height < MIN_HEIGHT || height > MAX_HEIGHT) return;
    const frame = atlasFrames().find((f) => f.contentWindow === event.source);
    if (!frame) return;
    frame.style.height = `${Math.ceil(height)}px`;
    frame.setAttribute("data-atlas-height", String(Math.ceil(height)));
  });
})();
