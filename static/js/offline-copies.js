/* Offline copies of the pages a visitor reads (see the service worker, /sw.js).
   Registers the worker; on a copy the worker served without a connection, shows the note
   written in the page (its words are translated there) with the time the copy was saved.
   Without JavaScript nothing is kept and nothing here is needed. */
(function () {
    "use strict";

    var script = document.currentScript;
    var root = document.documentElement;
    var savedAt = root.getAttribute("data-offline-copy");
    // The worker writes the date as the server would, in the page's language.
    var savedShown = root.getAttribute("data-offline-copy-shown");

    function shownByBrowser(saved) {
        try {
            return saved.toLocaleString(root.lang || undefined, {
                dateStyle: "long",
                timeStyle: "short",
                numberingSystem: "latn"
            });
        } catch (error) {
            return saved.toLocaleString();
        }
    }

    function showNote(isoTime) {
        var note = document.querySelector("[data-offline-note]");
        var saved = new Date(isoTime);
        if (!note || isNaN(saved.getTime())) {
            return;
        }
        var time = note.querySelector("time");
        if (time) {
            time.dateTime = saved.toISOString();
            time.textContent = savedShown || shownByBrowser(saved);
        }
        note.hidden = false;
    }

    function register() {
        // The worker keeps the home and directory pages of the visitor's language at install.
        var worker = script.dataset.worker + "?lang=" + encodeURIComponent(root.lang || "");
        navigator.serviceWorker.register(worker, { scope: "/" }).then(function () {
            // A page opened before the worker ran is kept the way every later page is.
            if (!navigator.serviceWorker.controller && !savedAt) {
                return navigator.serviceWorker.ready.then(function (registration) {
                    registration.active.postMessage({
                        keep: window.location.href,
                        opened: Math.round(performance.timeOrigin)
                    });
                });
            }
            return undefined;
        }).catch(function () {
            return undefined;
        });
    }

    if (savedAt) {
        showNote(savedAt);
    }
    if ("serviceWorker" in navigator && script && script.dataset.worker) {
        if (document.readyState === "complete") {
            register();
        } else {
            window.addEventListener("load", register);
        }
    }
})();
