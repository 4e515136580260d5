"""Engagement plans, the survey and the reports in real Chromium, checked with axe-core."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from engagement.core.dates import local_today
from feedback.models import Partner, Project, ResponseEntry, Theme
from feedback.planning.models import (
    Area,
    CodedTheme,
    Coding,
    EngagementPlan,
    Invitation,
    PlanAction,
    Stakeholder,
    Step,
    Survey,
    SurveyResponse,
)
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(peg, staff):
    today = local_today()
    project = Project.objects.create(
        title="Plans for dementia services",
        partner=Partner.objects.create(name="Riverside and Downs Mental Health NHS Trust"),
        lead_name="Helen Arkwright",
        summary="How memory assessment and support after diagnosis will work.",
        status=Project.Status.OPEN,
        closes_on=today + timedelta(days=10),
    )
    project.groups.set([peg])
    plan = EngagementPlan.objects.create(project=project, summary="We will involve carers before drafting.")
    rows = [
        (Step.AUDIENCE, "Hold the audience analysis session", -40, -30, PlanAction.Status.DONE),
        (Step.EXISTING_FEEDBACK, "Collect last year's feedback", -20, -3, PlanAction.Status.IN_PROGRESS),
        (Step.WORKSHOPS, "Run a half-day workshop with carers", -5, 30, PlanAction.Status.IN_PROGRESS),
        (Step.USING_FEEDBACK, "Record how feedback changed the proposals", None, 50, PlanAction.Status.NOT_STARTED),
        (Step.ONGOING, "Agree how to keep people informed", None, None, PlanAction.Status.NOT_STARTED),
    ]
    for step, description, starts, target, status in rows:
        PlanAction.objects.create(
            plan=plan,
            step=step,
            description=description,
            owner=staff if step == Step.AUDIENCE else None,
            owner_name="" if step == Step.AUDIENCE else "Programme lead",
            starts_on=today + timedelta(days=starts) if starts is not None else None,
            target_date=today + timedelta(days=target) if target is not None else None,
            status=status,
            time_needed="1 week",
        )
    Stakeholder.objects.create(
        plan=plan,
        name="Healthwatch Riverside",
        organisation="Healthwatch Riverside",
        category="healthwatch",
        steps=[2, 3],
    )
    return plan


@pytest.fixture
def areas(db):
    names = ["Transparency on decision-making", "Regular communication", "Reaching the unengaged"]
    return [Area.objects.get_or_create(name=name, defaults={"position": i})[0] for i, name in enumerate(names)]


@pytest.fixture
def survey(areas, staff):
    survey = Survey.objects.create(
        title="How well do we involve the public?",
        opens_on=local_today() - timedelta(days=3),
        closes_on=local_today() + timedelta(days=10),
    )
    theme = CodedTheme.objects.create(survey=survey, name="Seldom-heard groups")
    response = SurveyResponse.objects.record(
        survey, {areas[2]: ("Outreach at the festival", "Meetings only in office hours")}, entered_by=staff, name="Jo"
    )
    answer = response.answers.get()
    Coding.objects.create(answer=answer, theme=theme, marker=Coding.Marker.WEAKNESS)
    Coding.objects.create(answer=answer, theme=theme, marker=Coding.Marker.STRENGTH)
    return survey


@pytest.fixture
def invitation(survey):
    return Invitation.objects.create(survey=survey, name="Marek Zielinski", email="marek@example.org")


def test_a_member_reads_the_plan_and_comments_on_it(live_server, page, member, plan, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + plan.project.get_absolute_url())
    page.get_by_role("link", name="Read the engagement plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Engagement plan")
    expect(page.get_by_text("1 of 5 actions done.")).to_be_visible()
    expect(page.get_by_text("1 action is overdue.")).to_be_visible()
    assert page.locator("figure svg").count() >= 4
    assert_accessible(page)

    page.get_by_role("button", name="Add your comment").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your comment on the plan").fill("Please hold the workshops in the afternoon.")
    page.get_by_role("button", name="Add your comment").click()
    expect(page.get_by_text("Thank you. Your comment on the plan has been added.")).to_be_visible()
    expect(page.get_by_text("Please hold the workshops in the afternoon.")).to_be_visible()


def test_a_stakeholder_answers_the_survey_by_their_private_link(
    live_server, page, invitation, areas, assert_accessible
):
    page.goto(live_server.url + invitation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("How well do we involve the public?")
    assert_accessible(page)

    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("group", name="1. Transparency on decision-making").get_by_label("What could be better?").fill(
        "Nobody can tell who decides what."
    )
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your answers")
    assert_accessible(page)
    page.goto(live_server.url + invitation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your answers")

    page.goto(live_server.url + invitation.get_absolute_url()[:-5] + "xxxx/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey link does not work")
    assert_accessible(page)


def test_staff_survey_pages_are_accessible(live_server, page, staff, survey, invitation, assert_accessible):
    sign_in(page, live_server, "staff@example.org")
    for path, heading in [
        ("/plans/surveys/", "Self-assessment surveys"),
        (survey.get_report_url(), survey.title),
        (f"/plans/surveys/{survey.pk}/telephone/", "Enter answers given by telephone"),
    ]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def answered(peg, member, plan):
    project = plan.project
    Project.objects.filter(pk=project.pk).update(
        status=Project.Status.PUBLISHED,
        closed_at=project.opened_at or project.created,
        response_published_at=project.created + timedelta(days=1),
    )
    ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Access to care"),
        what_we_heard="Hold assessments somewhere familiar.",
        how_we_reflected="Assessments will be offered at GP surgeries.",
        outcome=ResponseEntry.Outcome.ADOPTED,
    )
    return project


def test_the_chair_reads_the_annual_report(live_server, page, chair, answered, assert_accessible):
    sign_in(page, live_server, "chair@example.org")
    page.goto(live_server.url + "/projects/you-said-we-did/")
    page.get_by_role("link", name="Annual report for the Public Engagement Group").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Annual report")
    expect(page.get_by_text("Hold assessments somewhere familiar.")).to_be_visible()
    assert_accessible(page)


def test_planning_pages_do_not_scroll_sideways_at_200_percent_zoom(
    live_server, page, chair, member, plan, survey, invitation, answered
):
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(live_server.url + invitation.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    sign_in(page, live_server, "chair@example.org")
    year = local_today().year if local_today().month >= 4 else local_today().year - 1
    for path in [plan.get_absolute_url(), f"/plans/annual-report/peg/{year}/"]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
