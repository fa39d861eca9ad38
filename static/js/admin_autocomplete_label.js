// The admin's autocomplete (select2) names its combobox by the chosen value alone, so an
// empty one ("no area yet") has no accessible name. Name it, and its value's box, by the
// field's own label as well.
function nameAutocompletes() {
  document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    var container = select.parentElement.querySelector(".select2-selection");
    if (!label || !container) {
      return;
    }
    if (!label.id) {
      label.id = select.id + "_label";
    }
    var rendered = container.querySelector(".select2-selection__rendered");
    var shown = container.getAttribute("aria-labelledby") || "";
    container.setAttribute("aria-labelledby", (label.id + " " + shown).trim());
    if (rendered) {
      rendered.setAttribute("aria-labelledby", label.id + " " + rendered.id);
    }
  });
}

// After the admin's own ready handler has made the select2 boxes (jQuery runs ready
// handlers in the order they were given, and the admin's scripts come first).
if (window.django && window.django.jQuery) {
  window.django.jQuery(nameAutocompletes);
} else {
  window.addEventListener("load", nameAutocompletes);
}
