"""Training records imported from a trainer's attendance list: matched by e-mail, all rows or none."""

from datetime import date

import pytest
import tablib

from members.onboarding.models import TrainingRecord
from members.onboarding.resources import TrainingRecordResource
from tests import import_jobs
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
HEADERS = ["email", "course", "completed_on", "expires_on"]


def test_training_records_are_imported_by_email(member):
    make_person("sam@example.org", "Sam Person")
    result = TrainingRecordResource().import_data(
        tablib.Dataset(
            ["member@example.org", "Safeguarding adults", "14/05/2026", "14/05/2029"],
            ["sam@example.org", "Safeguarding adults", "14/05/2026", ""],
            headers=HEADERS,
        )
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(TrainingRecord.objects.values_list("user__email", "expires_on")) == [
        ("member@example.org", date(2029, 5, 14)),
        ("sam@example.org", None),
    ]


def test_a_file_with_an_unknown_person_imports_nothing(member):
    result = TrainingRecordResource().import_data(
        tablib.Dataset(
            ["member@example.org", "Safeguarding adults", "14/05/2026", ""],
            ["nobody@example.org", "Safeguarding adults", "14/05/2026", ""],
            headers=HEADERS,
        )
    )
    assert "There is no person called “nobody@example.org”" in str(result.row_errors())
    assert not TrainingRecord.objects.exists()


def test_staff_preview_then_confirm_a_training_import(client, staff, member, django_capture_on_commit_callbacks):
    client.force_login(staff)
    csv = "email,course,completed_on,expires_on\nmember@example.org,Safeguarding adults,14/05/2026,14/05/2029\n"
    preview = import_jobs.upload(client, "onboarding_trainingrecord", csv, django_capture_on_commit_callbacks)
    assert "Confirm import" in preview.text
    assert not TrainingRecord.objects.exists()
    import_jobs.confirm(client, "onboarding_trainingrecord", preview, django_capture_on_commit_callbacks)
    assert TrainingRecord.objects.get(user=member).course == "Safeguarding adults"
