from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.events.models import Event, Registration
from feedback.models import Partner, Project
from feedback.planning.models import EngagementPlan, Stakeholder


@pytest.fixture
def project(peg):
    project = Project.objects.create(
        title="Plans for dementia services",
        partner=Partner.objects.create(name="Riverside and Downs Mental Health NHS Trust"),
        lead_name="Helen Arkwright",
        summary="How memory assessment and support after diagnosis will work.",
        status=Project.Status.OPEN,
        closes_on=local_today() + timedelta(days=30),
        opened_at=timezone.now() - timedelta(days=14),
    )
    project.groups.set([peg])
    return project


@pytest.fixture
def plan(project):
    return EngagementPlan.objects.start(project, summary="We will involve carers before the plan is drafted.")


@pytest.fixture
def stakeholders(plan):
    """Three with e-mail addresses in two categories, and one to reach by phone."""
    Category = Stakeholder.Category
    return [
        Stakeholder.objects.create(
            plan=plan,
            name="Priya Shah",
            organisation="Healthwatch Riverside",
            category=Category.HEALTHWATCH,
            email="priya@example.org",
        ),
        Stakeholder.objects.create(
            plan=plan,
            name="Tom Okafor",
            organisation="Riverside Carers",
            category=Category.VOLUNTARY_SECTOR,
            email="tom@example.org",
        ),
        Stakeholder.objects.create(
            plan=plan,
            name="Ann Lee",
            organisation="Age Well Riverside",
            category=Category.VOLUNTARY_SECTOR,
            email="ann@example.org",
        ),
        Stakeholder.objects.create(
            plan=plan,
            name="Bill Hart",
            organisation="Downs Parish Council",
            category=Category.PARISH_COUNCIL,
            phone="01632 960123",
        ),
    ]


@pytest.fixture
def make_event(plan, venue):
    def make(days=14, **fields):
        start = timezone.now().replace(microsecond=0) + timedelta(days=days)
        return Event.objects.create(
            plan=plan,
            title=fields.pop("title", "Dementia services workshop"),
            purpose=fields.pop("purpose", "Tell us what works now and what should change."),
            start=start,
            end=start + timedelta(hours=3),
            venue=fields.pop("venue", venue),
            **fields,
        )

    return make


@pytest.fixture
def event(make_event):
    """A workshop for invited stakeholders."""
    return make_event()


@pytest.fixture
def public_event(make_event):
    return make_event(
        title="Dementia services: public drop-in", audience=Event.Audience.PUBLIC, sign_up_open=True, capacity=2
    )


@pytest.fixture
def make_registration():
    def make(event, name="Sam Reed", **fields):
        return Registration.objects.create(
            event=event, name=name, email=fields.pop("email", f"{name.split()[0].lower()}@example.org"), **fields
        )

    return make
