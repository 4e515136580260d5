"""Private survey links: no account, one response per invitation, made-up or changed links refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.planning.models import Answer, Invitation, SurveyResponse

pytestmark = pytest.mark.django_db


def answers(areas, **extra):
    first, second = areas[0], areas[1]
    return {
        f"area-{first.pk}-well": "Board papers are published early.",
        f"area-{first.pk}-better": "It is hard to tell who decides what.",
        f"area-{second.pk}-better": "Updates stop after a consultation closes.",
        **extra,
    }


def test_the_link_shows_every_area_with_no_sign_in(client, invitation, areas):
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 200
    assert "For Marek Zielinski, Healthwatch Riverside" in response.text
    for area in areas:
        assert area.name in response.text
    assert response.text.count("What is working well?") == len(areas)


def test_answers_are_saved_once_and_the_link_is_used_up(client, invitation, areas):
    response = client.post(invitation.get_absolute_url(), answers(areas), follow=True)
    assert "We have your answers" in response.text
    assert "Thank you. Your answers have been sent." in response.text
    saved = SurveyResponse.objects.get()
    assert (saved.invitation, saved.respondent_name, saved.organisation) == (
        invitation,
        "Marek Zielinski",
        "Healthwatch Riverside",
    )
    assert saved.channel == SurveyResponse.Channel.ONLINE and saved.entered_by is None
    by_area = {answer.area: answer for answer in saved.answers.all()}
    assert by_area[areas[0]].working_well == "Board papers are published early."
    assert by_area[areas[1]].working_well == ""
    assert areas[2] not in by_area  # nothing said about it: no empty answer stored
    invitation.refresh_from_db()
    assert invitation.is_used


def test_a_second_use_of_the_link_gets_a_clear_page_and_saves_nothing(client, invitation, areas):
    client.post(invitation.get_absolute_url(), answers(areas))
    again = client.get(invitation.get_absolute_url())
    assert again.status_code == 200
    assert "We have your answers" in again.text
    assert "works once" in again.text
    client.post(invitation.get_absolute_url(), answers(areas))
    assert SurveyResponse.objects.count() == 1
    assert Answer.objects.count() == 2


def test_one_response_per_invitation_even_when_two_arrive_at_once(invitation, areas):
    given = {areas[0]: ("Good", "")}
    # Both requests loaded the invitation before either saved.
    first, second = Invitation.objects.get(pk=invitation.pk), Invitation.objects.get(pk=invitation.pk)
    assert SurveyResponse.objects.record(invitation.survey, given, invitation=first) is not None
    assert SurveyResponse.objects.record(invitation.survey, given, invitation=second) is None
    assert SurveyResponse.objects.count() == 1


CHANGES = [
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
    lambda token: token[:10],  # cut short
    lambda token: "made-up",
]


@pytest.mark.parametrize("change", CHANGES)
def test_a_changed_or_made_up_link_gets_a_clear_not_found_page(client, invitation, areas, change):
    url = reverse("planning:survey_response", args=[change(invitation.token)])
    response = client.get(url)
    assert response.status_code == 404
    assert "This survey link does not work" in response.text
    assert client.post(url, answers(areas)).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_sending_nothing_is_refused_with_an_error_summary(client, invitation, areas):
    response = client.post(invitation.get_absolute_url(), {})
    assert response.status_code == 200
    assert "<title>Error: " in response.text
    assert "Answer at least one question" in response.text
    assert not SurveyResponse.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.is_used


def test_an_answer_that_is_too_long_keeps_everything_typed(client, invitation, areas):
    long = "Much more to say. " * 300
    response = client.post(invitation.get_absolute_url(), answers(areas, **{f"area-{areas[2].pk}-well": long}))
    assert f"{areas[2].name}: what is working well must be 5,000 characters or fewer" in response.text
    assert "Board papers are published early." in response.text
    assert long.strip() in response.text
    assert not SurveyResponse.objects.exists()


def test_a_closed_survey_takes_no_answers(client, invitation, areas):
    survey = invitation.survey
    survey.closes_on = local_today() - timedelta(days=1)
    survey.save()
    response = client.post(invitation.get_absolute_url(), answers(areas))
    assert response.status_code == 403
    assert "This survey has closed" in response.text
    assert not SurveyResponse.objects.exists()


def test_a_survey_not_open_yet_says_when_it_opens(client, invitation):
    survey = invitation.survey
    survey.opens_on = local_today() + timedelta(days=3)
    survey.save()
    response = client.get(invitation.get_absolute_url())
    assert "This survey has not opened yet" in response.text


def test_the_link_is_not_kept_in_caches(client, invitation, areas):
    assert "no-cache" in client.get(invitation.get_absolute_url())["Cache-Control"]


def test_a_used_link_is_still_used_after_the_survey_closes(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())
    survey = invitation.survey
    survey.closes_on = local_today() - timedelta(days=1)
    survey.save()
    assert "We have your answers" in client.get(invitation.get_absolute_url()).text
