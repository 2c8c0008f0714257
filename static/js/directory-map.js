/* A map of the directory's results, drawn on request ("sort by distance from me" is in
   directory-filters.js). The list stays the page's primary content; without JavaScript
   nothing here is needed.
   Leaflet is loaded only when someone opens the map, to spare metered connections. */
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

    function loadStyle(href) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.appendChild(link);
    }

    function popupFor(marker) {
        var content = document.createElement("div");
        if (marker[3]) {
            var link = document.createElement("a");
            link.href = marker[3];
            link.textContent = marker[2];
            link.dir = "auto";
            content.appendChild(link);
        } else {
            content.textContent = marker[2];
        }
        return content;
    }

    function drawMap(box, canvas, status) {
        var data = box.dataset;
        loadStyle(data.leafletCss);
        loadStyle(data.clusterCss);
        loadStyle(data.clusterDefaultCss);
        return loadScript(data.leafletJs)
            .then(function () { return loadScript(data.clusterJs); })
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
                L.control.attribution({ position: rtl ? "bottomleft" : "bottomright" }).addTo(map);
                L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 19 }).addTo(map);
                var cluster = L.markerClusterGroup();
                var bounds = [];
                payload.markers.forEach(function (marker) {
                    var point = [marker[0], marker[1]];
                    bounds.push(point);
                    cluster.addLayer(L.marker(point, { title: marker[2], alt: marker[2] }).bindPopup(popupFor(marker)));
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
        box.appendChild(status);
        box.appendChild(canvas);
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

    document.addEventListener("DOMContentLoaded", function () {
        var box = document.getElementById("directory-map");
        if (box && window.fetch && window.Promise) {
            addMap(box);
        }
    });
})();
