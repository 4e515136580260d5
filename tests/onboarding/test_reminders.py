"""Staff are told once before a training record or DBS check runs out, however often the daily job runs."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from engagement.core import notifications
from engagement.core.models import Notification
from members.models import Membership
from members.onboarding import tasks
from members.onboarding.models import DbsCheck, DbsRequirement, TrainingRecord

# The job runs outside any request transaction, so its e-mails are queued at once, as here.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _in_june():
    with time_machine.travel("2026-06-10 09:00 +01:00", tick=False):
        yield


def training(member, expires_on):
    return TrainingRecord.objects.create(
        user=member, course="Safeguarding adults", completed_on=date(2023, 6, 1), expires_on=expires_on
    )


def test_staff_are_reminded_once_when_training_runs_out_within_30_days(member, staff):
    training(member, date(2026, 7, 10))
    tasks.remind_staff_of_expiring_records()
    tasks.remind_staff_of_expiring_records()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["staff@example.org"], "Safeguarding adults for Olivia Bennett runs out on 10 July 2026")
    ]


def test_no_one_is_reminded_of_training_running_out_later(member, staff):
    training(member, date(2026, 7, 11))
    tasks.remind_staff_of_expiring_records()
    assert mail.outbox == []


def test_training_renewed_to_a_new_date_reminds_again_before_that_date(member, staff):
    record = training(member, date(2026, 7, 1))
    tasks.remind_staff_of_expiring_records()
    record.expires_on = date(2026, 7, 5)
    record.save()
    tasks.remind_staff_of_expiring_records()
    assert len(mail.outbox) == 2


def test_staff_are_reminded_once_before_a_dbs_check_is_due_for_renewal(chair, peg, staff):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    DbsCheck.objects.create(
        user=chair, level=DbsCheck.Level.ENHANCED, certificate_date=date(2023, 6, 20), renewal_due=date(2026, 6, 20)
    )
    tasks.remind_staff_of_expiring_records()
    tasks.remind_staff_of_expiring_records()
    assert [m.subject for m in mail.outbox] == ["Enhanced DBS check for Jean Ellison runs out on 20 June 2026"]


def test_a_member_who_left_is_not_reminded_about(member, staff):
    training(member, date(2026, 7, 1))
    member.is_active = False
    member.save()
    tasks.remind_staff_of_expiring_records()
    assert mail.outbox == []


def test_a_reminder_planned_before_the_record_was_renewed_is_not_sent(member, staff):
    record = training(member, date(2026, 7, 1))
    [notification_id] = notifications.plan(record, "expiring-2026-07-01", [staff])
    record.expires_on = date(2029, 7, 1)
    record.save()
    notifications.deliver(notification_id)
    assert mail.outbox == []
    assert Notification.objects.get(pk=notification_id).status == Notification.Status.NOT_SENT
