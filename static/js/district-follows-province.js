// In a service's locations, the district list offers only the districts of the chosen
// province. Without this script it offers every district, grouped by province, and the
// server refuses a district of another province either way.
(function () {
    "use strict";

    // Each district list as the server drew it, taken before it is first narrowed.
    var everyDistrict = new WeakMap();

    function districtListOf(provinceSelect) {
        var name = provinceSelect.name.replace(/province$/, "district");
        var lists = document.querySelectorAll("select[data-follows-province]");
        for (var i = 0; i < lists.length; i++) {
            if (lists[i].name === name) {
                return lists[i];
            }
        }
        return null;
    }

    function groupProvince(optgroup) {
        var first = optgroup.querySelector("option");
        return first ? first.getAttribute("data-province") : null;
    }

    function follow(provinceSelect) {
        var districts = districtListOf(provinceSelect);
        if (!districts) {
            return;
        }
        if (!everyDistrict.has(districts)) {
            everyDistrict.set(districts, districts.cloneNode(true));
        }
        var province = provinceSelect.value;
        var chosen = districts.value;
        var keep = [];
        Array.prototype.forEach.call(everyDistrict.get(districts).children, function (child) {
            // The empty choice stays; a province's group stays when it is the one chosen, or
            // every group while no province is.
            if (child.tagName !== "OPTGROUP" || !province || groupProvince(child) === province) {
                keep.push(child.cloneNode(true));
            }
        });
        districts.replaceChildren.apply(districts, keep);
        districts.value = chosen;
        if (districts.value !== chosen) {
            districts.value = "";
        }
    }

    document.addEventListener("change", function (event) {
        if (event.target.matches && event.target.matches("select[data-province-select]")) {
            follow(event.target);
        }
    });

    document.querySelectorAll("select[data-province-select]").forEach(follow);
})();
