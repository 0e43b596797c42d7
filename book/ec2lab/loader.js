// EC2 Lab widget loader.
//
// mdBook adds this script to every page. On pages with widget placeholders it imports the one
// wasm module (published beside this file, so relative URLs work from pages in any sub-folder)
// and mounts every widget. Pages without widgets download nothing more.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !document.querySelector(".ec2lab-widget")) {
    return;
  }
  var base = new URL(".", script.src);
  function fail(error) {
    document.querySelectorAll(".ec2lab-widget:not([data-ec2lab-mounted])").forEach(function (el) {
      el.setAttribute("role", "alert");
      el.classList.add("ec2lab-widget-error");
      el.textContent = "EC2 Lab could not start its exercises in this browser: " + error;
    });
    console.error("ec2lab:", error);
  }
  import(new URL("ec2lab_widgets.js", base).href)
    .then(function (mod) {
      return mod.default({ module_or_path: new URL("ec2lab_widgets_bg.wasm", base) }).then(function () {
        var count = mod.mount_all(new URL("..", base).href);
        document.documentElement.setAttribute("data-ec2lab-ready", String(count));
      });
    })
    .catch(fail);
})();
