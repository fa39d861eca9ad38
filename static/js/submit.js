// Progressive help for the story forms (sharing, adding to a story): they work without it.
// - Moves focus to the error summary, so a screen reader hears it first.
// - The GOV.UK character count: under each long answer with a limit (data-maxlength; there
//   is no maxlength, so a person can paste everything and nothing is cut), "You have 1,234
//   characters remaining" or "You have 56 characters too many". The visible count is
//   hidden from screen readers; a polite live region says the same once typing pauses.
//   Characters are counted as the server counts them (stories.forms.counted): a line break
//   is one, a character outside the basic plane is one.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var fields = document.querySelectorAll(
    ".share-form textarea[data-maxlength], .share-form input[data-maxlength], " +
    ".loop-form textarea[data-maxlength]"
  );
  function length(text) { return Array.from(text.replace(/\r\n/g, "\n")).length; }
  function plural(n) { return n === 1 ? "character" : "characters"; }
  function words(left) {
    return left >= 0
      ? "You have " + left.toLocaleString("en-GB") + " " + plural(left) + " remaining"
      : "You have " + (-left).toLocaleString("en-GB") + " " + plural(-left) + " too many";
  }
  Array.prototype.forEach.call(fields, function (field) {
    if (field.closest(".hp-field")) { return; }
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!limit || limit < 300) { return; }
    var counter = document.createElement("div");
    counter.className = "form-text char-count";
    counter.id = field.id + "-count";
    counter.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.id = field.id + "-count-spoken";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", spoken);
    var pause = null;
    function update() {
      var left = limit - length(field.value);
      var text = words(left);
      counter.textContent = text;
      counter.classList.toggle("over", left < 0);
      field.classList.toggle("char-count-over", left < 0);
      window.clearTimeout(pause);
      pause = window.setTimeout(function () { spoken.textContent = text; }, 1000);
    }
    field.addEventListener("input", update);
    var initial = limit - length(field.value);
    counter.textContent = words(initial);
    counter.classList.toggle("over", initial < 0);
    field.classList.toggle("char-count-over", initial < 0);
  });
})();
