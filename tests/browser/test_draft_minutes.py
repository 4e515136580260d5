"""An attendee follows the draft minutes e-mail's link, reads the draft and sends an amendment, in real
Chromium; the page passes axe-core before and after, with the error shown when nothing is typed."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from meetings import services
from meetings.models import Attendee, Meeting, MinutesComment
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_attendee_sends_an_amendment_to_the_draft_minutes(live_server, page, member, venue, assert_accessible):
    start = timezone.now().replace(microsecond=0) - timedelta(days=5)
    held = Meeting.objects.create(
        group=member.memberships.get().group,
        title="Spring meeting",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
        status=Meeting.Status.HELD,
    )
    Attendee.objects.create(meeting=held, user=member)
    services.send_draft_minutes(held)
    link = re.search(r"https?://\S+/draft-minutes/", mail.outbox[0].body).group(0)

    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Comment on the draft minutes")
    expect(page.get_by_role("link", name="Download the draft minutes (PDF)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Enter your comment or amendment").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("radio", name="Amendment").check()
    page.get_by_label("Your comment or amendment").fill("Item 2: I said Tuesday, not Monday.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you. Your comment has been sent to the engagement team.")).to_be_visible()
    expect(page.get_by_text("Item 2: I said Tuesday, not Monday.")).to_be_visible()
    assert_accessible(page)
    assert MinutesComment.objects.get().kind == MinutesComment.Kind.AMENDMENT
