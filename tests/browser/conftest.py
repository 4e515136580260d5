import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Put back the rows data migrations create: the flush after each transactional test removes them."""
    importlib.import_module("feedback.migrations.0002_checklist_areas").add_areas(apps, None)
    importlib.import_module("feedback.planning.migrations.0002_template_actions_and_areas").add(apps, None)
    importlib.import_module("members.expenses.migrations.0004_expense_rates_and_deadline").add_rates(apps, None)
