"""Chases sent before each chase became a Notification are not sent again after the upgrade."""

import importlib

import pytest
from django.apps import apps
from django.core import mail

from feedback import tasks
from feedback.models import ResponseChase
from tests.feedback.conftest import close

migration = importlib.import_module("feedback.migrations.0009_lead_chases_as_notifications")


@pytest.mark.django_db(transaction=True)
def test_a_lead_chased_before_the_upgrade_is_not_chased_again(make_project):
    project = close(make_project(), days_ago=60)
    ResponseChase.objects.create(project=project, event="response-due", email=project.lead_email)
    migration.record_sent_chases(apps, None)
    tasks.notify_response_due(project.pk)
    assert mail.outbox == []
