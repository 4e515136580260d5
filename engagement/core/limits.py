"""Refuse a request body that is too large before anything reads it.

Django reads a POST's body when something first asks for request.POST, which for
most forms is the CSRF check. This middleware comes before that check and decides
from the Content-Length header alone, so an oversized body is never read, parsed
or spooled to a temporary file. nginx refuses bodies over client_max_body_size
before they reach Django at all (README, "Running in production"); its limits
should match these.
"""

from django.shortcuts import render
from django.urls import Resolver404, resolve

from engagement.core.uploads import MB

# The public expression-of-interest form: about ten times the largest honest form
# (every box full of four-byte characters, percent-encoded). Anything bigger is not a person typing.
PUBLIC_FORM_LIMIT = 128 * 1024
# Forms with files: expense claims with receipts (10 MB each) and, in the staff admin,
# papers (20 MB each) and imports. Room for two of the largest files and the rest of the form.
UPLOAD_LIMIT = 50 * MB
# Every other form is text only: Django's own limit on a form's text (DATA_UPLOAD_MAX_MEMORY_SIZE).
TEXT_LIMIT = 2_621_440

# By the URL namespace the request is for.
LIMITS = {
    "recruitment": PUBLIC_FORM_LIMIT,
    "events": PUBLIC_FORM_LIMIT,
    "expenses": UPLOAD_LIMIT,
    "admin": UPLOAD_LIMIT,
}


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = content_length(request)
        # Most requests are within the smallest limit, so they skip looking up the URL.
        if length > PUBLIC_FORM_LIMIT and length > limit_for(request.path_info):
            return render(request, "413.html", status=413)
        return self.get_response(request)


def content_length(request):
    # A missing or malformed header means Django reads no body at all, so there is nothing to refuse.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def limit_for(path):
    try:
        namespaces = resolve(path).namespaces
    except Resolver404:
        return TEXT_LIMIT
    return LIMITS.get(namespaces[0], TEXT_LIMIT) if namespaces else TEXT_LIMIT
