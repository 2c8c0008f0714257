/* Directory filters apply as soon as one is ticked or the order is changed.
   Without JavaScript the "Apply" buttons do the same. After the new results load,
   focus returns to the control that was changed, so keyboard users keep their place. */
(function () {
    "use strict";

    var STORE_KEY = "iswg-directory-focus";

    function controlKey(control) {
        return control.name + "=" + (control.type === "checkbox" ? control.value : "");
    }

    function restoreFocus(form) {
        var key;
        try {
            key = window.sessionStorage.getItem(STORE_KEY);
            window.sessionStorage.removeItem(STORE_KEY);
        } catch (error) {
            return;
        }
        if (!key) {
            return;
        }
        var controls = form.querySelectorAll("input[type=checkbox], select");
        for (var i = 0; i < controls.length; i += 1) {
            if (controlKey(controls[i]) === key) {
                controls[i].focus();
                return;
            }
        }
        var heading = document.getElementById("facets-heading");
        if (heading) {
            heading.focus();
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        var form = document.getElementById("directory-form");
        var facets = form && form.querySelector("[data-live-filters]");
        if (!facets) {
            return;
        }
        var note = document.createElement("p");
        note.className = "directory__live-note";
        note.textContent = facets.dataset.liveFilters;
        facets.insertBefore(note, facets.querySelector("fieldset"));
        form.querySelectorAll("[data-apply-button]").forEach(function (button) {
            button.hidden = true;
        });
        form.addEventListener("change", function (event) {
            var control = event.target;
            if (control.type !== "checkbox" && control.tagName !== "SELECT") {
                return;
            }
            try {
                window.sessionStorage.setItem(STORE_KEY, controlKey(control));
            } catch (error) {
                // Private browsing may refuse storage; the filters still apply.
            }
            form.submit();
        });
        restoreFocus(form);
    });
})();
