package render

import (
	"crypto/sha256"
	"encoding/base64"
)

// findRootJS is the script of a 404 page built without a base URL. A host
// serves 404.html at whatever path was missing (/portal/county/x/y.html),
// so links relative to where the file lies lead nowhere, and the site's
// root is not known when it is built (it may sit under any sub-path). The
// script finds the root: of the folders above the missing path, the
// deepest that holds the site's stylesheet, asked for one after another
// from the page's own folder up (a 404.html shown where it lies finds it
// at the first). It then loads the stylesheet, icon and site.js from
// there and points every relative link and form at it. Where it finds
// none, or cannot ask (file://, no fetch), it takes the page's own
// folder, as a plain relative page would. Until the stylesheet has
// loaded or failed, the page is hidden, so that it does not flash
// unstyled; it is shown after three seconds whatever happens.
const findRootJS = `(function () {
  var here = location.pathname.replace(/[^\/]*$/, "");
  var page = document.documentElement;
  page.style.visibility = "hidden";
  function show() { page.removeAttribute("style"); }
  setTimeout(show, 3000);
  function use(root) {
    function add(tag, attrs) {
      var el = document.createElement(tag);
      for (var k in attrs) el.setAttribute(k, attrs[k]);
      document.head.appendChild(el);
      return el;
    }
    var css = add("link", {rel: "stylesheet", href: root + "assets/site.css"});
    css.onload = css.onerror = show;
    add("link", {rel: "icon", href: root + "assets/favicon.svg", type: "image/svg+xml"});
    add("script", {src: root + "assets/site.js"});
    if (!root || root === here) return;
    function fix() {
      document.querySelectorAll("a[href], form[action]").forEach(function (el) {
        var at = el.tagName === "FORM" ? "action" : "href", v = el.getAttribute(at);
        if (!/^([a-z][a-z0-9+.\-]*:|[\/#?])/i.test(v)) el.setAttribute(at, root + v);
      });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix);
    else fix();
  }
  if (!/^https?:$/.test(location.protocol) || !window.fetch) { use(""); return; }
  (function probe(dir) {
    fetch(dir + "assets/site.css").then(function (r) {
      return r.ok && /css/.test(r.headers.get("Content-Type") || "");
    }, function () { return false; }).then(function (found) {
      if (found) use(dir);
      else if (dir.length > 1) probe(dir.replace(/[^\/]*\/$/, ""));
      else use("");
    });
  })(here);
})();`

// findRootHash is findRootJS's hash as a Content-Security-Policy source:
// the pages allow no inline script but this one.
var findRootHash = func() string {
	sum := sha256.Sum256([]byte(findRootJS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()
