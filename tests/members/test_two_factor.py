"""Two-step sign-in (TOTP) for staff: set up with an authenticator app; required by production settings."""

import re
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.admin import OTPAdminSite
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import twostep
from tests.conftest import make_person
from tests.members.test_settings import PRODUCTION, ROOT

pytestmark = pytest.mark.django_db


def set_up_path(user):
    return twostep.set_up_link(user).removeprefix(settings.SITE_URL)


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_ask_for_a_set_up_link_sent_to_their_own_address(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("two_factor"))
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[staff.email]]
    # The token carries a timestamp, so read it from the e-mail rather than make a second one.
    link = re.search(re.escape(settings.SITE_URL) + r"\S+/two-step/\S+", mailoutbox[0].body)
    assert link and twostep.link_is_valid(staff, link.group(0).rstrip("/").split("/")[-1])


def test_the_password_alone_does_not_open_the_set_up(client, staff):
    client.force_login(staff)
    page = client.get(reverse("two_factor"))
    assert 'src="data:image/svg+xml' not in page.text
    assert not TOTPDevice.objects.exists()


def test_staff_turn_on_two_step_sign_in_from_the_link_with_a_code_from_their_app(client, staff):
    client.force_login(staff)
    link = set_up_path(staff)
    page = client.get(link)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post(link, {"code": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert "Two-step sign-in is on" in client.get(reverse("two_factor")).text


def test_enrolling_does_not_verify_the_session_that_did_it(client, staff, settings):
    settings.STAFF_TWO_FACTOR = True
    client.force_login(staff)
    link = set_up_path(staff)
    client.get(link)
    client.post(link, {"code": current_code(TOTPDevice.objects.get(user=staff))})
    assert client.get(reverse("planning:survey_list")).status_code == 404


def test_a_set_up_link_works_once(client, staff):
    client.force_login(staff)
    link = set_up_path(staff)
    client.get(link)
    client.post(link, {"code": current_code(TOTPDevice.objects.get(user=staff))})
    response = client.get(link)
    assert response.status_code == 400
    assert "This set-up link does not work" in response.text


def test_a_set_up_link_works_only_for_the_person_it_was_sent_to(client, staff):
    other = make_person("other-staff@example.org", "Other Staff", is_staff=True)
    client.force_login(other)
    response = client.get(set_up_path(staff))
    assert response.status_code == 400
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_is_explained_and_nothing_is_turned_on(client, staff):
    client.force_login(staff)
    link = set_up_path(staff)
    client.get(link)
    response = client.post(link, {"code": "000000"})
    assert "That code is not right" in response.text
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_a_superuser_can_print_a_set_up_link_for_a_staff_member(staff):
    out = StringIO()
    call_command("two_step_link", staff.email, stdout=out)
    assert twostep.set_up_link(staff) in out.getvalue()


def test_members_cannot_open_the_staff_set_up(client, member):
    client.force_login(member)
    response = client.get(reverse("two_factor"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()


def test_production_settings_make_the_admin_ask_for_a_code():
    code = (
        "import django; django.setup(); import engagement.urls; from django.contrib import admin; "
        "from django_otp.admin import OTPAdminSite; print(isinstance(admin.site, OTPAdminSite))"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "engagement.settings", **PRODUCTION}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr


def test_set_up_still_opens_when_two_unconfirmed_devices_were_made(client, staff):
    # Two quick first visits (a double click, two tabs) can each make a device.
    for _ in range(2):
        TOTPDevice.objects.create(user=staff, confirmed=False, name="Authenticator app")
    client.force_login(staff)
    response = client.get(set_up_path(staff))
    assert response.status_code == 200
    assert 'src="data:image/svg+xml' in response.text


def verified_client(client, user):
    """Signed in with a password and a code, as the OTP admin login leaves a session."""
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="Authenticator app")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_staff_with_their_second_step_keep_their_staff_pages(client, staff, settings):
    settings.STAFF_TWO_FACTOR = True
    assert verified_client(client, staff).get(reverse("planning:survey_list")).status_code == 200


def test_staff_without_their_second_step_are_told_how_to_get_their_staff_pages(client, staff, settings):
    settings.STAFF_TWO_FACTOR = True
    client.force_login(staff)
    page = client.get(reverse("dashboard"))
    assert "You are signed in with your password only" in page.text


def test_the_otp_admin_refuses_staff_without_their_second_step(rf, staff):
    request = rf.get("/admin/")
    request.user = staff
    staff.is_verified = lambda: False
    assert not OTPAdminSite().has_permission(request)


def test_the_set_up_page_showing_the_secret_is_never_cached(client, staff):
    client.force_login(staff)
    assert "no-store" in client.get(set_up_path(staff))["Cache-Control"]
