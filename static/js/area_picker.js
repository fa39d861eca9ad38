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
    input.addEventListener("input", function () {
      if (!input.value.trim()) { select.value = ""; }
    });
    input.addEventListener("blur", function () {
      if (!input.value.trim()) { select.value = ""; }
    });
  });
})();
