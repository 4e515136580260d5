// A suggested-themes run's progress page: ask how far it has got every few seconds and update it in
// place, then offer the result. The page never reloads itself (a timed reload moves a screen reader
// user's place and cannot be paused: WCAG 2.2.1, failure F41). As import-progress.js does for imports.
const region = document.querySelector("[data-theme-progress]");

if (region) {
  const text = region.querySelector("[data-theme-progress-text]");
  const bar = region.querySelector("progress");
  const done = region.querySelector("[data-theme-progress-done]");
  const checkUrl = window.location.pathname + "?progress=check";

  const check = async () => {
    try {
      const response = await fetch(checkUrl, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        const progress = await response.json();
        if (progress.total) {
          text.textContent = `Tried ${progress.done} of ${progress.total} numbers of themes`;
          bar.value = progress.percent;
          bar.textContent = `${progress.percent}%`;
        }
        if (!progress.running) {
          done.hidden = false;
          return;
        }
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(check, 3000);
  };
  window.setTimeout(check, 3000);
}
