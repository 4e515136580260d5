"""Unsuccessful applications are deleted after the retention period, with a record that it happened."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from members.recruitment.models import (
    ApplicantEquality,
    Application,
    ApplicationEvent,
    OutcomeEmail,
    RetentionRecord,
    Score,
)
from members.recruitment.retention import delete_expired_applications
from members.recruitment.tasks import delete_expired_applications as delete_task

pytestmark = pytest.mark.django_db

S = Application.Status
TODAY = date(2026, 6, 15)


def days_until(day):
    return (day - timezone.localdate()).days


@pytest.fixture
def old_round(make_round):
    # Closed 14 June 2025: a year and a day ago, so over the default 12 months.
    return make_round(slug="old", title="Old round", opens_in=-800, closes_in=days_until(date(2025, 6, 14)))


@pytest.fixture
def recent_round(make_round):
    # Closed 15 June 2025: exactly 12 months ago, so not over the period yet.
    return make_round(slug="recent", title="Recent round", opens_in=-800, closes_in=days_until(date(2025, 6, 15)))


@pytest.fixture
def unsuccessful(old_round, make_application, staff):
    rejected = make_application(old_round, "Nia Price", S.NOT_APPOINTED, outcome_reason="The group was full.")
    withdrawn = make_application(old_round, "Will Dunn", S.WITHDRAWN)
    ApplicantEquality.objects.create(application=rejected, consent_given_at=timezone.now(), sex="female")
    Score.objects.create(
        application=rejected, criterion=old_round.criteria.create(title="Listens"), panel_member=staff, score=2
    )
    ApplicationEvent.objects.create(application=rejected, by=staff, from_status=S.RECEIVED, to_status=S.NOT_APPOINTED)
    OutcomeEmail.objects.create(round=old_round, application=rejected, email=rejected.email, sent_at=timezone.now())
    return [rejected, withdrawn]


def test_it_deletes_expired_unsuccessful_applications_and_everything_with_them(unsuccessful):
    delete_expired_applications(TODAY)
    assert not Application.objects.exists()
    for model in [ApplicantEquality, Score, ApplicationEvent, OutcomeEmail]:
        assert not model.objects.exists(), model


def test_it_keeps_appointed_applications(old_round, unsuccessful, make_application):
    appointed = make_application(old_round, "Amara Nwosu", S.APPOINTED)
    delete_expired_applications(TODAY)
    assert list(Application.objects.all()) == [appointed]


def test_it_keeps_applications_still_undecided(old_round, make_application):
    undecided = make_application(old_round, "Sam Shortlisted", S.SHORTLISTED)
    delete_expired_applications(TODAY)
    assert list(Application.objects.all()) == [undecided]


def test_it_keeps_unsuccessful_applications_within_the_period(recent_round, make_application):
    recent = make_application(recent_round, "Nia Price", S.NOT_APPOINTED, outcome_reason="Full.")
    delete_expired_applications(TODAY)
    assert list(Application.objects.all()) == [recent]


def test_the_period_is_set_per_deployment(recent_round, make_application, settings):
    settings.RECRUITMENT_RETENTION_MONTHS = 6
    make_application(recent_round, "Nia Price", S.WITHDRAWN)
    delete_expired_applications(TODAY)
    assert not Application.objects.exists()


def test_it_records_how_many_were_deleted_without_personal_data(old_round, unsuccessful):
    delete_expired_applications(TODAY)
    record = RetentionRecord.objects.get()
    assert (record.round, record.round_title, record.deleted) == (old_round, "Old round", 2)
    assert "Nia" not in str(record.__dict__) and "Will" not in str(record.__dict__)


def test_running_again_deletes_and_records_nothing_more(unsuccessful):
    delete_expired_applications(TODAY)
    delete_expired_applications(TODAY)
    assert RetentionRecord.objects.count() == 1


def test_the_task_returns_how_many_it_deleted(unsuccessful):
    with time_machine.travel(datetime(2026, 6, 15, 3, 30, tzinfo=timezone.get_default_timezone()), tick=False):
        assert delete_task() == 2


def test_the_task_runs_daily_from_celery_beat():
    task = PeriodicTask.objects.get(task="members.recruitment.tasks.delete_expired_applications")
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("30", "3", "*")
