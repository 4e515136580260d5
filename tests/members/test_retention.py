"""The retention schedule deletes only what has passed its period, and each look at equality figures is logged."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from engagement.core import retention
from engagement.core.models import Notification
from members.expenses.models import ClaimLine, ExpenseClaim
from members.models import EqualityReportView

pytestmark = pytest.mark.django_db


def claim(member, peg, activity_date, status, **fields):
    made = ExpenseClaim.objects.create(claimant=member, group=peg, activity_date=activity_date, description="Bus")
    line = ClaimLine(claim=made, kind=ClaimLine.Kind.PUBLIC_TRANSPORT, amount="3.00")
    line.receipt.save("ticket.pdf", ContentFile(b"%PDF-1.4"), save=True)
    ExpenseClaim.objects.filter(pk=made.pk).update(status=status, **fields)
    made.refresh_from_db()
    return made, line


def test_finished_claims_past_six_years_are_deleted_with_their_receipts(
    member, peg, django_capture_on_commit_callbacks
):
    today = date(2026, 11, 24)
    old, old_line = claim(member, peg, date(2020, 11, 1), "paid", paid_on=date(2020, 12, 1), payment_reference="P1")
    recent, _ = claim(member, peg, date(2021, 1, 1), "paid", paid_on=date(2021, 2, 1), payment_reference="P2")
    old_open, _ = claim(member, peg, date(2019, 1, 1), "submitted")
    storage = old_line.receipt.storage
    name = old_line.receipt.name
    with django_capture_on_commit_callbacks(execute=True):
        counts = retention.apply(today)
    assert list(ExpenseClaim.objects.order_by("pk")) == [recent, old_open]
    assert counts["expense records"] >= 1
    assert not storage.exists(name)


def test_on_29_february_the_cutoff_is_28_february_six_years_before(member, peg):
    # 2022 has no 29 February: the period ends on the 28th, so a claim from that day is kept.
    old, _ = claim(member, peg, date(2022, 2, 27), "paid", paid_on=date(2022, 3, 1), payment_reference="P1")
    kept, _ = claim(member, peg, date(2022, 2, 28), "paid", paid_on=date(2022, 3, 1), payment_reference="P2")
    retention.apply(date(2028, 2, 29))
    assert list(ExpenseClaim.objects.all()) == [kept]


def test_old_email_records_are_deleted(member, peg):
    from django.contrib.contenttypes.models import ContentType

    kept = Notification.objects.create(
        user=member, content_type=ContentType.objects.get_for_model(peg), object_id=peg.pk, event="new"
    )
    old = Notification.objects.create(
        user=member, content_type=ContentType.objects.get_for_model(peg), object_id=peg.pk, event="old"
    )
    Notification.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=800))
    retention.apply()
    assert list(Notification.objects.all()) == [kept]


def test_every_look_at_the_equality_figures_is_logged(client, equality_staff, peg):
    client.force_login(equality_staff)
    client.get(reverse("admin:members_equalitymonitoring_changelist"), {"group": peg.pk})
    view = EqualityReportView.objects.get()
    assert (view.user, view.group) == (equality_staff, peg)
    log_page = client.get(reverse("admin:members_equalityreportview_changelist"))
    assert log_page.status_code == 200


def test_staff_without_the_equality_role_cannot_see_the_log(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:members_equalityreportview_changelist")).status_code == 403
