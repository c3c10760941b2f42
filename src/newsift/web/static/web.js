/* newsift web workspace: progressive enhancement of the server-rendered pages.
   No framework, nothing from elsewhere; strings are inserted with textContent only. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The report page's script is the report view's own (/report.js, render/templates).
}());
