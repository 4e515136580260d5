"""Each source gives its texts (only the words, and only those that may be analysed) and tags them on confirm."""

import pytest
from django.utils import timezone

from feedback.models import Theme
from feedback.planning.survey import CodedTheme, Coding
from feedback.themes import services
from feedback.themes.models import ConfirmedTheme, Run
from feedback.themes.sources import SOURCES
from members.models import User

from .conftest import TEXTS, named

pytestmark = pytest.mark.django_db


def test_a_projects_comments_are_its_texts(project, comments):
    assert SOURCES["project"].texts(project, "") == [(c.pk, c.body) for c in comments]


def test_hidden_and_withdrawn_comments_are_left_out(project, comments, staff):
    comments[0].hide(staff, "Names a member of staff")
    comments[1].withdraw()
    ids = [pk for pk, _ in SOURCES["project"].texts(project, "")]
    assert comments[0].pk not in ids and comments[1].pk not in ids
    assert len(ids) == len(TEXTS) - 2


def test_comments_by_people_who_asked_to_be_erased_are_left_out(project, comments, other_member):
    User.objects.filter(pk=other_member.pk).update(erased_at=timezone.now())
    texts = SOURCES["project"].texts(project, "")
    assert [pk for pk, _ in texts] == [c.pk for c in comments if c.author_id != other_member.pk]


def test_erased_peoples_plan_comments_are_left_out(plan, plan_comments, other_member):
    User.objects.filter(pk=other_member.pk).update(erased_at=timezone.now())
    plan_comments[0].withdraw()
    expected = [c.pk for c in plan_comments[1:] if c.author_id != other_member.pk]
    assert [pk for pk, _ in SOURCES["plan"].texts(plan, "")] == expected


def test_a_surveys_strengths_and_weaknesses_are_themed_apart(survey, area, answers):
    source = SOURCES["survey"]
    assert [key for key, _, _ in source.parts(survey)] == [f"{area.pk}:strength", f"{area.pk}:weakness"]
    assert {text for _, text in source.texts(survey, f"{area.pk}:strength")} == {"Meetings are open."}
    assert [text for _, text in source.texts(survey, f"{area.pk}:weakness")] == TEXTS


def test_a_survey_runs_title_uses_the_surveys_own_words(survey, area):
    title = SOURCES["survey"].title(survey, f"{area.pk}:strength")
    assert title == f"“{survey}”, {area}: what is working well"


def test_an_events_feedback_is_its_texts(event, event_feedback):
    assert SOURCES["event"].texts(event, "") == [(f.pk, f.text) for f in event_feedback]


def test_nothing_is_tagged_before_staff_confirm(
    run_for, project, comments, survey, area, answers, event, event_feedback
):
    runs = [run_for("project", project), run_for("survey", survey, f"{area.pk}:weakness"), run_for("event", event)]
    assert all(run.status == Run.Status.READY and run.suggestions for run in runs)
    assert not ConfirmedTheme.objects.exists()
    assert not Coding.objects.exists() and not CodedTheme.objects.exists()
    assert not event.feedback.exclude(theme=None).exists()


def test_confirming_a_projects_themes_records_them(run_for, project, comments, staff):
    run = named(run_for("project", project))
    services.confirm(run, staff)
    confirmed = {t.theme.name: sorted(t.comments.values_list("pk", flat=True)) for t in ConfirmedTheme.objects.all()}
    assert confirmed == {s["label"]: s["ids"] for s in run.suggestions}
    assert Theme.objects.filter(name="How staff treat people").exists()


def test_confirming_a_plans_themes_records_its_comments(run_for, plan, plan_comments, staff):
    services.confirm(named(run_for("plan", plan)), staff)
    assert sum(t.plan_comments.count() for t in ConfirmedTheme.objects.all()) == len(TEXTS)


def test_confirming_survey_themes_codes_each_answer_as_a_weakness(run_for, survey, area, answers, staff):
    run = named(run_for("survey", survey, f"{area.pk}:weakness"))
    services.confirm(run, staff)
    assert sorted(CodedTheme.objects.filter(survey=survey).values_list("name", flat=True)) == sorted(
        s["label"] for s in run.suggestions
    )
    assert Coding.objects.count() == len(TEXTS)
    assert set(Coding.objects.values_list("marker", flat=True)) == {Coding.Marker.WEAKNESS}


def test_confirming_event_themes_sets_each_feedbacks_theme(run_for, event, event_feedback, staff):
    existing = Theme.objects.create(name="how STAFF treat people")
    services.confirm(named(run_for("event", event)), staff)
    assert not event.feedback.filter(theme=None).exists()
    # A name that matches an existing theme, whatever its capitals, uses that theme.
    assert event.feedback.filter(theme=existing).count() == 4


def test_a_comment_hidden_after_the_run_is_not_tagged(run_for, project, comments, staff):
    run = named(run_for("project", project))
    comments[0].hide(staff, "Personal details")
    services.confirm(run, staff)
    assert not comments[0].confirmed_themes.exists()


def test_it_confirms_once(run_for, project, comments, staff):
    run = named(run_for("project", project))
    services.confirm(run, staff)
    with pytest.raises(services.NotAllowed):
        services.confirm(run, staff)
    assert ConfirmedTheme.objects.count() == len(run.suggestions)
