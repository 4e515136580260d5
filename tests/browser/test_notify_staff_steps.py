"""With GOV.UK Notify (a local fake), in real Chromium: the confirmation counts letters apart from those to
contact, staff can decide not to post a letter, and a text Notify could not deliver is tried again. Each page
passes axe-core."""

import pytest
from playwright.sync_api import expect

from engagement.core import letters, notifications
from engagement.core.models import Notification
from members.models import Membership, User
from tests.browser.test_sign_in import sign_in
from tests.conftest import make_person
from tests.core.conftest import fake_notify  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def by_post(peg, monkeypatch):
    monkeypatch.setattr(letters, "render_letter", lambda *args, **kwargs: b"%PDF-1.7 a letter")
    person = make_person(
        "post@example.org",
        "Pat Post",
        communication_preference=User.CommunicationPreference.POST,
        address="1 Station Road\nReading",
        postcode="RG1 1AA",
    )
    Membership.objects.create(user=person, group=peg)
    return person


def test_issuing_papers_counts_the_letter_apart(
    live_server,
    page,
    staff,
    member,
    meeting,
    by_post,
    fake_notify,  # noqa: F811 - the fixture imported above
    assert_accessible,
):
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/meetings/meeting/")
    page.get_by_role("checkbox", name="Select this object for an action").first.check()
    page.get_by_label("Action:").select_option("issue_papers")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("listitem").filter(has_text="1 by letter (waiting for your approval")).to_be_visible()
    expect(page.get_by_text("Pat Post")).to_have_count(0)
    assert_accessible(page)


def test_an_officer_decides_not_to_post_a_letter(
    live_server,
    page,
    staff,
    meeting,
    by_post,
    fake_notify,  # noqa: F811 - the fixture imported above
    assert_accessible,
):
    notifications.plan(meeting, "invitation", [by_post])
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Letters waiting for your approval").click()
    page.get_by_label("Pat Post").check()
    assert_accessible(page)
    page.get_by_role("button", name="Do not post the ticked letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Do not post 1 letter?")
    assert_accessible(page)
    page.get_by_role("button", name="Do not post 1 letter").click()
    expect(page.get_by_text("1 letter will not be posted.")).to_be_visible()
    expect(page.get_by_text("No letters are waiting for approval.")).to_be_visible()
    assert Notification.objects.get().status == Notification.Status.NOT_SENT
    assert fake_notify.requests == []


def test_an_officer_tries_an_undelivered_text_again(
    live_server,
    page,
    staff,
    member,
    meeting,
    fake_notify,  # noqa: F811 - the fixture imported above
    assert_accessible,
):
    member.mobile_number, member.text_reminders = "+447700900982", True
    member.save()
    notifications.plan(meeting, "reminder-1", [member])
    sms = Notification.objects.get(channel=Notification.Channel.SMS)
    notifications.deliver(sms.pk)
    Notification.objects.filter(pk=sms.pk).update(delivery_status="temporary-failure")
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Messages that failed").click()
    expect(page.get_by_role("row").filter(has_text="+447700900982")).to_contain_text("The phone was switched off")
    assert_accessible(page)
    page.get_by_role("button", name="Try again", exact=False).click()
    expect(page.get_by_text("1 text message will be sent again in the next few minutes.")).to_be_visible()
    assert_accessible(page)
    assert [body["reference"] for _, body in fake_notify.sent] == [str(sms.pk), f"{sms.pk}-2"]
