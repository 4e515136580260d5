"""Sign-in lockout, security headers and the health check."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, password):
    return client.post(reverse("login"), {"username": "member@example.org", "password": password})


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.text
    # Even the right password is refused while locked.
    assert sign_in(client, PASSWORD).status_code == 429


def test_changing_the_case_of_the_e_mail_address_does_not_escape_a_lockout(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    response = client.post(reverse("login"), {"username": "Member@Example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_a_lockout_ends_after_the_cool_off(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    with time_machine.travel(settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert sign_in(client, PASSWORD).status_code == 302


def test_pages_forbid_inline_scripts_and_framing(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_session_cookies_are_http_only(client, member):
    response = client.post(reverse("login"), {"username": "member@example.org", "password": PASSWORD})
    assert response.cookies["sessionid"]["httponly"]


def test_the_health_check_reports_each_part(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}


def test_the_health_check_fails_when_a_part_fails(client, db, monkeypatch):
    from engagement.core import health

    def broken():
        raise ConnectionError("no redis")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed"


def test_the_session_check_says_whether_someone_is_signed_in(client, member):
    assert client.get(reverse("session_check")).json() == {"signed_in": False}
    client.force_login(member)
    assert client.get(reverse("session_check")).json() == {"signed_in": True}
