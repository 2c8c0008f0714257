/* A map of the directory's results, drawn on request ("sort by distance from me" is in
   directory-filters.js). The list stays the page's primary content; without JavaScript
   nothing here is needed.
   This script, then Leaflet, load only when someone first opens the map (directory-filters.js
   loads it), to spare metered connections. */
(function () {
    "use strict";

    function loadScript(src) {
        return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = reject;
            document.head.appendChild(script);
        });
    }

    // Resolves once the stylesheet applies: drawn before, the tiles and controls would sit
    // unstyled for a moment (the zoom buttons on the wrong side in right-to-left pages).
    function loadStyle(href) {
        return new Promise(function (resolve, reject) {
            var link = document.createElement("link");
            link.rel = "stylesheet";
            link.href = href;
            link.onload = resolve;
            link.onerror = reject;
            document.head.appendChild(link);
        });
    }

    // A marker is [latitude, longitude, name, url, sector, address, phone, today's hours]
    // (services_map/public/map_data.py); the popup shows what a person needs to go there.
    function line(parent, className, text) {
        var paragraph = document.createElement("p");
        paragraph.className = className;
        paragraph.textContent = text;
        parent.appendChild(paragraph);
        return paragraph;
    }

    function popupFor(marker) {
        var content = document.createElement("div");
        content.className = "map-popup";
        var name = document.createElement(marker[3] ? "a" : "strong");
        if (marker[3]) {
            name.href = marker[3];
        }
        name.textContent = marker[2];
        name.dir = "auto";
        name.className = "map-popup__name";
        content.appendChild(name);
        if (marker[5]) {
            line(content, "map-popup__address", marker[5]).dir = "ltr";
        }
        if (marker[6]) {
            var phone = document.createElement("a");
            phone.href = "tel:" + marker[6].replace(/[^+\d]/g, "");
            phone.textContent = marker[6];
            phone.dir = "ltr";
            line(content, "map-popup__phone", "").appendChild(phone);
        }
        if (marker[7]) {
            line(content, "map-popup__hours", marker[7]);
        }
        return content;
    }

    // Each sector's pin as the legend under the map draws it (services_map/map_pins.py).
    function pinIcons(box, L) {
        var icons = {};
        box.querySelectorAll("[data-sector]").forEach(function (item) {
            icons[item.dataset.sector] = L.divIcon({
                html: item.querySelector("svg").outerHTML,
                className: "map-pin-icon",
                iconSize: [24, 34],
                iconAnchor: [12, 33],
                popupAnchor: [0, -30]
            });
        });
        return icons;
    }

    function drawMap(box, canvas, status) {
        var data = box.dataset;
        var styles = Promise.all([
            loadStyle(data.leafletCss),
            loadStyle(data.clusterCss),
            loadStyle(data.clusterDefaultCss)
        ]);
        return loadScript(data.leafletJs)
            .then(function () { return loadScript(data.clusterJs); })
            .then(function () { return styles; })
            .then(function () { return fetch(data.markersUrl, { credentials: "same-origin" }); })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            })
            .then(function (payload) {
                status.textContent = "";
                var L = window.L;
                // Controls sit where the reading starts: top right and bottom left in Arabic,
                // Persian and Pashto; their labels are in the page's language.
                var rtl = document.documentElement.dir === "rtl";
                var map = L.map(canvas, {
                    scrollWheelZoom: false,
                    zoomControl: false,
                    attributionControl: false
                });
                L.control.zoom({
                    position: rtl ? "topright" : "topleft",
                    zoomInTitle: data.zoomInLabel,
                    zoomOutTitle: data.zoomOutLabel
                }).addTo(map);
                // Leaflet's own prefix carries a flag: a map of services for people of every
                // origin names its library and nothing more.
                L.control.attribution({
                    position: rtl ? "bottomleft" : "bottomright",
                    prefix: '<a href="https://leafletjs.com">Leaflet</a>'
                }).addTo(map);
                L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 19 }).addTo(map);
                var cluster = L.markerClusterGroup();
                var icons = pinIcons(box, L);
                var bounds = [];
                payload.markers.forEach(function (marker) {
                    var point = [marker[0], marker[1]];
                    bounds.push(point);
                    var options = { title: marker[2], alt: marker[2] };
                    var icon = icons[marker[4]] || icons.other;
                    if (icon) {
                        options.icon = icon;
                    }
                    cluster.addLayer(L.marker(point, options).bindPopup(popupFor(marker)));
                });
                map.addLayer(cluster);
                if (bounds.length) {
                    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
                } else {
                    map.setView([38.4, 28.5], 7);
                }
            });
    }

    function newCanvas(box) {
        var canvas = document.createElement("div");
        canvas.className = "directory__map-canvas";
        canvas.setAttribute("role", "region");
        canvas.setAttribute("aria-label", box.dataset.mapLabel);
        return canvas;
    }

    function addMap(box) {
        // The page draws the button (hidden where no script runs), so nothing moves here.
        var toggle = document.querySelector("[data-map-toggle]");
        if (!toggle) {
            toggle = document.createElement("button");
            toggle.type = "button";
            toggle.className = "button--secondary directory__map-toggle";
            toggle.textContent = box.dataset.showLabel;
            toggle.setAttribute("aria-expanded", "false");
            toggle.setAttribute("aria-controls", box.id);
            box.parentNode.insertBefore(toggle, box);
        }
        var canvas = newCanvas(box);
        var status = document.createElement("p");
        status.setAttribute("role", "status");
        // The legend, already in the box, comes after the map.
        box.insertBefore(canvas, box.firstChild);
        box.insertBefore(status, canvas);
        var drawn = null;

        function draw() {
            status.textContent = box.dataset.loadingLabel;
            drawn = drawMap(box, canvas, status).catch(function () {
                status.textContent = box.dataset.failedLabel;
                drawn = null;
            });
        }

        toggle.addEventListener("click", function () {
            var opening = box.hidden;
            box.hidden = !opening;
            toggle.setAttribute("aria-expanded", String(opening));
            toggle.textContent = opening ? box.dataset.hideLabel : box.dataset.showLabel;
            if (opening && !drawn) {
                draw();
            }
        });
        // The results changed in place (directory-filters.js): the markers are those of the
        // old results, so the map is drawn afresh, now if it is shown, else when next shown.
        document.addEventListener("directory:updated", function () {
            if (!drawn) {
                return;
            }
            var fresh = newCanvas(box);
            box.replaceChild(fresh, canvas);
            canvas = fresh;
            drawn = null;
            if (!box.hidden) {
                draw();
            }
        });
    }

    function start() {
        var box = document.getElementById("directory-map");
        if (box && window.fetch && window.Promise) {
            addMap(box);
        }
    }

    // Loaded by directory-filters.js on the first press of "Show on a map", after the page.
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
