from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.models import Partner, Project
from feedback.planning.models import Area, EngagementPlan, Invitation, Survey


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Riverside and Downs Mental Health NHS Trust")


@pytest.fixture
def make_project(peg, partner):
    def make(status=Project.Status.OPEN, closes_in=7, groups=None, **fields):
        project = Project.objects.create(
            title=fields.pop("title", "Plans for dementia services"),
            partner=partner,
            lead_name="Helen Arkwright",
            summary="How memory assessment and support after diagnosis will work.",
            status=status,
            closes_on=local_today() + timedelta(days=closes_in),
            opened_at=timezone.now() - timedelta(days=14),
            **fields,
        )
        project.groups.set(groups or [peg])
        return project

    return make


@pytest.fixture
def project(make_project):
    return make_project()


@pytest.fixture
def plan(project):
    return EngagementPlan.objects.start(project, summary="We will involve carers before the plan is drafted.")


@pytest.fixture
def areas(db):
    """The areas the data migration adds (made here too, in case a flushing test has removed them)."""
    names = ["Transparency on decision-making", "Regular communication", "Reaching the unengaged"]
    for position, name in enumerate(names):
        Area.objects.get_or_create(name=name, defaults={"position": position})
    return list(Area.objects.all())


@pytest.fixture
def survey(db):
    return Survey.objects.create(
        title="How well do we involve the public?",
        opens_on=local_today() - timedelta(days=7),
        closes_on=local_today() + timedelta(days=7),
    )


@pytest.fixture
def invitation(survey):
    return Invitation.objects.create(
        survey=survey, name="Marek Zielinski", email="marek@example.org", organisation="Healthwatch Riverside"
    )
