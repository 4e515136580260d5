"""Staff keep plans, surveys and theme tags in the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core import notifications
from engagement.core.confirm import CONFIRMED
from feedback.planning.models import (
    Answer,
    CodedTheme,
    Coding,
    EngagementPlan,
    Invitation,
    PlanAction,
    Stakeholder,
    Survey,
    SurveyResponse,
    TemplateAction,
)

pytestmark = pytest.mark.django_db


def test_adding_a_plan_in_the_admin_copies_the_template_actions(client, staff, project):
    client.force_login(staff)
    response = client.post(
        reverse("admin:planning_engagementplan_add"),
        {"project": project.pk, "summary": "Involve carers early."},
        follow=True,
    )
    plan = EngagementPlan.objects.get(project=project)
    assert plan.actions.count() == TemplateAction.objects.count() > 0
    assert "The plan starts with the template’s actions" in response.text


def inline_data(prefix, rows, total=None, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": total if total is not None else len(rows), f"{prefix}-INITIAL_FORMS": initial}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def test_staff_date_and_assign_actions_and_list_stakeholders_with_their_steps(client, staff, plan):
    client.force_login(staff)
    url = reverse("admin:planning_engagementplan_change", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "The plan as members see it" in page.text
    actions = list(plan.actions.all())
    data = {"summary": plan.summary}
    data |= inline_data(
        "actions",
        [
            {
                "id": action.pk,
                "plan": plan.pk,
                "step": action.step,
                "description": action.description,
                "time_needed": action.time_needed,
                "owner": staff.pk if i == 0 else "",
                "owner_name": "",
                "starts_on": "",
                "target_date": "2026-05-01" if i == 0 else "",
                "status": "in_progress" if i == 0 else "not_started",
                "position": action.position,
            }
            for i, action in enumerate(actions)
        ],
        initial=len(actions),
    )
    data |= inline_data(
        "stakeholders",
        [
            {
                "name": "Cllr Amrit Dhaliwal",
                "organisation": "Riverside County Council",
                "category": "local_councillor",
                "email": "",
                "phone": "",
                "steps": ["1", "3"],
            }
        ],
    )
    data |= inline_data("feedback_sources", [])
    data |= inline_data("comments", [])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    first = PlanAction.objects.get(pk=actions[0].pk)
    assert (first.owner, str(first.target_date), first.status) == (staff, "2026-05-01", "in_progress")
    stakeholder = Stakeholder.objects.get()
    assert stakeholder.steps == [1, 3]
    assert stakeholder.step_labels == ["Audience analysis", "Stakeholder workshops"]


def test_the_plan_list_shows_progress(client, staff, plan):
    PlanAction.objects.filter(pk=plan.actions.first().pk).update(status="done")
    client.force_login(staff)
    text = client.get(reverse("admin:planning_engagementplan_changelist")).text
    assert f"1 of {plan.actions.count()}" in text


def test_the_survey_admin_pages_open(client, staff, survey, invitation):
    client.force_login(staff)
    for name, args in [
        ("admin:planning_survey_changelist", []),
        ("admin:planning_survey_change", [survey.pk]),
        ("admin:planning_invitation_changelist", []),
        ("admin:planning_surveyresponse_changelist", []),
        ("admin:planning_answer_changelist", []),
        ("admin:planning_area_changelist", []),
        ("admin:planning_templateaction_changelist", []),
        ("admin:planning_stakeholder_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


@pytest.fixture
def answer(survey, areas):
    response = SurveyResponse.objects.record(survey, {areas[0]: ("Clear papers", "Unclear decisions")}, name="Jo")
    return response.answers.get()


def test_staff_tag_an_answer_only_with_its_own_surveys_themes(client, staff, survey, answer):
    mine = CodedTheme.objects.create(survey=survey, name="Clear governance")
    other_survey = Survey.objects.create(title="Last year", opens_on="2025-01-01", closes_on="2025-02-01")
    theirs = CodedTheme.objects.create(survey=other_survey, name="Not this survey's theme")
    client.force_login(staff)
    url = reverse("admin:planning_answer_change", args=[answer.pk])
    page = client.get(url).text
    assert "Clear governance" in page and "Not this survey" not in page
    data = inline_data("codings", [{"theme": mine.pk, "marker": "weakness"}], total=2)
    assert client.post(url, data).status_code == 302
    assert Coding.objects.get().theme == mine
    refused = client.post(url, inline_data("codings", [{"theme": theirs.pk, "marker": "strength"}]))
    assert refused.status_code == 200
    assert Coding.objects.count() == 1


def test_a_tag_with_another_surveys_theme_is_invalid(survey, answer):
    other = Survey.objects.create(title="Last year", opens_on="2025-01-01", closes_on="2025-02-01")
    coding = Coding(answer=answer, theme=CodedTheme.objects.create(survey=other, name="X"), marker="strength")
    with pytest.raises(Exception, match="this answer’s survey"):
        coding.full_clean()


def test_e_mailing_invitations_sends_each_link_once(
    client, staff, survey, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    used = Invitation.objects.create(survey=survey, name="Jo Castellano", email="jo@example.org")
    SurveyResponse.objects.record(survey, {}, invitation=used)
    client.force_login(staff)
    changelist = reverse("admin:planning_survey_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "email_invitations", "_selected_action": [survey.pk], CONFIRMED: "1"})
    assert [message.to for message in mailoutbox] == [["marek@example.org"]]
    message = mailoutbox[0]
    assert invitation.link in message.body
    assert message.subject == "Your views, please: How well do we involve the public?"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "email_invitations", "_selected_action": [survey.pk], CONFIRMED: "1"})
    assert len(mailoutbox) == 1
    invitation.refresh_from_db()
    assert invitation.emailed_at is not None


def test_a_failed_send_can_be_retried(invitation, monkeypatch, mailoutbox):
    [notification_id] = notifications.plan_to_subject(invitation, "survey-invitation")

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("feedback.planning.emails.send_templated_email", broken)
    with pytest.raises(ConnectionError):
        notifications.deliver(notification_id)
    invitation.refresh_from_db()
    assert invitation.emailed_at is None
    monkeypatch.undo()
    assert notifications.deliver(notification_id) is True
    assert len(mailoutbox) == 1


def test_a_link_used_before_its_e_mail_went_is_not_sent(invitation, mailoutbox):
    [notification_id] = notifications.plan_to_subject(invitation, "survey-invitation")
    Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())
    assert notifications.deliver(notification_id) is False
    assert mailoutbox == []


def test_responses_are_read_not_written_in_the_admin(client, staff, answer):
    client.force_login(staff)
    assert client.get(reverse("admin:planning_surveyresponse_add")).status_code == 403
    assert client.get(reverse("admin:planning_answer_add")).status_code == 403
    assert Answer.objects.count() == 1


def test_e_mailing_survey_links_asks_first_and_sends_nothing(
    client, staff, survey, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:planning_survey_changelist"),
            {"action": "email_invitations", "_selected_action": [survey.pk]},
        )
    assert "1 person will be e-mailed" in response.text
    assert "Your views, please: How well do we involve the public?" in response.text
    assert mailoutbox == []
    invitation.refresh_from_db()
    assert invitation.emailed_at is None


def test_after_e_mailing_survey_links_it_says_how_many(
    client, staff, survey, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:planning_survey_changelist"),
            {"action": "email_invitations", "_selected_action": [survey.pk], CONFIRMED: "1"},
            follow=True,
        )
    assert [str(m) for m in response.context["messages"]] == ["Survey links e-mailed to 1 person."]
