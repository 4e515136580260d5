"""Staff type in answers given by telephone; those responses are marked as entered by staff, with who did it."""

import pytest
from django.urls import reverse

from feedback.planning.models import SurveyResponse

pytestmark = pytest.mark.django_db


def url(survey):
    return reverse("planning:telephone_response", args=[survey.pk])


def test_staff_enter_answers_for_someone_not_invited(client, staff, survey, areas):
    client.force_login(staff)
    response = client.post(
        url(survey),
        {
            "respondent_name": "Walter Brennan",
            "organisation": "Northgate parish council",
            f"area-{areas[0].pk}-better": "Meetings are always in the county town.",
        },
        follow=True,
    )
    assert "The answers from Walter Brennan are saved, marked as entered by you (telephone)." in response.text
    saved = SurveyResponse.objects.get()
    assert saved.channel == SurveyResponse.Channel.TELEPHONE
    assert saved.get_channel_display() == "Entered by staff (telephone)"
    assert saved.entered_by == staff
    assert (saved.respondent_name, saved.organisation, saved.invitation) == (
        "Walter Brennan",
        "Northgate parish council",
        None,
    )


def test_answers_for_an_invitation_use_up_its_private_link(client, staff, invitation, areas):
    client.force_login(staff)
    client.post(url(invitation.survey), {"invitation": invitation.pk, f"area-{areas[0].pk}-well": "Clear papers."})
    saved = SurveyResponse.objects.get()
    assert (saved.invitation, saved.respondent_name, saved.entered_by) == (invitation, "Marek Zielinski", staff)
    client.logout()
    assert "We have your answers" in client.get(invitation.get_absolute_url()).text


def test_a_used_invitation_is_not_offered(client, staff, invitation, areas):
    SurveyResponse.objects.record(invitation.survey, {areas[0]: ("Good", "")}, invitation=invitation)
    client.force_login(staff)
    assert "Marek Zielinski" not in client.get(url(invitation.survey)).text


def test_staff_must_say_who_gave_the_answers(client, staff, survey, areas):
    client.force_login(staff)
    response = client.post(url(survey), {f"area-{areas[0].pk}-well": "Clear papers."})
    assert "<title>Error: " in response.text
    assert "Enter the person’s name, or choose them from the invitation list" in response.text
    assert "Clear papers." in response.text
    assert not SurveyResponse.objects.exists()


def test_members_cannot_enter_answers(client, chair, survey):
    client.force_login(chair)
    assert client.get(url(survey)).status_code == 404


def test_the_report_and_admin_show_which_responses_staff_entered(client, staff, survey, invitation, areas):
    SurveyResponse.objects.record(survey, {areas[0]: ("Online answer", "")}, invitation=invitation)
    SurveyResponse.objects.record(survey, {areas[0]: ("", "Phone answer")}, entered_by=staff, name="Walter Brennan")
    client.force_login(staff)
    assert "2, of which 1 entered by staff (telephone)" in client.get(survey.get_report_url()).text
    admin_list = client.get(reverse("admin:planning_surveyresponse_changelist")).text
    assert "Entered by staff (telephone)" in admin_list and "Alex Morgan" in admin_list
