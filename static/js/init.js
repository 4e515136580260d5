// Start the NHS.UK frontend components (header menu, skip link, error summary,
// notification banners, checkboxes, radios, file upload and so on).
//
// Loaded from base.html with <script type="module">, so it runs after the page
// has been parsed and needs no inline script (the Content Security Policy
// forbids those). NHS.UK frontend v10 only styles and starts its JavaScript
// components when <body> has these classes; its own page template adds them
// with an inline script, which we cannot use, so we add them here.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
