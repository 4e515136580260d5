"""Project e-mails: who gets each one, and that nobody gets the same one twice."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from engagement.core import notifications
from feedback import services, tasks
from feedback.models import FeedbackPreference, ResponseChase
from members.models import Membership, User
from tests.conftest import make_person
from tests.feedback.conftest import close

pytestmark = pytest.mark.django_db
# Scheduled tasks run outside any request transaction, so their e-mails are queued at once, as in these.
as_scheduled = pytest.mark.django_db(transaction=True)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def members(peg):
    people = []
    for i in range(3):
        person = make_person(f"m{i}@example.org", f"Member {i}")
        Membership.objects.create(user=person, group=peg)
        people.append(person)
    return people


def test_opening_a_project_emails_its_groups_members(
    member, panel_member, staff, make_project, django_capture_on_commit_callbacks
):
    draft = make_project(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.open_for_comments(draft)
    assert recipients() == ["member@example.org"]
    assert draft.title in mail.outbox[0].subject
    assert draft.get_absolute_url() in mail.outbox[0].body


def test_opening_skips_members_who_prefer_post(member, make_project, django_capture_on_commit_callbacks):
    User.objects.filter(pk=member.pk).update(communication_preference=User.CommunicationPreference.POST)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_for_comments(make_project(status="draft"))
    assert mail.outbox == []


def test_reopening_a_project_does_not_email_anyone_again(member, make_project, django_capture_on_commit_callbacks):
    project = make_project(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.open_for_comments(project)
        services.close_comments(project)
        services.open_for_comments(project)
    assert recipients() == ["member@example.org"]


def test_a_project_without_a_closing_date_cannot_open(make_project):
    project = make_project(status="draft", closes_in=-1)
    with pytest.raises(services.NotAllowed, match="closing date"):
        services.open_for_comments(project)


@as_scheduled
def test_closing_reminders_go_only_to_members_who_have_not_commented(member, other_member, make_project, make_comment):
    project = make_project(closes_in=3)
    make_comment(project, other_member)
    tasks.send_closing_reminders()
    assert recipients() == ["member@example.org"]
    assert "close" in mail.outbox[0].subject


@as_scheduled
def test_closing_reminders_respect_a_member_turning_them_off(member, other_member, make_project):
    FeedbackPreference.objects.create(user=member, closing_reminders=False)
    make_project(closes_in=2)
    tasks.send_closing_reminders()
    assert recipients() == ["other@example.org"]


@as_scheduled
def test_closing_reminders_are_sent_once(member, make_project):
    make_project(closes_in=3)
    tasks.send_closing_reminders()
    tasks.send_closing_reminders()
    assert len(mail.outbox) == 1


def test_no_reminder_while_the_closing_date_is_more_than_3_days_away(member, make_project):
    make_project(closes_in=4)
    tasks.send_closing_reminders()
    assert mail.outbox == []


def test_publishing_emails_exactly_the_linked_commenters_once_even_if_published_twice(
    member, other_member, chair, project, make_comment, make_entry, django_capture_on_commit_callbacks
):
    answered = make_comment(project, member)
    make_comment(project, other_member, "Not answered by any entry")
    entry = make_entry(project, [answered, make_comment(project, member, "A second comment, same person")])
    close(project)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_response(project)
        services.publish_response(project)
    assert recipients() == ["member@example.org"]
    assert f"{project.get_response_url()}#entry-{entry.pk}" in mail.outbox[0].body


def test_republishing_emails_only_people_newly_linked(
    member, other_member, project, make_comment, make_entry, django_capture_on_commit_callbacks
):
    entry = make_entry(project, [make_comment(project, member)])
    close(project)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_response(project)
    entry.comments.add(make_comment(project, other_member))
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_response(project)
    assert recipients() == ["member@example.org", "other@example.org"]


def test_a_response_cannot_be_published_while_comments_are_open(project, make_entry):
    make_entry(project)
    with pytest.raises(services.NotAllowed, match="closed first"):
        services.publish_response(project)


def test_planning_runs_the_same_queries_for_3_or_30_members(
    members, peg, make_project, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(tasks, "send_notifications", lambda notification_ids: None)
    project = make_project()
    # The content type read once, as any earlier request in the process has (run alone, this test would count it).
    ContentType.objects.get_for_model(project)
    # The project; its members (one query, groups as a subquery); the bulk insert; the ids still to send.
    with django_assert_num_queries(4):
        tasks.notify_project_opened(project.pk)
    for i in range(27):
        Membership.objects.create(user=make_person(f"more{i}@example.org"), group=peg)
    with django_assert_num_queries(4):
        tasks.notify_project_opened(project.pk)


@as_scheduled
def test_overdue_responses_are_chased_once_a_week(staff, make_project):
    project = close(make_project(), days_ago=60)
    tasks.chase_overdue_responses()
    tasks.chase_overdue_responses()
    assert recipients() == ["lead@example.org", "staff@example.org"]
    assert "Overdue" in mail.outbox[0].subject
    with time_machine.travel(timedelta(days=7)):
        tasks.chase_overdue_responses()
    assert len(mail.outbox) == 4
    assert ResponseChase.objects.filter(project=project).count() == 2


def test_responses_within_the_target_are_not_chased(staff, make_project):
    close(make_project(), days_ago=30)
    tasks.chase_overdue_responses()
    assert mail.outbox == []


def test_a_failed_lead_chase_leaves_no_record_so_a_retry_sends(make_project, monkeypatch):
    project = close(make_project(), days_ago=60)

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    [notification_id] = notifications.plan_to_subject(project, "lead-response-chase-2026-W10")
    monkeypatch.setattr("feedback.emails.send_templated_email", broken)
    with pytest.raises(ConnectionError):
        notifications.deliver(notification_id)
    assert not ResponseChase.objects.exists()
    monkeypatch.undo()
    assert notifications.deliver(notification_id) is True
    assert recipients() == ["lead@example.org"]
