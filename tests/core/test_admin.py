"""The record of every e-mail, the task outbox and Celery's schedule are internals, for superusers only;
staff see the e-mails that failed on a page of their own (tests/core/test_failed_emails.py)."""

import pytest

pytestmark = pytest.mark.django_db


def test_staff_do_not_see_the_email_records(client, staff):
    client.force_login(staff)
    assert client.get("/admin/core/notification/").status_code == 403


def test_superusers_see_the_email_records(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/core/notification/").status_code == 200


def test_staff_do_not_see_celerys_schedule(client, staff):
    client.force_login(staff)
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403


def test_staff_do_not_see_the_task_outbox(client, staff):
    client.force_login(staff)
    assert client.get("/admin/core/queuedtask/").status_code == 403
    assert "queuedtask" not in client.get("/admin/").text


def test_superusers_see_the_task_outbox(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/core/queuedtask/").status_code == 200
