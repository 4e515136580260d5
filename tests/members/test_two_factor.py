"""Two-step sign-in (TOTP) for staff: set up with an authenticator app; required by production settings."""

import subprocess
import sys

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.members.test_settings import PRODUCTION, ROOT

pytestmark = pytest.mark.django_db


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_turn_on_two_step_sign_in_with_a_code_from_their_app(client, staff):
    client.force_login(staff)
    page = client.get(reverse("two_factor"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post(reverse("two_factor"), {"code": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert "Two-step sign-in is on" in client.get(reverse("two_factor")).text


def test_a_wrong_code_is_explained_and_nothing_is_turned_on(client, staff):
    client.force_login(staff)
    client.get(reverse("two_factor"))
    response = client.post(reverse("two_factor"), {"code": "000000"})
    assert "That code is not right" in response.text
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_members_cannot_open_the_staff_set_up(client, member):
    client.force_login(member)
    response = client.get(reverse("two_factor"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()


def test_production_settings_make_the_admin_ask_for_a_code():
    code = (
        "import django; django.setup(); import engagement.urls; from django.contrib import admin; "
        "print(admin.site.__class__.__name__)"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "engagement.settings", **PRODUCTION}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "OTPAdminSite", result.stderr


def test_set_up_still_opens_when_two_unconfirmed_devices_were_made(client, staff):
    # Two quick first visits (a double click, two tabs) can each make a device.
    for _ in range(2):
        TOTPDevice.objects.create(user=staff, confirmed=False, name="Authenticator app")
    client.force_login(staff)
    response = client.get(reverse("two_factor"))
    assert response.status_code == 200
    assert 'src="data:image/svg+xml' in response.text
