/* ISWG Portal service worker: keeps the service pages a visitor opened, and their last search
   of the directory, readable without a connection.

   Pages always come from the network first; only when the network fails is the kept copy shown,
   and that copy carries the time it was saved (data-offline-copy on <html>), which
   js/offline-copies.js turns into the "Offline copy from …" note.

   Kept: only GET pages that the server offers with the X-Offline-Copy header. Never kept: a
   response marked Cache-Control private or no-store (the site sends that to every signed-in
   visitor and with all members-only content), the admin, accounts, documents, anything else. */
"use strict";

var VERSION = "{{ version }}";
var STATIC_CACHE = "iswg-static-" + VERSION;
var PAGES_CACHE = "iswg-pages-v1";
var STATIC_URL = "{{ static_url }}";
// The files a kept page needs to look right, by their plain name: their hashed name changes
// with every release, so a page kept under an older release finds the current file.
var STATIC_FILES = {{ static_files|safe }};
var MAX_SERVICE_PAGES = 50;
var NEVER_KEPT = /^\/(?:[a-z]{2,3}(?:-[a-z0-9]+)*\/)?(?:admin|accounts|documents|_util)(?:\/|$)/i;
var HASHED_NAME = /\.[0-9a-f]{12}(\.[a-z0-9]+)$/i;
// When the newest kept search of each directory was opened (ms since the epoch): a search
// opened earlier whose copy arrives later must not replace it.
var newestSearchOpened = {};
// The last change to the kept pages: the next waits for it. Two searches stored at once would
// each look for earlier ones before the other was in place, and both would stay.
var keptPagesTurn = Promise.resolve();

self.addEventListener("install", function (event) {
    event.waitUntil(
        caches.open(STATIC_CACHE)
            .then(function (cache) { return cache.addAll(Object.values(STATIC_FILES)); })
            .then(function () { return self.skipWaiting(); })
    );
});

self.addEventListener("activate", function (event) {
    event.waitUntil(
        caches.keys()
            .then(function (names) {
                return Promise.all(names.filter(function (name) {
                    return name.indexOf("iswg-static-") === 0 && name !== STATIC_CACHE;
                }).map(function (name) { return caches.delete(name); }));
            })
            .then(function () { return self.clients.claim(); })
    );
});

// The first page a visitor opens loads before the worker runs; it asks to be kept like the
// pages after it. The browser's own cache usually has it, so this costs no more data.
self.addEventListener("message", function (event) {
    var data = event.data || {};
    if (typeof data.keep !== "string") {
        return;
    }
    var url = new URL(data.keep, self.location.origin);
    url.hash = "";
    if (url.origin !== self.location.origin || NEVER_KEPT.test(url.pathname)) {
        return;
    }
    var opened = typeof data.opened === "number" && isFinite(data.opened) ? data.opened : Date.now();
    event.waitUntil(
        fetch(url.href, { credentials: "same-origin", cache: "force-cache" })
            .then(function (response) { return keepOrForget(url.href, response, opened); })
            .catch(function () { return undefined; })
    );
});

self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") {
        return;
    }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    if (request.mode === "navigate") {
        if (!NEVER_KEPT.test(url.pathname)) {
            event.respondWith(pageFromNetworkOrCopy(event));
        }
    } else if (url.pathname.indexOf(STATIC_URL) === 0) {
        event.respondWith(staticFromNetworkOrCache(request));
    }
});

function pageFromNetworkOrCopy(event) {
    var request = event.request;
    var opened = Date.now();
    return fetch(request).then(
        function (response) {
            event.waitUntil(keepOrForget(request.url, response.clone(), opened));
            return response;
        },
        function (error) {
            return findCopy(request.url).then(function (copy) {
                if (copy) {
                    return copy;
                }
                throw error;
            });
        }
    );
}

function mayKeep(response) {
    if (response.status !== 200 || response.type !== "basic" || response.redirected) {
        return false;
    }
    var kind = response.headers.get("X-Offline-Copy");
    if (kind !== "service" && kind !== "search") {
        return false;
    }
    var directives = (response.headers.get("Cache-Control") || "").toLowerCase().split(",")
        .map(function (part) { return part.split("=")[0].trim(); });
    if (directives.indexOf("private") !== -1 || directives.indexOf("no-store") !== -1) {
        return false;
    }
    return (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

function keepOrForget(url, response, opened) {
    url = url.split("#")[0];
    if (response.status === 404 || response.status === 410) {
        // The service closed or left the public directory: its copy goes too.
        return inTurn(function () {
            return caches.open(PAGES_CACHE).then(function (cache) { return cache.delete(url); });
        });
    }
    if (!mayKeep(response)) {
        return Promise.resolve();
    }
    var kind = response.headers.get("X-Offline-Copy");
    return response.text().then(function (html) {
        return inTurn(function () {
            if (kind === "search") {
                var path = new URL(url).pathname;
                if ((newestSearchOpened[path] || 0) > opened) {
                    return undefined;
                }
                newestSearchOpened[path] = opened;
            }
            var savedAt = new Date().toISOString();
            var headers = new Headers(response.headers);
            // The body is now plain text of another length.
            headers.delete("Content-Encoding");
            headers.delete("Content-Length");
            headers.set("X-Offline-Copy-Saved", savedAt);
            var marked = html.replace(/<html\b/i, '<html data-offline-copy="' + savedAt + '"');
            var copy = new Response(marked, { status: 200, statusText: "OK", headers: headers });
            return caches.open(PAGES_CACHE).then(function (cache) {
                return forgetEarlier(cache, url, kind)
                    .then(function () { return cache.put(url, copy); })
                    .then(function () { return forgetOldestServices(cache); });
            });
        });
    });
}

// Runs a change to the kept pages once the changes before it are done.
function inTurn(change) {
    var done = keptPagesTurn.then(change);
    keptPagesTurn = done.catch(function () { return undefined; });
    return done;
}

// The same page kept before goes (so the new copy counts as the newest); for a search, every
// earlier search of the same directory goes too: only the last one is kept.
function forgetEarlier(cache, url, kind) {
    var path = new URL(url).pathname;
    return cache.keys().then(function (keys) {
        return Promise.all(keys.map(function (key) {
            if (key.url === url) {
                return cache.delete(key);
            }
            if (kind !== "search" || new URL(key.url).pathname !== path) {
                return undefined;
            }
            return cache.match(key).then(function (kept) {
                if (kept && kept.headers.get("X-Offline-Copy") === "search") {
                    return cache.delete(key);
                }
                return undefined;
            });
        }));
    });
}

function forgetOldestServices(cache) {
    return cache.keys().then(function (keys) {
        if (keys.length <= MAX_SERVICE_PAGES) {
            return undefined;
        }
        return Promise.all(keys.map(function (key) { return cache.match(key); }))
            .then(function (responses) {
                var services = keys.filter(function (key, index) {
                    return responses[index].headers.get("X-Offline-Copy") === "service";
                });
                var extra = services.slice(0, Math.max(0, services.length - MAX_SERVICE_PAGES));
                return Promise.all(extra.map(function (key) { return cache.delete(key); }));
            });
    });
}

// Offline: the page's own copy, or for a new search of a directory, the last search made there.
function findCopy(url) {
    url = url.split("#")[0];
    var path = new URL(url).pathname;
    return caches.open(PAGES_CACHE).then(function (cache) {
        return cache.match(url, { ignoreVary: true }).then(function (exact) {
            if (exact) {
                return exact;
            }
            return cache.keys().then(function (keys) {
                var sameDirectory = keys.filter(function (key) {
                    return new URL(key.url).pathname === path;
                });
                return Promise.all(sameDirectory.map(function (key) { return cache.match(key); }))
                    .then(function (responses) {
                        return responses.filter(function (kept) {
                            return kept && kept.headers.get("X-Offline-Copy") === "search";
                        })[0];
                    });
            });
        });
    });
}

function staticFromNetworkOrCache(request) {
    return fetch(request).catch(function (error) {
        var path = new URL(request.url).pathname;
        var current = STATIC_FILES[path.replace(HASHED_NAME, "$1")];
        return caches.open(STATIC_CACHE).then(function (cache) {
            return cache.match(request).then(function (kept) {
                return kept || (current && cache.match(current));
            });
        }).then(function (kept) {
            if (kept) {
                return kept;
            }
            throw error;
        });
    });
}
