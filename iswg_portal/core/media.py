"""Uploaded files served by the development server: images only.

Documents are never served from their storage path: they go through Wagtail's view at
/documents/<id>/<name>, which checks the collection's privacy first. In production the web
server in front serves the same two image folders (see the README) and nothing else.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

# Wagtail keeps uploaded originals and their resized copies (renditions) in these folders.
PUBLIC_IMAGE_FOLDERS = ("original_images", "images")


def serve_image_file(request, path):
    """An image file below MEDIA_ROOT, or 404 for anything outside the image folders."""
    # `..` would otherwise lead from an image folder into documents/.
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.split("/", 1)[0] not in PUBLIC_IMAGE_FOLDERS or normalised != path:
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)


def image_file_urls():
    """URL patterns that serve the image folders of MEDIA_ROOT, for the development server."""
    if not settings.MEDIA_URL.startswith("/"):
        return []  # files on another host (an S3 bucket): nothing to serve here
    prefix = settings.MEDIA_URL.lstrip("/")
    folders = "|".join(PUBLIC_IMAGE_FOLDERS)
    return [re_path(rf"^{prefix}(?P<path>(?:{folders})/.+)$", serve_image_file)]
