"""The HSDS `Page` envelope: 1-based pages, `per_page` from 1 to 100 (20 unless asked), and the
seven fields every list carries with its `contents`."""

import math
from dataclasses import dataclass

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


class ParameterError(Exception):
    """A query parameter the API cannot answer: the response names it (400, or 404 for a page
    past the last)."""

    def __init__(self, parameter, message, status=400):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Paging:
    """Which page of a list, and how long pages are."""

    number: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def start(self):
        return (self.number - 1) * self.per_page

    @property
    def stop(self):
        return self.number * self.per_page


def whole_number(query, name, default, low, high):
    """A whole-number parameter within [low, high], or ParameterError."""
    raw = query.get(name, "")
    if raw == "":
        return default
    if not raw.isascii() or not raw.lstrip("-").isdigit() or len(raw) > 9:
        raise ParameterError(name, f"{name} must be a whole number.")
    value = int(raw)
    if not low <= value <= high:
        raise ParameterError(name, f"{name} must be between {low} and {high}.")
    return value


def paging_from(query):
    """The Paging a query string asks for; ParameterError for a page below 1 or a page size
    outside 1-100."""
    return Paging(
        number=whole_number(query, "page", 1, 1, 10**9),
        per_page=whole_number(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


def page_of(total, paging, contents):
    """The envelope of one page of a list of `total` items. The first page always exists (an
    empty list has one, empty page); a page past the last is a 404 naming `page`."""
    total_pages = math.ceil(total / paging.per_page)
    if paging.number > max(total_pages, 1):
        raise ParameterError(
            "page", f"page {paging.number} is past the last page ({total_pages}).", status=404
        )
    contents = list(contents)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.number,
        "size": len(contents),
        "first_page": paging.number == 1,
        "last_page": paging.number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def whole_list(contents):
    """Everything in one page (`minimal=true`): the envelope of a single page holding all."""
    contents = list(contents)
    return {
        "total_items": len(contents),
        "total_pages": 1 if contents else 0,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
