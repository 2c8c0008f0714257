/* Offline copies of the pages a visitor reads (see the service worker, /sw.js).
   Registers the worker once the page has loaded. A copy the worker serves without a connection
   carries its note already shown, so nothing here runs offline.
   Without JavaScript nothing is kept and nothing here is needed. */
(function () {
    "use strict";

    var script = document.currentScript;
    var root = document.documentElement;

    function register() {
        // The worker keeps the home and directory pages of the visitor's language at install.
        var worker = script.dataset.worker + "?lang=" + encodeURIComponent(root.lang || "");
        navigator.serviceWorker.register(worker, { scope: "/" }).then(function () {
            // A page opened before the worker ran is kept the way every later page is.
            if (!navigator.serviceWorker.controller && !root.hasAttribute("data-offline-copy")) {
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

    if ("serviceWorker" in navigator && script && script.dataset.worker) {
        if (document.readyState === "complete") {
            register();
        } else {
            window.addEventListener("load", register);
        }
    }
})();
