// EC2 Lab teacher mode.
//
// The classroom answer keys are ordinary pages, but they stay out of a learner's way: unless
// teacher mode is on in this browser, their links are hidden from the table of contents and the
// pages themselves show a note instead of the answers. It is a courtesy flag, not a lock: the
// site is static and a determined learner can read anything in it.
(function () {
  "use strict";
  var KEY = "ec2lab.teacher";
  function teacherMode() {
    try {
      return window.localStorage.getItem(KEY) === "on";
    } catch (e) {
      return false;
    }
  }
  function apply() {
    var on = teacherMode();
    document.documentElement.classList.toggle("ec2lab-teacher", on);
    document.documentElement.classList.toggle("ec2lab-learner", !on);
    var toggle = document.getElementById("ec2lab-teacher-toggle");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(on));
      toggle.textContent = on ? "Teacher mode is on: turn it off" : "Turn on teacher mode in this browser";
    }
    var isKey = /\/classroom\/answers-[^/]*$/.test(window.location.pathname);
    var main = document.querySelector("main");
    if (isKey && main && !on && !document.getElementById("ec2lab-teacher-note")) {
      var note = document.createElement("p");
      note.id = "ec2lab-teacher-note";
      note.className = "ec2lab-widget-error";
      note.setAttribute("role", "note");
      note.textContent =
        "This answer key is for teachers. Turn on teacher mode on the Classroom pack page to read it.";
      main.insertBefore(note, main.firstChild);
    }
    if (isKey && on) {
      var old = document.getElementById("ec2lab-teacher-note");
      if (old) old.remove();
    }
  }
  document.addEventListener("click", function (event) {
    if (!event.target || event.target.id !== "ec2lab-teacher-toggle") return;
    try {
      window.localStorage.setItem(KEY, teacherMode() ? "off" : "on");
    } catch (e) {
      event.target.textContent = "This browser does not allow storing the setting.";
      return;
    }
    apply();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
