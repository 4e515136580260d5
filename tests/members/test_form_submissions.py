"""The record of sent create forms (engagement/core/idempotency.py) is kept only as long as a resend could come."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.core import retention
from engagement.core.models import FormSubmission

pytestmark = pytest.mark.django_db


def test_records_of_sent_forms_are_deleted_after_a_month():
    old = FormSubmission.objects.create(key="a" * 64, result_url="/projects/1/")
    FormSubmission.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=31))
    kept = FormSubmission.objects.create(key="b" * 64, result_url="/projects/2/")
    retention.apply()
    assert list(FormSubmission.objects.all()) == [kept]
