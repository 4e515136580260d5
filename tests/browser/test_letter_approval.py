"""An officer follows the staff home's letters waiting for approval to their page, in real Chromium: the
count, the cost, what they are about, and "Post" sends them to (a local fake of) GOV.UK Notify. Each page
passes axe-core."""

import pytest
from playwright.sync_api import expect

from engagement.core import letters, notifications
from members.models import User
from tests.browser.test_sign_in import sign_in
from tests.conftest import make_person
from tests.core.conftest import fake_notify  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_approves_the_letters(
    live_server,
    page,
    staff,
    meeting,
    fake_notify,  # noqa: F811 - the fixture imported above
    monkeypatch,
    assert_accessible,
):
    monkeypatch.setattr(letters, "render_letter", lambda *args, **kwargs: b"%PDF-1.7 a letter")
    person = make_person(
        "post@example.org",
        "Pat Post",
        communication_preference=User.CommunicationPreference.POST,
        address="1 Station Road\nReading",
        postcode="RG1 1AA",
    )
    notifications.plan(meeting, "invitation", [person])
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_text("1 letter waiting for your approval, costing about £0.85.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Letters waiting for your approval").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters waiting for your approval")
    expect(page.get_by_role("row").filter(has_text="Meeting invitation: Public Engagement Group")).to_contain_text("1")
    assert_accessible(page)
    page.get_by_role("button", name="Post 1 letter").click()
    expect(page.get_by_text("1 letter will be sent to GOV.UK Notify to be printed and posted.")).to_be_visible()
    expect(page.get_by_text("No letters are waiting for approval.")).to_be_visible()
    assert [path for path, _ in fake_notify.sent] == ["/v2/notifications/letter"]
