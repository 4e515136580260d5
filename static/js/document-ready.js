// The "being prepared" page for a large PDF: ask every few seconds whether the file is
// stored, and when it is, say so in the live region and turn the button into the download.
// The page itself never reloads (a timed reload disorients screen reader users: WCAG F41).
const region = document.querySelector("[data-document-ready]");

if (region) {
  const pdfUrl = region.dataset.documentReady;
  const checkUrl = pdfUrl + (pdfUrl.includes("?") ? "&" : "?") + "ready=check";
  const waiting = region.querySelector("[data-document-waiting]");
  const button = region.querySelector("[data-document-download]");
  const everyMs = 5000;
  const giveUpAfter = 120; // ten minutes: the e-mail still comes

  let checks = 0;
  const check = async () => {
    checks += 1;
    try {
      const response = await fetch(checkUrl, { credentials: "same-origin", cache: "no-store" });
      if (response.ok && (await response.json()).ready) {
        waiting.textContent = "Your PDF is ready.";
        button.textContent = "Download the PDF";
        return;
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    if (checks < giveUpAfter) {
      window.setTimeout(check, everyMs);
    }
  };
  window.setTimeout(check, everyMs);
}
