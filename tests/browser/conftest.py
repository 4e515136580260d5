import importlib

import pytest
from django.apps import apps


def pytest_collection_modifyitems(items):
    # The browser tests commit every write, so they run with the page cache on, as production does.
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.page_cache)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Put back the rows data migrations create: the flush after each transactional test removes them."""
    importlib.import_module("feedback.migrations.0002_checklist_areas").add_areas(apps, None)
    importlib.import_module("feedback.planning.migrations.0002_template_actions_and_areas").add(apps, None)
