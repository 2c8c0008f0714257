/* Directions that open the phone's own map app (services_map/public/directions.py): a geo:
   address on Android, Apple Maps on an iPhone or iPad, the web map elsewhere. The links point
   at the web map, and a second link offers the geo: address, so that without JavaScript both
   work; here each link takes the address its platform opens and the second goes. */
(function () {
    "use strict";

    var agent = navigator.userAgent;
    var apple = /iPhone|iPad|iPod/.test(agent) ||
        (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
    var kind = /Android/.test(agent) ? "geo" : (apple ? "apple" : "");

    document.querySelectorAll("a[data-directions]").forEach(function (link) {
        if (kind && link.dataset[kind]) {
            link.href = link.dataset[kind];
        }
    });
    document.querySelectorAll("[data-directions-app]").forEach(function (other) {
        other.hidden = true;
    });
})();
