// Progressive help for the "Share your story" form: the form works without it.
// - Moves focus to the error summary, so a screen reader hears it first.
// - Under each input with a length limit, says how many characters are left (politely, for
//   screen readers, only every so often so as not to chatter).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var forms = document.querySelectorAll(".share-form");
  if (!forms.length) { return; }
  var fields = forms[0].querySelectorAll("textarea[maxlength], input[type=text][maxlength]");
  Array.prototype.forEach.call(fields, function (field) {
    if (field.closest(".hp-field")) { return; }
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit || limit < 300) { return; }
    var counter = document.createElement("div");
    counter.className = "form-text char-count";
    counter.id = field.id + "_count";
    counter.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", spoken);
    var lastSpoken = null;
    function update() {
      var left = limit - field.value.length;
      var text = left >= 0
        ? left.toLocaleString("en-GB") + " characters left"
        : (-left).toLocaleString("en-GB") + " characters too many";
      counter.textContent = text;
      counter.classList.toggle("over", left < 0);
      // Speak only every 500 characters, then every 50 near the limit.
      var bucket = left < 200 ? Math.floor(left / 50) : Math.floor(left / 500) + 1000;
      if (lastSpoken !== null && bucket !== lastSpoken) { spoken.textContent = text; }
      lastSpoken = bucket;
    }
    field.addEventListener("input", update);
    update();
  });
})();
