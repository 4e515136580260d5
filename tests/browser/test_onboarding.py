"""A member reads and signs the involvement agreement from their profile, in real Chromium; the pages pass axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.onboarding.models import AgreementSignature, AgreementVersion
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agreement(db):
    return AgreementVersion.objects.create(
        name="First edition",
        in_force_from=timezone.localdate() - timedelta(days=7),
        text="We will send papers a week before each meeting.",
    )


def test_a_member_signs_the_agreement_from_their_profile(live_server, page, member, agreement, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/profile/")
    expect(page.get_by_text("Still to do: sign the involvement agreement")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Read and sign the involvement agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Involvement agreement")
    expect(page.get_by_text("We will send papers a week before each meeting.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Type your full name to sign").fill("Olivia Benet")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Type your full name to sign").fill("olivia bennett")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_text(f"Signed on {timezone.localdate():%-d %B %Y} (First edition version)")).to_be_visible()
    assert AgreementSignature.objects.filter(user=member, version=agreement).exists()
    assert_accessible(page)
