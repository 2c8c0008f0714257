/* The directory's results update in place: ticking a filter, changing the order, removing a
   filter's chip or sharing one's location fetches the new results page and swaps its regions
   ([data-directory-region]) into this one, so the visitor keeps their scroll position and focus,
   and the new count is read out (the [data-results-announcer] live region stays in place).
   On a phone the "Filters" link opens the panel over the results and closing it goes back to
   them. Without JavaScript the same form submits with its Apply buttons, the chips are plain
   links and the panel opens as the link's :target (portal.css). */
(function () {
    "use strict";

    var pending = null;

    function controlKey(control) {
        return control.name + "=" + (control.type === "checkbox" ? control.value : "");
    }

    function searchUrl(form) {
        var query = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (value !== "") {
                query.append(name, value);
            }
        });
        var text = query.toString();
        return form.action.split("?")[0] + (text ? "?" + text : "");
    }

    function announce(form) {
        var announcer = form.querySelector("[data-results-announcer]");
        var heading = document.getElementById("results-heading");
        if (!announcer || !heading) {
            return;
        }
        // Emptied first, so the same count is read again after another change.
        announcer.textContent = "";
        window.setTimeout(function () {
            announcer.textContent = heading.textContent.replace(/\s+/g, " ").trim();
        }, 100);
    }

    function swapRegions(doc) {
        document.querySelectorAll("[data-directory-region]").forEach(function (region) {
            var name = region.getAttribute("data-directory-region");
            var fresh = doc.querySelector('[data-directory-region="' + name + '"]');
            if (fresh) {
                region.replaceWith(document.importNode(fresh, true));
            }
        });
        var words = document.getElementById("id_q");
        var freshWords = doc.getElementById("id_q");
        if (words && freshWords && document.activeElement !== words) {
            words.value = freshWords.value;
        }
        var map = document.getElementById("directory-map");
        var freshMap = doc.getElementById("directory-map");
        if (map && freshMap) {
            map.setAttribute("data-markers-url", freshMap.getAttribute("data-markers-url"));
        }
        // The language links carry the search along (portal_tags.language_links).
        var links = document.querySelectorAll("a[hreflang]");
        var freshLinks = doc.querySelectorAll("a[hreflang]");
        if (links.length === freshLinks.length) {
            links.forEach(function (link, index) {
                link.setAttribute("href", freshLinks[index].getAttribute("href"));
            });
        }
        document.title = doc.title;
    }

    function restoreFocus(form, key, fallback) {
        if (key) {
            var controls = form.querySelectorAll("input[type=checkbox], select");
            for (var i = 0; i < controls.length; i += 1) {
                if (controlKey(controls[i]) === key) {
                    controls[i].focus({ preventScroll: true });
                    return;
                }
            }
        }
        if (fallback) {
            var target = document.getElementById(fallback);
            if (target) {
                target.focus({ preventScroll: true });
            }
        }
    }

    /* Load `url`'s results into the page. options.history: "push", "replace" or "none";
       options.focus: the id of the element to focus when the changed control is gone. */
    function update(form, url, options) {
        var active = document.activeElement;
        var key = active && active.name && form.contains(active) && active.type !== "search"
            ? controlKey(active) : null;
        var panel = document.getElementById("filters");
        var panelScroll = panel ? panel.scrollTop : 0;
        var scrollX = window.scrollX;
        var scrollY = window.scrollY;
        if (pending) {
            pending.abort();
        }
        var controller = new AbortController();
        pending = controller;
        form.setAttribute("aria-busy", "true");
        return fetch(url, {
            credentials: "same-origin",
            headers: { Accept: "text/html" },
            signal: controller.signal
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.text();
            })
            .then(function (html) {
                var doc = new DOMParser().parseFromString(html, "text/html");
                if (doc.querySelector("[data-search-problems]") || document.querySelector("[data-search-problems]")) {
                    // The page explains what it left out of the search: show it whole.
                    window.location.assign(url);
                    return;
                }
                swapRegions(doc);
                var hash = panel && panel.classList.contains("is-open") ? "" : window.location.hash;
                if (options.history === "push") {
                    window.history.pushState({ directory: true }, "", url + hash);
                } else if (options.history === "replace") {
                    window.history.replaceState({ directory: true }, "", url + hash);
                }
                var panelOpen = panel && (panel.classList.contains("is-open") || panel.matches(":target"));
                restoreFocus(form, key, panelOpen ? "facets-heading" : options.focus);
                if (panel) {
                    panel.scrollTop = panelScroll;
                }
                window.scrollTo(scrollX, scrollY);
                announce(form);
                form.dispatchEvent(new CustomEvent("directory:updated", { bubbles: true, detail: { url: url } }));
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    window.location.assign(url);
                }
            })
            .finally(function () {
                if (pending === controller) {
                    pending = null;
                    form.removeAttribute("aria-busy");
                }
            });
    }

    function setHidden(form, name, value) {
        var holder = form.querySelector('[data-directory-region="location"]') || form;
        var input = form.querySelector("input[type=hidden][name=" + name + "]");
        if (!input) {
            input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            holder.appendChild(input);
        }
        input.value = value;
    }

    function wireLocate(form) {
        var holder = form.querySelector("[data-directory-locate]");
        if (!holder) {
            return;
        }
        var button = holder.querySelector("[data-locate-button]");
        var status = holder.querySelector("[data-locate-status]");
        if (!("geolocation" in navigator)) {
            holder.hidden = true;
            return;
        }
        button.addEventListener("click", function () {
            status.textContent = holder.getAttribute("data-busy");
            button.disabled = true;
            navigator.geolocation.getCurrentPosition(
                function (position) {
                    setHidden(form, "lat", position.coords.latitude.toFixed(5));
                    setHidden(form, "lng", position.coords.longitude.toFixed(5));
                    var sort = form.querySelector("select[name=sort]");
                    if (sort) {
                        if (!sort.querySelector("option[value=distance]")) {
                            var option = document.createElement("option");
                            option.value = "distance";
                            sort.appendChild(option);
                        }
                        sort.value = "distance";
                    }
                    status.textContent = "";
                    button.disabled = false;
                    update(form, searchUrl(form), { history: "push", focus: "results-heading" });
                },
                function () {
                    status.textContent = holder.getAttribute("data-failed");
                    button.disabled = false;
                },
                { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
            );
        });
    }

    function wirePanel(form) {
        var panel = document.getElementById("filters");
        if (!panel) {
            return;
        }
        function close() {
            if (panel.classList.contains("is-open")) {
                panel.classList.remove("is-open");
                // The link that opened the panel may have been swapped for a fresh one.
                var back = form.querySelector("[data-filters-open]");
                if (back) {
                    back.focus();
                }
            } else if (panel.matches(":target")) {
                // Opened from a link to #filters, without this script's help.
                window.location.replace("#directory-results");
            }
        }

        form.addEventListener("click", function (event) {
            var open = event.target.closest("[data-filters-open]");
            if (open) {
                event.preventDefault();
                panel.classList.add("is-open");
                panel.scrollTop = 0;
                document.getElementById("facets-heading").focus({ preventScroll: true });
                return;
            }
            if (event.target.closest("[data-filters-close]")) {
                event.preventDefault();
                close();
            }
        });
        panel.addEventListener("keydown", function (event) {
            if (event.key === "Escape") {
                close();
            }
        });
        return close;
    }

    document.addEventListener("DOMContentLoaded", function () {
        var form = document.getElementById("directory-form");
        if (!form || !form.querySelector("[data-directory-region]") || !window.fetch ||
                !window.AbortController || !window.DOMParser) {
            return;
        }
        var closePanel = wirePanel(form);
        wireLocate(form);
        window.history.replaceState({ directory: true }, "", window.location.href);

        form.addEventListener("change", function (event) {
            var control = event.target;
            if (control.type !== "checkbox" && control.tagName !== "SELECT") {
                return;
            }
            update(form, searchUrl(form), { history: "push", focus: "results-heading" });
        });
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var url = searchUrl(form);
            var done = url === window.location.href.split("#")[0]
                ? Promise.resolve()
                : update(form, url, { history: "push", focus: "results-heading" });
            if (event.submitter && event.submitter.hasAttribute("data-filters-apply") && closePanel) {
                done.then(closePanel);
            }
        });
        form.addEventListener("click", function (event) {
            var link = event.target.closest("a[data-directory-link]");
            if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
                event.preventDefault();
                update(form, link.href, { history: "push", focus: "results-heading" });
            }
        });
        window.addEventListener("popstate", function (event) {
            if (event.state && event.state.directory) {
                update(form, window.location.href.split("#")[0], { history: "none", focus: "results-heading" });
            }
        });
    });
})();

/* The map's script (directory-map.js, which then loads Leaflet) is fetched on the first press of
   "Show on a map" and opens the map at once: most visitors never open it, and a first visit
   costs one request and 3 KB less. */
(function () {
    "use strict";

    var loading = false;

    function loadMap(event) {
        var toggle = event.target.closest && event.target.closest("[data-map-toggle][data-map-script]");
        if (!toggle || loading) {
            return;
        }
        loading = true;
        var script = document.createElement("script");
        script.src = toggle.dataset.mapScript;
        script.onload = function () {
            document.removeEventListener("click", loadMap);
            // The map's own handler is in place now: this press opens the map.
            toggle.click();
        };
        script.onerror = function () {
            loading = false;
            script.remove();
            var box = document.getElementById(toggle.getAttribute("aria-controls"));
            var status = toggle.parentNode.querySelector("[data-map-failed]");
            if (!status && box) {
                status = document.createElement("p");
                status.setAttribute("role", "status");
                status.setAttribute("data-map-failed", "");
                toggle.parentNode.insertBefore(status, toggle.nextSibling);
                status.textContent = box.dataset.failedLabel;
            }
        };
        document.head.appendChild(script);
    }

    document.addEventListener("click", loadMap);
})();
