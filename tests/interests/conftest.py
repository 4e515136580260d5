import pytest

from engagement.core.dates import local_today
from feedback.models import Partner
from meetings.interests.models import Declaration, Interest


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Riverside County Council")


@pytest.fixture
def declare():
    """declare(person, organisation, category=...): one interest on the person's declaration, dated today."""

    def make(person, organisation, category=Interest.Category.EMPLOYMENT, description="Paid job", **fields):
        declaration, _ = Declaration.objects.get_or_create(person=person, defaults={"confirmed_on": local_today()})
        return Interest.objects.create(
            declaration=declaration, category=category, organisation=organisation, description=description, **fields
        )

    return make
