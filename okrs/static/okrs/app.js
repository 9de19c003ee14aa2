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
