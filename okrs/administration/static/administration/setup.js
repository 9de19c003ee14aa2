// Setup suggests the browser's own time zone instead of the server's, until someone types one.
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector("input[data-suggest-zone]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (field && zone && field.value === field.defaultValue) {
    field.value = zone;
  }
});
