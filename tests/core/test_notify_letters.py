"""Letters wait for staff approval: the count, the cost and a preview first; nothing is posted before."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagement.core import notifications
from engagement.core.models import Notification
from tests.core.conftest import person_by_post
from tests.members.test_account_powers import make_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_letters")]
URL = reverse("admin:letters_to_approve")
Channel, Status = Notification.Channel, Notification.Status


def test_the_page_shows_the_count_the_cost_and_what_they_are_about(client, staff, waiting):
    client.force_login(staff)
    response = client.get(URL)
    assert "2 letters waiting to be posted, costing about £1.70" in response.text
    [(subject, count)] = response.context["about"]
    assert (subject.startswith("Meeting invitation: Public Engagement Group"), count) == (True, 2)
    assert 'value="Post 2 letters"' in response.text


def test_the_first_letter_can_be_seen_as_it_will_be_printed(client, staff, waiting):
    client.force_login(staff)
    response = client.get(URL, {"letter": "first"})
    assert (response["Content-Type"], response.content) == ("application/pdf", b"%PDF-1.7 a letter")


def test_posting_sends_the_letters_counted_and_no_others(
    client, staff, waiting, fake_notify, meeting, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    up_to = client.get(URL).context["up_to"]
    notifications.plan(meeting, "invitation", [person_by_post(3)])  # planned after the page was shown
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"up_to": up_to, "_send_confirmed": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "2 letters will be sent to GOV.UK Notify to be printed and posted."
    ]
    assert len(fake_notify.sent) == 2
    assert Notification.objects.filter(status=Status.AWAITING_APPROVAL).count() == 1


def test_nothing_is_posted_without_the_confirmation(client, staff, waiting, fake_notify):
    client.force_login(staff)
    client.post(URL, {"up_to": waiting[-1].pk})
    assert fake_notify.requests == []
    assert Notification.objects.filter(status=Status.AWAITING_APPROVAL).count() == 2


def test_members_cannot_reach_the_page(client, member, waiting):
    client.force_login(member)
    assert client.get(URL).status_code == 302  # to the admin's sign-in page


def test_staff_without_the_role_cannot_post(client, waiting, fake_notify):
    client.force_login(make_role("bare", "bare@example.org"))
    assert client.post(URL, {"up_to": waiting[-1].pk, "_send_confirmed": "1"}).status_code == 403
    assert fake_notify.requests == []


def test_the_staff_home_says_how_many_letters_wait(client, staff, waiting):
    client.force_login(staff)
    text = client.get(reverse("admin:index")).text
    assert "2 letters waiting for your approval, costing about £1.70." in text
    assert f'href="{URL}"' in text


def send_letters_and_texts(meeting):
    person = person_by_post(1)
    now = timezone.now()
    sent = [(0, Channel.LETTER), (0, Channel.SMS), (20, Channel.SMS), (50, Channel.LETTER), (0, Channel.EMAIL)]
    for number, (days_ago, channel) in enumerate(sent):
        Notification.objects.create(
            user=person,
            subject=meeting,
            event=f"event-{number}",
            channel=channel,
            status=Status.SENT,
            sent_at=now - timedelta(days=days_ago),
        )


@time_machine.travel("2026-12-15 12:00 +00:00", tick=False)
def test_the_staff_home_totals_letters_and_texts_per_group_this_month_and_last(client, staff, fake_notify, meeting):
    send_letters_and_texts(meeting)
    client.force_login(staff)
    home = client.get(reverse("admin:index")).context["home"]
    [item] = [
        item
        for _, items in home["sections"]
        for item in items
        if item.title == "Letters and text messages sent this month and last"
    ]
    assert item.columns[1:5] == ["Letters in December", "Texts in December", "Cost", "Letters in November"]
    assert (item.rows, item.total) == ([["Public Engagement Group", "1", "1", "£0.87", "0", "1", "£0.02"]], 3)


@time_machine.travel("2026-12-15 12:00 +00:00", tick=False)
def test_the_staff_home_says_its_letters_and_texts_total_counts_messages_and_links_nowhere(
    client, staff, fake_notify, meeting
):
    # No page lists sent messages to staff, and the letters to approve are another thing.
    send_letters_and_texts(meeting)
    client.force_login(staff)
    text = client.get(reverse("admin:index")).text
    assert "<h3>Letters and text messages sent this month and last: 3 messages</h3>" in text
    assert "See all" not in text


def test_the_staff_home_with_notify_takes_one_query_more_than_without(client, staff, settings, fake_notify, waiting):
    client.force_login(staff)
    client.get(reverse("admin:index"))  # the content types and permissions cached, as on any later visit
    with CaptureQueriesContext(connection) as with_notify:
        client.get(reverse("admin:index"))
    settings.NOTIFY_API_KEY = ""
    with CaptureQueriesContext(connection) as without:
        client.get(reverse("admin:index"))
    # The letters and texts per group; the counts of failed messages and letters waiting are one query either way.
    assert len(with_notify) == len(without) + 1
