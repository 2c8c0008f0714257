/* ISWG Portal service worker: keeps what a person needs readable without a connection.

   Kept at install, in the visitor's language: the home page (the installed app's start page),
   the directory's first page and the list of saved pages (/<lang>/offline/). Kept as they are
   opened: every service page, the last five searches and the print sheets. Offline, a kept page
   is shown with its note that it is a copy, and the date it was saved written in (the note is in
   the page, hidden); a page that was not kept shows the list of saved pages, saying so, in the
   language of the page asked for. A kept page needs no script to read: only the stylesheet is
   stored at install, so a first visit costs one request more than its page and no more.

   Pages always come from the network first. Only GET pages that the server offers with the
   X-Offline-Copy header are kept. Never kept: a response marked Cache-Control private or
   no-store (the site sends that to every signed-in visitor and with all members-only content),
   the admin, accounts, documents, anything else. The start pages are fetched without cookies,
   so they are always the public's pages, whoever is signed in. */
"use strict";

var VERSION = "{{ version }}";
var LANGUAGE = "{{ language }}";
var STATIC_CACHE = "iswg-static-" + VERSION;
// v2: copies carry their title and the moment they were opened, and five searches are kept.
var PAGES_CACHE = "iswg-pages-v2";
var STATIC_URL = "{{ static_url }}";
// The files a kept page needs to look right, by their plain name: their hashed name changes
// with every release, so a page kept under an older release finds the current file.
var STATIC_FILES = {{ static_files|safe }};
var START_URLS = {{ start_urls|safe }};
// The list of saved pages in each language, by its path.
var OFFLINE_PAGES = {{ offline_pages|safe }};
// Each language's CLDR date pattern, 24-hour clock, their joining and month names, as
// iswg_portal/core/dates.py writes dates on the server.
var DATE_PATTERNS = {{ date_patterns|safe }};
var TIME_ZONE = "{{ time_zone }}";
// The kinds of page kept (X-Offline-Copy), how many of each at most, and those listed.
var KINDS = ["service", "search", "print", "start", "offline"];
var LIMITS = { service: 50, search: 5, print: 10 };
var LISTED = ["service", "search", "print"];
var NEVER_KEPT = /^\/(?:[a-z]{2,3}(?:-[a-z0-9]+)*\/)?(?:admin|accounts|documents|_util)(?:\/|$)/i;
var HASHED_NAME = /\.[0-9a-f]{12}(\.[a-z0-9]+)$/i;
// The last change to the kept pages: the next waits for it. Two searches stored at once would
// each count the earlier ones before the other was in place, and more than five would stay.
var keptPagesTurn = Promise.resolve();

self.addEventListener("install", function (event) {
    event.waitUntil(
        caches.open(STATIC_CACHE)
            .then(function (cache) { return cache.addAll(Object.values(STATIC_FILES)); })
            .then(keepStartPages)
            .then(function () { return self.skipWaiting(); })
    );
});

self.addEventListener("activate", function (event) {
    event.waitUntil(
        caches.keys()
            .then(function (names) {
                return Promise.all(names.filter(function (name) {
                    return name.indexOf("iswg-") === 0 && name !== STATIC_CACHE &&
                        name !== PAGES_CACHE;
                }).map(function (name) { return caches.delete(name); }));
            })
            .then(function () { return self.clients.claim(); })
    );
});

// The start pages as the public sees them: no cookie goes with these requests.
function keepStartPages() {
    var opened = Date.now();
    return Promise.all(START_URLS.map(function (path) {
        var url = new URL(path, self.location.origin).href;
        return publicPage(url)
            .then(function (response) { return keepOrForget(url, response, opened); })
            // Without a connection now, the next visit keeps them.
            .catch(function () { return undefined; });
    }));
}

// How old a page in the browser's own cache may be to be kept as it is.
var FRESH_ENOUGH = 5 * 60 * 1000;

function isFresh(response) {
    var sent = Date.parse(response.headers.get("Date") || "");
    return response.ok && !isNaN(sent) && Date.now() - sent < FRESH_ENOUGH;
}

// A public page without a cookie. The start page a visitor has just opened is in the browser's
// cache, and taken from there it costs no data; an older copy there is fetched again.
function publicPage(url) {
    return fetch(url, { credentials: "omit", cache: "force-cache" }).then(function (response) {
        return isFresh(response) ? response : fetch(url, { credentials: "omit", cache: "reload" });
    });
}

// The page a visitor opened before the worker ran, from the browser's cache when it is there as
// the public saw it a moment ago (no data spent), else asked for as the visitor would: a page
// sent to a signed-in visitor is never in that cache (no-store) and comes back private.
function openedPage(url) {
    return fetch(url, { credentials: "omit", cache: "only-if-cached", mode: "same-origin" })
        .then(function (response) {
            if (!isFresh(response)) {
                throw new Error("not the copy just opened");
            }
            return response;
        })
        .catch(function () {
            return fetch(url, { credentials: "same-origin", cache: "force-cache" });
        });
}

// The first page a visitor opens loads before the worker runs; it asks to be kept like the
// pages after it. The browser's own cache has it, so this costs no more data.
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
    if (START_URLS.indexOf(url.pathname + url.search) !== -1) {
        // A start page: the install has just kept it.
        return;
    }
    var opened = typeof data.opened === "number" && isFinite(data.opened) ? data.opened : Date.now();
    event.waitUntil(
        openedPage(url.href)
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
    var url = request.url.split("#")[0];
    var opened = Date.now();
    var listLanguage = offlinePageLanguage(new URL(url).pathname);
    return fetch(request).then(
        function (response) {
            event.waitUntil(keepOrForget(url, response.clone(), opened));
            if (listLanguage && response.ok) {
                // The list of saved pages is filled from what this device kept (public pages
                // only), whoever asks for it.
                return response.text().then(function (html) {
                    return listSavedPages(html, listLanguage, false, response.headers);
                });
            }
            return response;
        },
        function () {
            return findCopy(url).then(function (copy) {
                if (copy) {
                    return listLanguage ? listSavedPagesFrom(copy, listLanguage, false) : dated(copy, url);
                }
                return notSavedPage(url);
            });
        }
    );
}

function offlinePageLanguage(path) {
    return Object.keys(OFFLINE_PAGES).filter(function (code) {
        return OFFLINE_PAGES[code] === path;
    })[0];
}

function isPrivate(response) {
    var directives = (response.headers.get("Cache-Control") || "").toLowerCase().split(",")
        .map(function (part) { return part.split("=")[0].trim(); });
    return directives.indexOf("private") !== -1 || directives.indexOf("no-store") !== -1;
}

function mayKeep(response) {
    if (response.status !== 200 || response.type !== "basic" || response.redirected) {
        return false;
    }
    if (KINDS.indexOf(kindOf(response)) === -1) {
        return false;
    }
    if (isPrivate(response)) {
        return false;
    }
    return (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

function kindOf(response) {
    return response.headers.get("X-Offline-Copy") || "";
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
    var kind = kindOf(response);
    return response.text().then(function (html) {
        return inTurn(function () {
            var savedAt = new Date().toISOString();
            var headers = new Headers(response.headers);
            // The body is now plain text of another length.
            headers.delete("Content-Encoding");
            headers.delete("Content-Length");
            headers.set("X-Offline-Copy-Saved", savedAt);
            headers.set("X-Offline-Copy-Opened", String(opened));
            headers.set("X-Offline-Copy-Title", encodeURIComponent(titleOf(html)));
            var marked = html;
            if (kind !== "offline") {
                marked = html.replace(/<html\b/i, '<html data-offline-copy="' + savedAt + '"');
            }
            var copy = new Response(marked, { status: 200, statusText: "OK", headers: headers });
            return caches.open(PAGES_CACHE).then(function (cache) {
                return cache.delete(url)
                    .then(function () { return cache.put(url, copy); })
                    .then(function () { return forgetOldest(cache, kind); });
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

// The pages of one kind, newest opened first, each as {url, response}.
function keptOfKind(cache, kind) {
    return cache.keys().then(function (keys) {
        return Promise.all(keys.map(function (key) { return cache.match(key); }))
            .then(function (responses) {
                return keys.map(function (key, index) {
                    return { url: key.url, response: responses[index] };
                }).filter(function (entry) {
                    return entry.response && kindOf(entry.response) === kind;
                }).sort(function (a, b) { return openedAt(b) - openedAt(a); });
            });
    });
}

function openedAt(entry) {
    return Number(entry.response.headers.get("X-Offline-Copy-Opened")) || 0;
}

// Past its limit, a kind's pages opened longest ago go.
function forgetOldest(cache, kind) {
    if (!LIMITS[kind]) {
        return Promise.resolve();
    }
    return keptOfKind(cache, kind).then(function (entries) {
        return Promise.all(entries.slice(LIMITS[kind]).map(function (entry) {
            return cache.delete(entry.url);
        }));
    });
}

function findCopy(url) {
    return caches.open(PAGES_CACHE).then(function (cache) {
        return cache.match(url, { ignoreVary: true });
    });
}

// The page's <title> without the portal's name after it.
function titleOf(html) {
    var match = /<title>([\s\S]*?)<\/title>/i.exec(html);
    var title = match ? match[1].replace(/\s+/g, " ").trim() : "";
    var cut = title.lastIndexOf(" · ");
    return unescapeHtml(cut > 0 ? title.slice(0, cut) : title);
}

function unescapeHtml(text) {
    return text.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, function (whole, name) {
        var named = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name.toLowerCase()];
        if (named) {
            return named;
        }
        var code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return isFinite(code) ? String.fromCodePoint(code) : whole;
    });
}

function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (character) {
        return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[character];
    });
}

// Offline, a page that was not kept: the list of saved pages in that page's language (else
// the visitor's), with its note that the page was not saved.
function notSavedPage(url) {
    var prefix = new URL(url).pathname.split("/")[1];
    var languages = [prefix, LANGUAGE].filter(function (code, index, all) {
        return OFFLINE_PAGES[code] && all.indexOf(code) === index;
    });
    return caches.open(PAGES_CACHE).then(function (cache) {
        return languages.reduce(function (found, code) {
            return found.then(function (page) {
                if (page) {
                    return page;
                }
                var pageUrl = new URL(OFFLINE_PAGES[code], self.location.origin).href;
                return cache.match(pageUrl, { ignoreVary: true }).then(function (kept) {
                    return kept ? listSavedPagesFrom(kept, code, true) : undefined;
                });
            });
        }, Promise.resolve(undefined));
    }).then(function (page) {
        return page || Response.error();
    });
}

// A kept copy with its note shown and the date it was saved written out in the page's
// language (else the visitor's), as the server writes dates.
function dated(copy, url) {
    var saved = copy.headers.get("X-Offline-Copy-Saved");
    if (!saved) {
        return copy;
    }
    var language = new URL(url).pathname.split("/")[1];
    return copy.text().then(function (html) {
        var shown = html.replace(
            /(<p\b[^>]*\bdata-offline-note)\s+hidden>([\s\S]*?)<time><\/time>/i,
            function (whole, opening, before) {
                return opening + ">" + before + '<time datetime="' + escapeHtml(saved) + '">' +
                    escapeHtml(formatMoment(saved, language)) + "</time>";
            }
        );
        return new Response(shown, { status: 200, statusText: "OK", headers: copy.headers });
    });
}

function listSavedPagesFrom(response, language, notSaved) {
    return response.text().then(function (html) {
        return listSavedPages(html, language, notSaved, response.headers);
    });
}

// The list page's HTML with its lists filled from the kept pages, newest first.
function listSavedPages(html, language, notSaved, headers) {
    var item = /<template data-offline-item>([\s\S]*?)<\/template>/.exec(html);
    return caches.open(PAGES_CACHE).then(function (cache) {
        return Promise.all(LISTED.map(function (kind) { return keptOfKind(cache, kind); }));
    }).then(function (lists) {
        LISTED.forEach(function (kind, index) {
            var entries = lists[index];
            if (!item || !entries.length) {
                return;
            }
            var items = entries.map(function (entry) {
                return listItem(item[1], entry, language);
            }).join("");
            html = html.replace(
                '<ul class="offline-list" data-offline-list="' + kind + '"></ul>',
                '<ul class="offline-list" data-offline-list="' + kind + '">' + items + "</ul>"
            ).replace('<p data-offline-empty="' + kind + '">', '<p data-offline-empty="' + kind + '" hidden>');
        });
        if (notSaved) {
            html = html.replace("data-offline-unsaved hidden", "data-offline-unsaved");
        }
        var shown = new Headers(headers);
        shown.delete("Content-Encoding");
        shown.delete("Content-Length");
        shown.set("Cache-Control", "no-store");
        return new Response(html, { status: 200, statusText: "OK", headers: shown });
    });
}

function listItem(template, entry, language) {
    var saved = entry.response.headers.get("X-Offline-Copy-Saved") || "";
    var title = "";
    try {
        title = decodeURIComponent(entry.response.headers.get("X-Offline-Copy-Title") || "");
    } catch (error) {
        title = "";
    }
    var link = new URL(entry.url);
    var name = escapeHtml(title || link.pathname);
    // A search names its words, isolated: they may be in another script than the page.
    var words = link.searchParams.get("q");
    if (words && title.indexOf(words) === -1) {
        name += ": <bdi>" + escapeHtml(words) + "</bdi>";
    }
    return template
        .replace('<a href=""></a>', '<a href="' + escapeHtml(link.pathname + link.search) + '">' +
            name + "</a>")
        .replace("<time></time>", '<time datetime="' + escapeHtml(saved) + '">' +
            escapeHtml(formatMoment(saved, language)) + "</time>");
}

// A moment as iswg_portal/core/dates.py writes it (local_datetime) in the language, on the
// portal's clock: "13 يناير 2027، 10:00".
function formatMoment(isoTime, language) {
    var moment = new Date(isoTime);
    var patterns = DATE_PATTERNS[language] || DATE_PATTERNS[LANGUAGE];
    if (isNaN(moment.getTime()) || !patterns) {
        return isoTime;
    }
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
        timeZone: TIME_ZONE, year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", hourCycle: "h23"
    }).formatToParts(moment).forEach(function (part) { parts[part.type] = Number(part.value); });
    var values = {
        y: parts.year, M: parts.month, d: parts.day, H: parts.hour % 24, m: parts.minute
    };
    function apply(pattern) {
        // CLDR pattern letters, with text between apostrophes taken as it is ('' is one).
        return pattern.replace(/'([^']*)'|([yMdHm])\2*/g, function (whole, quoted, letter) {
            if (quoted !== undefined) {
                return quoted === "" ? "'" : quoted;
            }
            if (letter === "M" && whole.length >= 3) {
                return patterns.months[values.M - 1];
            }
            var number = String(values[letter]);
            return whole.length === 2 && number.length < 2 ? "0" + number : number;
        });
    }
    return patterns.glue.replace("{1}", apply(patterns.date)).replace("{0}", apply(patterns.clock));
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
