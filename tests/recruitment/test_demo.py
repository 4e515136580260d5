"""The demo round: applications at every stage, targets per locality, and a closed round; safe to run twice."""

import pytest
from django.urls import reverse

from members import demo as members_demo
from members.models import Locality
from members.recruitment import demo
from members.recruitment.models import Application, ApplicationEvent, BalanceTarget, Round, Score

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    people = members_demo.seed()
    demo.seed(people)
    return people


def test_the_open_round_has_applications_at_every_stage_but_appointed(seeded):
    open_round = Round.objects.get(slug="peg-members")
    assert open_round.is_open() and open_round.is_published
    assert open_round.applications.count() == 8
    assert set(open_round.applications.values_list("status", flat=True)) == set(Application.Status.values) - {
        Application.Status.APPOINTED
    }
    assert Score.objects.filter(application__status=Application.Status.SHORTLISTED).exists()
    assert BalanceTarget.objects.filter(round=open_round, locality__isnull=False).count() == Locality.objects.count()


def test_the_closed_round_says_when_the_next_is_expected(client, seeded):
    closed = Round.objects.get(slug="reading-panel-2025")
    assert closed.has_closed()
    assert "We expect the next round in the spring." in client.get(closed.get_absolute_url()).text


def test_the_demo_pages_and_balance_open(client, seeded):
    assert client.get(reverse("recruitment:round_list")).status_code == 200
    client.force_login(seeded["staff"])
    open_round = Round.objects.get(slug="peg-members")
    response = client.get(reverse("admin:recruitment_round_balance", args=[open_round.pk]))
    assert response.status_code == 200 and "gap of" in response.text
    assert response.context["balance"].suggestion[0][0].full_name == "Tobias Wren"


def test_it_duplicates_nothing_when_run_twice(seeded):
    models = (Round, Application, Score, ApplicationEvent, BalanceTarget)
    counts = [model.objects.count() for model in models]
    demo.seed(seeded)
    assert [model.objects.count() for model in models] == counts
