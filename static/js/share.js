/* "Share" on a service page or a search (templates/components/share.html). Where the phone has
   a share sheet (the Web Share API), one button opens it with the page's title, message and
   address; elsewhere the WhatsApp and SMS links stay, with a button that copies the address.
   Without JavaScript the links alone work. */
(function () {
    "use strict";

    function offerShareSheet(box) {
        var data = box.dataset;
        var shared = { title: data.shareTitle, text: data.shareText, url: data.shareUrl };
        if (!navigator.share || (navigator.canShare && !navigator.canShare(shared))) {
            return false;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary share__button no-print";
        button.textContent = data.shareLabel;
        button.addEventListener("click", function () {
            navigator.share(shared).catch(function (error) {
                // Closing the sheet is a choice, not a failure; otherwise the links are there.
                if (error && error.name !== "AbortError") {
                    box.hidden = false;
                    box.open = true;
                }
            });
        });
        box.parentNode.insertBefore(button, box);
        box.hidden = true;
        return true;
    }

    function offerCopy(box) {
        var item = box.querySelector("[data-share-copy]");
        var status = box.querySelector("[data-share-status]");
        if (!item || !navigator.clipboard || !window.isSecureContext) {
            return;
        }
        item.hidden = false;
        item.querySelector("button").addEventListener("click", function () {
            navigator.clipboard.writeText(box.dataset.shareUrl).then(
                function () { status.textContent = box.dataset.copied; },
                function () { status.textContent = box.dataset.copyFailed; }
            );
        });
    }

    document.querySelectorAll("[data-share]").forEach(function (box) {
        if (!offerShareSheet(box)) {
            offerCopy(box);
        }
    });
})();
