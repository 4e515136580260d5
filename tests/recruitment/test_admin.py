"""Selection in the staff admin: applications per round, the status workflow, scores, history and outcome e-mails."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from engagement.core.confirm import CONFIRMED
from members.recruitment.models import (
    ApplicantEquality,
    Application,
    OutcomeEmail,
    Round,
    Score,
    SelectionCriterion,
)
from tests.recruitment.conftest import admin_form_data

pytestmark = pytest.mark.django_db

S = Application.Status


def change_url(application):
    return reverse("admin:recruitment_application_change", args=[application.pk])


def change(client, application, **changes):
    data = admin_form_data(client.get(change_url(application)), **changes)
    return client.post(change_url(application), data)


@pytest.fixture
def application(open_round, make_application, localities):
    return make_application(open_round, "Amara Nwosu", locality=localities[0])


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    return client


def test_staff_see_a_rounds_applications_filtered_by_status(logged_in, open_round, closed_round, make_application):
    make_application(open_round, "Shortlisted Sam", S.SHORTLISTED)
    make_application(open_round, "Received Rita", S.RECEIVED)
    make_application(closed_round, "Other Round Olu", S.SHORTLISTED)
    response = logged_in.get(
        reverse("admin:recruitment_application_changelist"),
        {"round__id__exact": open_round.pk, "status__exact": S.SHORTLISTED},
    )
    assert response.status_code == 200
    assert "Shortlisted Sam" in response.text
    assert "Received Rita" not in response.text and "Other Round Olu" not in response.text


def test_staff_search_applications_by_name_or_email(logged_in, application, make_application, open_round):
    make_application(open_round, "Someone Else")
    response = logged_in.get(reverse("admin:recruitment_application_changelist"), {"q": "amara.nwosu@"})
    assert "Amara Nwosu" in response.text and "Someone Else" not in response.text


def test_a_status_change_is_recorded_with_who_when_and_why(logged_in, staff, application):
    response = change(logged_in, application, status=S.SHORTLISTED, note="Strong on carers' experience.")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
    event = application.events.get()
    assert (event.by, event.from_status, event.to_status, event.note) == (
        staff,
        S.RECEIVED,
        S.SHORTLISTED,
        "Strong on carers' experience.",
    )
    assert (timezone.now() - event.at).total_seconds() < 60


def test_a_note_without_a_status_change_is_recorded_too(logged_in, application):
    change(logged_in, application, note="Left a phone message.")
    assert application.events.get().note == "Left a phone message."


def test_saving_without_a_change_records_nothing(logged_in, application):
    change(logged_in, application)
    assert not application.events.exists()


def test_not_appointed_needs_a_reason(logged_in, application):
    response = change(logged_in, application, status=S.NOT_APPOINTED)
    assert response.status_code == 200
    assert "Give the reason they were not appointed." in response.text
    application.refresh_from_db()
    assert application.status == S.RECEIVED and not application.events.exists()


def test_not_appointed_with_a_reason_is_saved(logged_in, application):
    change(logged_in, application, status=S.NOT_APPOINTED, outcome_reason="The group already has three carers.")
    application.refresh_from_db()
    assert application.status == S.NOT_APPOINTED


def test_an_interview_needs_a_date(logged_in, open_round, make_application):
    shortlisted = make_application(open_round, "Sam", S.SHORTLISTED)
    response = change(logged_in, shortlisted, status=S.INTERVIEW_ARRANGED)
    assert "Give the date and time of the interview." in response.text
    change(logged_in, shortlisted, status=S.INTERVIEW_ARRANGED, interview_at_0="14/07/2026", interview_at_1="10:30")
    shortlisted.refresh_from_db()
    assert shortlisted.status == S.INTERVIEW_ARRANGED
    assert timezone.localtime(shortlisted.interview_at).strftime("%d %m %Y %H:%M") == "14 07 2026 10:30"


def test_a_step_outside_the_workflow_is_refused(logged_in, application):
    response = change(
        logged_in, application, status=S.INTERVIEW_ARRANGED, interview_at_0="14/07/2026", interview_at_1="10:30"
    )
    assert "cannot be marked “interview arranged”" in response.text
    application.refresh_from_db()
    assert application.status == S.RECEIVED


def test_appointed_is_only_reached_through_the_appoint_button(logged_in, open_round, make_application):
    shortlisted = make_application(open_round, "Sam", S.SHORTLISTED)
    response = logged_in.get(change_url(shortlisted))
    assert 'value="appointed"' not in response.text
    assert reverse("admin:recruitment_application_appoint", args=[shortlisted.pk]) in response.text
    change(logged_in, shortlisted, status=S.APPOINTED)
    shortlisted.refresh_from_db()
    assert shortlisted.status == S.SHORTLISTED


def test_panel_members_score_the_published_criteria(logged_in, staff, application, open_round):
    criterion = open_round.criteria.first()
    response = change(
        logged_in,
        application,
        **{"scores-0-criterion": str(criterion.pk), "scores-0-score": "3", "scores-0-note": "Clear examples."},
    )
    assert response.status_code == 302
    score = Score.objects.get()
    assert (score.criterion, score.panel_member, score.score, score.note) == (criterion, staff, 3, "Clear examples.")


def test_only_the_rounds_own_criteria_can_be_scored(logged_in, staff, application, closed_round):
    other = SelectionCriterion.objects.create(round=closed_round, title="Criterion from another round")
    assert "Criterion from another round" not in logged_in.get(change_url(application)).text
    with pytest.raises(ValidationError):
        Score(application=application, criterion=other, panel_member=staff, score=2).full_clean()


def test_a_panel_member_scores_each_criterion_once(staff, application, open_round):
    criterion = open_round.criteria.first()
    Score.objects.create(application=application, criterion=criterion, panel_member=staff, score=2)
    with pytest.raises(IntegrityError):
        Score.objects.create(application=application, criterion=criterion, panel_member=staff, score=4)


def test_the_application_page_never_shows_equality_answers(logged_in, application):
    ApplicantEquality.objects.create(application=application, consent_given_at=timezone.now(), religion="jewish")
    response = logged_in.get(change_url(application))
    assert response.status_code == 200
    assert "Jewish" not in response.text and "Religion" not in response.text


def test_no_one_can_be_given_access_to_one_applicants_equality_answers():
    assert ApplicantEquality not in admin.site._registry
    assert not Permission.objects.filter(content_type__app_label="recruitment", codename__contains="applicantequality")


def test_the_shortlist_action_moves_received_applications_and_records_it(
    logged_in, staff, open_round, make_application
):
    received = make_application(open_round, "Rita")
    withdrawn = make_application(open_round, "Will", S.WITHDRAWN)
    logged_in.post(
        reverse("admin:recruitment_application_changelist"),
        {"action": "shortlist", "_selected_action": [received.pk, withdrawn.pk]},
    )
    received.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (received.status, withdrawn.status) == (S.SHORTLISTED, S.WITHDRAWN)
    assert received.events.get().by == staff


def test_not_appointed_applicants_are_emailed_once_each(
    logged_in, open_round, make_application, django_capture_on_commit_callbacks
):
    open_round.not_appointed_message = "We could not offer you a place this time."
    open_round.save()
    first = make_application(open_round, "Nia Price", S.NOT_APPOINTED, outcome_reason="Full")
    second = make_application(open_round, "Olu Adeyemi", S.NOT_APPOINTED, outcome_reason="Full")
    still_in = make_application(open_round, "Sam Shortlisted", S.SHORTLISTED)
    selected = {"action": "email_not_appointed", "_selected_action": [first.pk, second.pk, still_in.pk], CONFIRMED: "1"}
    url = reverse("admin:recruitment_application_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(url, selected)
        logged_in.post(url, selected)
    assert sorted(m.to[0] for m in mail.outbox) == [first.email, second.email]
    assert "Dear Nia Price" in next(m.body for m in mail.outbox if m.to == [first.email])
    assert "We could not offer you a place this time." in mail.outbox[0].body
    assert OutcomeEmail.objects.filter(sent_at__isnull=False).count() == 2


def test_the_round_links_to_its_balance_view(logged_in, open_round):
    balance = reverse("admin:recruitment_round_balance", args=[open_round.pk])
    assert balance in logged_in.get(reverse("admin:recruitment_round_change", args=[open_round.pk])).text
    assert balance in logged_in.get(reverse("admin:recruitment_round_changelist")).text


def test_a_chair_round_records_its_interview_panel(logged_in, chair_round, open_round):
    assert "Dr Imogen Hart" in logged_in.get(reverse("admin:recruitment_round_change", args=[chair_round.pk])).text
    assert "interview panel" not in logged_in.get(reverse("admin:recruitment_round_change", args=[open_round.pk])).text


def test_a_chair_round_needs_the_remuneration(peg):
    round = Round(
        group=peg, role=Round.Role.CHAIR, title="Chair", slug="chair", opens_on="2026-01-01", closes_on="2026-02-01"
    )
    with pytest.raises(ValidationError, match="annual remuneration"):
        round.clean()


# Applications list: 1 session, 2 user, 3 permissions (user's and groups'), 4-8 the filters'
# choices (rounds, localities, lived-experience areas, channels, groups), 9 count, 10 count for
# the "all" link, 11 applications with round, locality and average score.
APPLICATION_LIST_QUERIES = 11


def test_the_applications_list_runs_fixed_queries(
    logged_in, open_round, make_application, localities, areas, staff, django_assert_num_queries
):
    criterion = open_round.criteria.first()

    def add(count):
        for i in range(count):
            application = make_application(open_round, f"Applicant {i}", locality=localities[i % 3], areas=areas[:2])
            Score.objects.create(application=application, criterion=criterion, panel_member=staff, score=i % 5)

    add(3)
    url = reverse("admin:recruitment_application_changelist")
    with django_assert_num_queries(APPLICATION_LIST_QUERIES):
        assert logged_in.get(url).status_code == 200
    add(40)
    with django_assert_num_queries(APPLICATION_LIST_QUERIES):
        assert logged_in.get(url).status_code == 200


def test_the_not_appointed_message_asks_first_and_sends_nothing(
    logged_in, open_round, make_application, django_capture_on_commit_callbacks
):
    open_round.not_appointed_message = "We could not offer you a place this time."
    open_round.save()
    first = make_application(open_round, "Nia Price", S.NOT_APPOINTED, outcome_reason="Full")
    still_in = make_application(open_round, "Sam Shortlisted", S.SHORTLISTED)
    url = reverse("admin:recruitment_application_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(url, {"action": "email_not_appointed", "_selected_action": [first.pk, still_in.pk]})
    assert "1 person will be e-mailed" in response.text
    assert "We could not offer you a place this time." in response.text
    assert "1 application not marked “not appointed”" in response.text
    assert mail.outbox == []
    assert not OutcomeEmail.objects.exists()


def test_after_the_not_appointed_message_it_says_how_many(
    logged_in, open_round, make_application, django_capture_on_commit_callbacks
):
    first = make_application(open_round, "Nia Price", S.NOT_APPOINTED, outcome_reason="Full")
    url = reverse("admin:recruitment_application_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(
            url, {"action": "email_not_appointed", "_selected_action": [first.pk], CONFIRMED: "1"}, follow=True
        )
    assert [str(m) for m in response.context["messages"]] == ["The “not appointed” message e-mailed to 1 applicant."]
