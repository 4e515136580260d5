"""Generated PDFs are a cache that may show people's names: deleted when anyone is erased, and expired nightly."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from engagement.core import documents, retention
from engagement.core.documents import Document
from members import privacy

pytestmark = pytest.mark.django_db


def generated(name, days_old=0):
    path = default_storage.save(f"generated/{name}.pdf", ContentFile(b"%PDF-1.4 Minutes: Test Person sent apologies"))
    if days_old:
        written = time.time() - days_old * 86400
        os.utime(default_storage.path(path), (written, written))
    return path


def test_erasing_a_person_deletes_every_generated_document(member, django_capture_on_commit_callbacks):
    minutes, pack = generated("minutes-1-abc"), generated("meeting-pack-1-def")
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(member)
    assert not default_storage.exists(minutes)
    assert not default_storage.exists(pack)


def test_erasing_a_person_keeps_uploaded_files(member, django_capture_on_commit_callbacks):
    paper = default_storage.save("papers/briefing.pdf", ContentFile(b"%PDF-1.4"))
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(member)
    assert default_storage.exists(paper)


def test_a_deleted_document_is_built_again_when_next_asked_for():
    document = Document("minutes-1", "documents/base.html", {})
    path = document.stored()
    documents.delete_generated()
    assert not default_storage.exists(path)
    assert document.stored() == path and default_storage.exists(path)


def test_generated_documents_past_the_retention_period_are_deleted(settings):
    settings.GENERATED_DOCUMENT_RETENTION_DAYS = 30
    old, recent = generated("minutes-1-abc", days_old=31), generated("minutes-2-def", days_old=29)
    assert retention.expire_generated_documents() == {"generated documents": 1}
    assert not default_storage.exists(old)
    assert default_storage.exists(recent)


def test_expiry_with_nothing_generated_yet_deletes_nothing():
    assert retention.expire_generated_documents() == {"generated documents": 0}


def test_expiry_works_in_an_s3_bucket(bucket):
    path = default_storage.save("generated/minutes-1-abc.pdf", ContentFile(b"%PDF-1.4"))
    paper = default_storage.save("papers/briefing.pdf", ContentFile(b"%PDF-1.4"))
    assert documents.delete_generated(before=timezone.now() - timedelta(days=1)) == 0
    assert documents.delete_generated(before=timezone.now() + timedelta(days=1)) == 1
    assert not default_storage.exists(path)
    assert default_storage.exists(paper)


def test_expiry_runs_every_night():
    task = PeriodicTask.objects.get(task="engagement.core.tasks.expire_generated_documents")
    assert (task.crontab.hour, task.crontab.minute, task.enabled) == ("3", "15", True)
