// A button that prints the page. It is hidden in the HTML and shown here, since printing from
// a button needs JavaScript; the browser's own Print works on the page either way.
document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
});
