// Small page behaviours, wired by data attributes instead of inline handlers so that the
// content security policy can forbid inline scripts. Delegated, so htmx-swapped parts work too.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  navigator.clipboard.writeText(field.value).then(() => { button.textContent = "Copied"; });
});

document.addEventListener("focusin", (event) => {
  if (event.target.matches("input[data-select-on-focus]")) event.target.select();
});

// A wide alignment map opens scrolled to where it matters: the chosen team, else its top row.
function openMaps(root) {
  root.querySelectorAll(".map-scroll[data-focus-x]").forEach((map) => {
    map.scrollLeft = Number(map.dataset.focusX) - map.clientWidth / 2;
  });
}
document.addEventListener("DOMContentLoaded", () => openMaps(document));
document.addEventListener("htmx:afterSettle", (event) => openMaps(event.target));
