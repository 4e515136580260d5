"""The yearly review: each member is asked once to confirm or update their interests, and staff are
told once about anyone who has not replied after the set number of days."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from meetings.interests import services
from meetings.interests.models import Declaration, RegisterSettings
from members.models import Membership

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def on(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON))


@pytest.fixture
def group_staff(peg, staff):
    Membership.objects.create(user=staff, group=peg, role=Membership.Role.STAFF)
    return staff


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily job on a day, as beat would: its e-mails go once its transaction commits."""

    def run_on(day):
        with on(day), django_capture_on_commit_callbacks(execute=True):
            services.run_yearly_reviews()

    return run_on


def sent_to(subject_part):
    return sorted(message.to[0] for message in mail.outbox if subject_part in message.subject)


def test_it_asks_each_member_once_however_often_the_job_runs(run, member, chair):
    run(date(2027, 4, 1))
    run(date(2027, 4, 2))
    assert sent_to("Please check your interests") == ["chair@example.org", "member@example.org"]


def test_it_does_not_ask_a_member_who_confirmed_since_the_review_opened(run, member, chair):
    Declaration.objects.create(person=member, confirmed_on=date(2027, 4, 1))
    run(date(2027, 4, 2))
    assert sent_to("Please check your interests") == ["chair@example.org"]


def test_it_asks_again_the_next_year(run, member):
    run(date(2027, 4, 1))
    run(date(2028, 4, 1))
    assert sent_to("Please check your interests") == ["member@example.org", "member@example.org"]


def test_it_asks_no_one_before_the_review_month(run, member):
    RegisterSettings.objects.create(group=member.memberships.get().group, review_month=6)
    run(date(2027, 5, 31))
    assert mail.outbox == []


def test_a_review_whose_asking_time_has_passed_is_left_for_next_year(run, member, group_staff):
    run(date(2027, 12, 1))
    assert mail.outbox == []


def test_staff_are_told_once_after_the_set_days_who_has_not_replied(run, member, chair, group_staff):
    run(date(2027, 4, 1))
    with on(date(2027, 4, 10)):
        Declaration.objects.create(person=chair, confirmed_on=date(2027, 4, 10))
    run(date(2027, 4, 28))
    assert sent_to("not yet replied") == []
    run(date(2027, 4, 29))
    run(date(2027, 4, 30))
    reminders = [message for message in mail.outbox if "not yet replied" in message.subject]
    assert [message.to for message in reminders] == [["staff@example.org"]]
    assert "Olivia Bennett" in reminders[0].body and "Jean Ellison" not in reminders[0].body


def test_staff_are_not_told_when_everyone_has_replied(run, member, group_staff):
    run(date(2027, 4, 1))
    Declaration.objects.create(person=member, confirmed_on=date(2027, 4, 3))
    run(date(2027, 4, 29))
    assert sent_to("not yet replied") == []


def test_confirming_on_the_review_page_dates_the_declaration(client, member):
    Declaration.objects.create(person=member, confirmed_on=date(2026, 4, 3))
    with on(date(2027, 4, 5)):
        client.force_login(member)
        client.post(reverse("interests:review"))
    assert Declaration.objects.get(person=member).confirmed_on == date(2027, 4, 5)


def test_the_review_page_offers_to_confirm_or_update(client, member):
    Declaration.objects.create(person=member, confirmed_on=date(2026, 4, 3))
    client.force_login(member)
    page = client.get(reverse("interests:review")).text
    assert "Nothing has changed — confirm" in page and "Update your interests" in page


def test_the_review_e_mail_links_to_the_review_page(run, member):
    run(date(2027, 4, 1))
    assert reverse("interests:review") in mail.outbox[0].body


def test_a_member_who_asked_for_post_is_not_e_mailed_but_is_listed_to_staff(run, member, group_staff):
    member.communication_preference = "post"
    member.save()
    run(date(2027, 4, 1))
    run(date(2027, 4, 29))
    assert sent_to("Please check your interests") == []
    assert "Olivia Bennett (prefers post: not e-mailed)" in mail.outbox[0].body
