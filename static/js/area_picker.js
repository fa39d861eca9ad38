// The local area picker on /share/: GOV.UK's accessible-autocomplete over the plain <select>
// (about 400 councils and partnerships), so a person types "Carm" and picks Carmarthenshire.
// Without JavaScript, or if the library did not load, the <select> works as it is.
(function () {
  "use strict";
  if (!window.accessibleAutocomplete) { return; }
  var selects = document.querySelectorAll("select.area-picker");
  Array.prototype.forEach.call(selects, function (select) {
    var id = select.id;
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      minLength: 2,
      showAllValues: false,
      dropdownArrow: function () { return ""; },
      tNoResults: function () { return "No area found: try another name, or use the box below"; },
      tStatusQueryTooShort: function (minLength) {
        return "Type " + minLength + " or more letters for suggestions";
      }
    });
    // The library never empties the <select> when the text is cleared: do it, so an
    // emptied box sends "Not specific to one area", as it reads.
    var input = document.getElementById(id);
    if (!input) { return; }
    // The grey completion drawn behind the text is a second, read-only input: decoration
    // that a screen reader must not meet as an unlabelled field.
    var wrapper = input.parentNode;
    new MutationObserver(function () {
      Array.prototype.forEach.call(wrapper.querySelectorAll(".autocomplete__hint"), function (hint) {
        if (!hint.hasAttribute("aria-hidden")) { hint.setAttribute("aria-hidden", "true"); }
      });
    }).observe(wrapper, { childList: true, subtree: true });
    input.addEventListener("input", function () {
      if (!input.value.trim()) { select.value = ""; }
    });
    input.addEventListener("blur", function () {
      if (!input.value.trim()) { select.value = ""; }
    });
  });
})();
