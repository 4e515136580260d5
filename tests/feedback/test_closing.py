"""Comments close at the end of the closing day in the UK, whether or not the hourly task has run yet."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils.formats import date_format

from engagement.core.dates import local_today
from feedback import services, tasks
from feedback.models import Comment, Project, ResponseChase

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return datetime(*args, tzinfo=LONDON)


def test_comments_stay_open_until_the_end_of_the_closing_day_in_summer_time(project):
    project.closes_on = date(2026, 7, 10)
    assert project.is_open_for_comments(at(2026, 7, 10, 23, 59))
    assert not project.is_open_for_comments(at(2026, 7, 11, 0, 0))


def test_comments_stay_open_until_the_end_of_the_closing_day_in_winter(project):
    project.closes_on = date(2026, 1, 10)
    assert project.is_open_for_comments(at(2026, 1, 10, 23, 59))
    assert not project.is_open_for_comments(at(2026, 1, 11, 0, 0))


def test_the_task_closes_projects_whose_closing_day_has_ended(make_project):
    with time_machine.travel(at(2026, 3, 1, 9, 0)):
        ended = make_project(closes_in=-1, title="Ended yesterday")
        today = make_project(closes_in=0, title="Ends tonight")
        tasks.close_projects_past_their_date()
    ended.refresh_from_db()
    today.refresh_from_db()
    assert ended.status == Project.Status.CLOSED
    assert ended.closed_at == at(2026, 3, 1, 0, 0)
    assert today.status == Project.Status.OPEN


# A scheduled task: outside any request transaction, so its e-mails are queued at once.
@pytest.mark.django_db(transaction=True)
def test_closing_tells_staff_and_the_project_lead_a_response_is_due_once(staff, make_project):
    project = make_project(closes_in=-1)
    tasks.close_projects_past_their_date()
    tasks.notify_response_due(project.pk)
    assert sorted(message.to[0] for message in mail.outbox) == ["lead@example.org", "staff@example.org"]
    assert all("Due: the response" in message.subject for message in mail.outbox)
    assert ResponseChase.objects.get().event == "response-due"


def test_a_late_comment_is_refused_and_its_text_shown_back(client, member, make_project):
    project = make_project(closes_in=-1)
    client.force_login(member)
    response = client.post(reverse("feedback:add_comment", args=[project.pk]), {"body": "My late but careful view."})
    assert response.status_code == 200
    assert "Comments on this project have closed" in response.text
    assert "My late but careful view." in response.text
    assert not Comment.objects.exists()


def test_a_comment_after_staff_close_early_is_refused_with_its_text(client, member, project):
    services.close_comments(project)
    client.force_login(member)
    response = client.post(reverse("feedback:add_comment", args=[project.pk]), {"body": "Too late now."})
    assert "Too late now." in response.text
    # The day staff closed them, not the closing day still ahead.
    assert f"closed on {date_format(local_today(), 'j F Y')}" in response.text
    assert date_format(project.closes_on, "j F Y") not in response.text
    assert not Comment.objects.exists()


def test_a_late_edit_is_refused_and_its_text_shown_back(client, member, project, make_comment):
    comment = make_comment(project, member, "Before")
    services.close_comments(project)
    client.force_login(member)
    response = client.post(reverse("feedback:edit_comment", args=[project.pk, comment.pk]), {"body": "After"})
    assert "Comments on this project have closed" in response.text
    assert "After" in response.text
    comment.refresh_from_db()
    assert comment.body == "Before"


def test_the_project_page_no_longer_offers_the_comment_form(client, member, make_project):
    project = make_project(closes_in=-1)
    client.force_login(member)
    text = client.get(project.get_absolute_url()).text
    assert "Add your comment" not in text
    assert "Comments closed" in text
