"""A request body over its form's limit is refused from its Content-Length, before anything reads it."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from engagement.core.limits import (
    PUBLIC_FORM_LIMIT,
    TEXT_LIMIT,
    UPLOAD_LIMIT,
    RequestSizeLimitMiddleware,
)

pytestmark = pytest.mark.django_db

PUBLIC_FORM = "/join/peg-members/"


class UnreadableBody:
    """Stands in for the request body: fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_claiming(client, path, length):
    """A POST whose headers say it is `length` bytes long, with a body nobody may read."""
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadableBody()},
    )


def reaches_the_view(path, length):
    request = post_claiming(RequestFactory(), path, length)
    response = RequestSizeLimitMiddleware(lambda request: HttpResponse("The view ran."))(request)
    return response.status_code == 200


def test_an_oversized_post_to_the_public_form_is_refused_before_its_body_is_read():
    # With CSRF checks on and a CSRF cookie, as for a real browser: the CSRF check is what would read the body.
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "x" * 32
    response = post_claiming(client, PUBLIC_FORM, PUBLIC_FORM_LIMIT + 1)
    assert response.status_code == 413


def test_the_refusal_says_what_to_do_in_plain_english(client):
    response = post_claiming(client, PUBLIC_FORM, PUBLIC_FORM_LIMIT + 1)
    assert "What you sent was too large" in response.text
    assert "Go back in your browser, shorten your answers or choose smaller files" in response.text


def test_the_public_form_within_its_limit_reaches_the_view():
    assert reaches_the_view(PUBLIC_FORM, PUBLIC_FORM_LIMIT)


def test_a_text_form_over_the_text_limit_is_refused():
    assert not reaches_the_view("/projects/1/comments/", TEXT_LIMIT + 1)


def test_a_claim_with_receipts_may_be_larger_than_a_text_form():
    assert reaches_the_view("/expenses/new/", TEXT_LIMIT * 4)


def test_papers_in_the_staff_admin_may_be_larger_than_a_text_form():
    assert reaches_the_view("/admin/meetings/agendaitem/1/change/", TEXT_LIMIT * 4)


def test_an_upload_over_the_upload_limit_is_refused():
    assert not reaches_the_view("/expenses/new/", UPLOAD_LIMIT + 1)


def test_a_malformed_length_is_left_to_django_which_reads_no_body():
    assert reaches_the_view(PUBLIC_FORM, "lots")
