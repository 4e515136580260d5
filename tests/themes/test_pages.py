"""The staff pages: start from an object's admin page, watch the job, edit and confirm; staff only."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from feedback.planning.survey import Answer, Area
from feedback.themes.models import ConfirmedTheme, Run
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def start_url(source, obj):
    return reverse("themes:start", args=[source, obj.pk])


@pytest.mark.parametrize(
    ("admin_page", "source", "fixture"),
    [
        ("admin:feedback_project_change", "project", "project"),
        ("admin:planning_survey_change", "survey", "survey"),
        ("admin:planning_engagementplan_change", "plan", "plan"),
        ("admin:events_event_change", "event", "event"),
    ],
)
def test_each_sources_admin_page_links_to_suggesting_themes(staff_client, request, admin_page, source, fixture):
    obj = request.getfixturevalue(fixture)
    page = staff_client.get(reverse(admin_page, args=[obj.pk]))
    assert start_url(source, obj) in page.text


def test_the_start_page_counts_the_texts(staff_client, project, comments):
    page = staff_client.get(start_url("project", project))
    assert "12 texts to theme." in page.text
    assert "Nothing is tagged until you confirm" in page.text


def test_starting_runs_the_job_and_shows_the_suggestions(
    staff_client, project, comments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(start_url("project", project), {"min_themes": 3, "max_themes": 10})
    run = Run.objects.get()
    assert response.url == reverse("themes:run", args=[run.pk])
    page = staff_client.get(response.url)
    assert "Parking, bus and running (4)" in page.text
    assert "“There is no bus to the new site from our village, and no parking.”" in page.text
    assert "Nothing is tagged until you press Confirm" in page.text


def test_the_survey_start_page_asks_which_answers(staff_client, survey, area, answers):
    page = staff_client.get(start_url("survey", survey))
    assert f"{area}: what could be better" in page.text
    response = staff_client.post(start_url("survey", survey), {"min_themes": 3, "max_themes": 10})
    assert "Choose which answers to theme." in response.text


def test_the_survey_start_page_counts_the_answers_in_each_part(
    staff_client, survey, area, answers, django_assert_num_queries
):
    Answer.objects.filter(pk=answers[0].pk).update(working_well="")
    # Session, user, the survey, the user's and their groups' permissions (one query), every part's count,
    # earlier runs.
    with django_assert_num_queries(6):
        page = staff_client.get(start_url("survey", survey))
    assert f"{area}: what is working well (11 answers)" in page.text
    assert f"{area}: what could be better (12 answers)" in page.text
    other = Area.objects.create(name="Feedback to the public")
    Answer.objects.create(response=answers[0].response, area=other, working_well="Clear", could_be_better="")
    with django_assert_num_queries(6):
        page = staff_client.get(start_url("survey", survey))
    assert "Feedback to the public: what could be better (0 answers)" in page.text


def test_a_part_with_no_answers_cannot_be_themed(staff_client, survey, area, answers):
    Answer.objects.update(working_well="")
    response = staff_client.post(
        start_url("survey", survey), {"part": f"{area.pk}:strength", "min_themes": 3, "max_themes": 10}
    )
    assert "There are no answers of this kind to theme. Choose another." in response.text
    assert not Run.objects.exists()


def test_the_bounds_must_be_in_order(staff_client, project, comments):
    response = staff_client.post(start_url("project", project), {"min_themes": 6, "max_themes": 4})
    assert "The most themes must be at least the fewest (6)." in response.text
    assert not Run.objects.exists()


def test_the_bounds_say_in_plain_english_how_few_themes_may_be_asked_for(staff_client, project, comments):
    response = staff_client.post(start_url("project", project), {"min_themes": 1, "max_themes": 4})
    assert "Suggest at least 2 themes." in response.text
    assert "greater than or equal" not in response.text


def test_with_nothing_to_theme_the_start_page_offers_no_button(staff_client, project):
    page = staff_client.get(start_url("project", project))
    assert "0 texts to theme." in page.text
    assert 'value="Suggest themes"' not in page.text


def test_starting_with_nothing_to_theme_is_refused(staff_client, project):
    response = staff_client.post(start_url("project", project), {"min_themes": 3, "max_themes": 10})
    assert "There is nothing to theme yet: no texts were found." in response.text
    assert not Run.objects.exists()


def test_times_are_written_as_the_rest_of_the_app_writes_them(staff_client, staff, project, comments):
    with time_machine.travel(datetime(2026, 6, 1, 13, 30, tzinfo=LONDON), tick=False):
        run = Run.objects.create(created_by=staff, source="project", object_id=project.pk, title="Comments")
    assert "1 June 2026 at 1:30pm" in staff_client.get(start_url("project", project)).text
    assert "1 June 2026 at 1:30pm" in staff_client.get(reverse("themes:run", args=[run.pk])).text


def test_the_progress_page_shows_how_far_the_job_has_got(staff_client, staff, project):
    run = Run.objects.create(created_by=staff, source="project", object_id=project.pk, title="Comments")
    assert "Reading the texts" in staff_client.get(reverse("themes:run", args=[run.pk])).text
    Run.objects.filter(pk=run.pk).update(status=Run.Status.RUNNING)
    cache.set(f"themes-run-progress-{run.pk}", (3, 9))
    page = staff_client.get(reverse("themes:run", args=[run.pk]))
    assert "Tried 3 of 9 numbers of themes" in page.text
    check = staff_client.get(reverse("themes:run", args=[run.pk]), {"progress": "check"}).json()
    assert check == {"running": True, "done": 3, "total": 9, "percent": 33}


def test_a_run_with_no_texts_says_so(run_for, staff_client, project):
    run = run_for("project", project)
    assert run.status == Run.Status.FAILED
    assert "There is nothing to theme yet" in staff_client.get(reverse("themes:run", args=[run.pk])).text


def test_the_buttons_edit_then_confirm(run_for, staff_client, project, comments):
    run = run_for("project", project)
    url = reverse("themes:run", args=[run.pk])
    keys = [s["key"] for s in run.suggestions]
    names = {f"name-{key}": "" for key in keys}
    response = staff_client.post(url, {**names, "suggestion": keys[:2], "action": "merge"}, follow=True)
    assert "Merged 2 suggestions" in response.text
    assert not ConfirmedTheme.objects.exists()
    names = {f"name-{keys[0]}": "Getting seen", f"name-{keys[2]}": "Travel and parking"}
    response = staff_client.post(url, {**names, "action": "confirm"}, follow=True)
    assert "Confirmed: 12 texts tagged with their themes." in response.text
    assert sorted(ConfirmedTheme.objects.values_list("theme__name", flat=True)) == [
        "Getting seen",
        "Travel and parking",
    ]


def test_confirming_names_the_suggestions_still_named_after_their_top_words(run_for, staff_client, project, comments):
    run = run_for("project", project)
    url = reverse("themes:run", args=[run.pk])
    names = {f"name-{s['key']}": s["label"] for s in run.suggestions}
    response = staff_client.post(url, {**names, "action": "confirm"}, follow=True)
    assert (
        "Give each theme a name of its own before confirming: “Appointment, weeks and wait”, "
        "“Kind, staff and rude”, “Parking, bus and running” are still named after their top words."
    ) in response.text
    assert not ConfirmedTheme.objects.exists()


def test_a_refused_edit_says_why(run_for, staff_client, project, comments):
    run = run_for("project", project)
    response = staff_client.post(reverse("themes:run", args=[run.pk]), {"action": "merge"}, follow=True)
    assert "Tick two or more suggestions to merge them." in response.text


def test_the_suggestions_page_takes_a_fixed_number_of_queries(
    run_for, staff_client, project, comments, django_assert_num_queries
):
    run = run_for("project", project)
    # Session, user, the run, the user's and their groups' permissions (one query), the project,
    # its comments, the theme names for the name box.
    with django_assert_num_queries(7):
        staff_client.get(reverse("themes:run", args=[run.pk]))


def test_a_member_is_sent_to_the_staff_sign_in(client, member, project, comments):
    client.force_login(member)
    response = client.get(start_url("project", project))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_staff_without_the_engagement_staff_role_are_refused(client, panel, project, run_for, comments):
    # Staff of another group only: not engagement staff, and not a member of the project's group.
    other = make_person("panel-staff@example.org", "Ravi Shah", is_staff=True)
    Membership.objects.create(user=other, group=panel)
    run = run_for("project", project)
    client.force_login(other)
    assert client.get(start_url("project", project)).status_code == 403
    assert client.get(reverse("themes:run", args=[run.pk])).status_code == 403
    assert client.post(reverse("themes:run", args=[run.pk]), {"action": "confirm"}).status_code == 403
    assert not ConfirmedTheme.objects.exists()


def test_an_unknown_object_or_source_is_not_found(staff_client, project):
    assert staff_client.get(reverse("themes:start", args=["project", project.pk + 100])).status_code == 404
    assert staff_client.get(reverse("themes:start", args=["nothing", project.pk])).status_code == 404
