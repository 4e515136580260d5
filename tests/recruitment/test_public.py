"""The public pages: the list of rounds, a round's page and form, the thank-you page. No account needed."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from engagement.core import notifications, tasks
from members.models import Locality
from members.recruitment.models import ApplicantEquality, Application, SelectionCriterion

from .conftest import answer_steps, apply

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def url(round):
    return reverse("recruitment:round_detail", args=[round.slug])


def send(client, round, data, **extra):
    return apply(client, round, data, **extra)


def step_url(round, step):
    return reverse("recruitment:apply", args=[round.slug, step])


def check_url(round):
    return reverse("recruitment:check_answers", args=[round.slug])


def test_it_lists_open_and_recently_closed_rounds(client, open_round, closed_round, make_round):
    make_round(slug="draft", title="A draft round", is_published=False)
    make_round(slug="long-ago", title="A round from long ago", opens_in=-400, closes_in=-365)
    response = client.get(reverse("recruitment:round_list"))
    assert response.status_code == 200
    assert open_round.title in response.text
    assert "Recently closed" in response.text and "We expect the next round in spring 2027" in response.text
    assert "A draft round" not in response.text and "A round from long ago" not in response.text


def test_it_says_plainly_when_nothing_is_open(client, db):
    response = client.get(reverse("recruitment:round_list"))
    assert "We are not recruiting at the moment." in response.text


def test_the_home_page_links_to_the_rounds(client, db):
    assert reverse("recruitment:round_list") in client.get(reverse("home")).text


def test_an_unpublished_round_is_not_found(client, make_round):
    draft = make_round(is_published=False)
    assert client.get(url(draft)).status_code == 404


def test_the_round_page_explains_the_role_and_gives_the_closing_date_in_words(client, open_round, settings):
    response = client.get(url(open_round))
    assert response.status_code == 200
    text = response.text
    for heading in ["What the group does", "What members do", "Expenses", "What we look for", "Easy read, large print"]:
        assert heading in text
    assert "Listens to different views" in text
    assert f"11:59pm on {open_round.closes_on:%A} {open_round.closes_on.day} {open_round.closes_on:%B %Y}" in text
    assert settings.ENGAGEMENT_TEAM_EMAIL in text
    assert f'href="{step_url(open_round, "about-you")}" role="button"' in text


def test_it_stores_a_valid_expression_of_interest_and_confirms_it(
    client, open_round, form_data, areas, needs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, open_round, form_data)
    assert response.status_code == 302
    assert response.url == reverse("recruitment:thank_you", args=[open_round.slug])
    application = Application.objects.get()
    assert application.round == open_round
    assert application.email == "amara.nwosu@example.net"
    assert application.postcode == "ZZ3 3AA"
    assert application.status == Application.Status.RECEIVED
    assert set(application.lived_experience.all()) == {areas[0], areas[2]}
    assert list(application.access_needs.all()) == [needs[1]]
    assert application.events.get().to_status == Application.Status.RECEIVED
    assert not ApplicantEquality.objects.exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amara.nwosu@example.net"]
    assert open_round.title in message.subject
    assert "Dear Amara Nwosu" in message.body and "&#x27;" not in message.body
    assert message.alternatives[0][1] == "text/html"
    application.refresh_from_db()
    assert application.confirmation_sent_at is not None

    thanks = client.get(response.url)
    assert "We have your expression of interest" in thanks.text


def test_the_confirmation_is_sent_once_however_often_the_task_runs(open_round, make_application):
    application = make_application(open_round)
    [notification_id] = notifications.plan_to_subject(application, "confirmation")
    tasks.deliver_notification(notification_id)
    tasks.deliver_notification(notification_id)
    assert len(mail.outbox) == 1


def test_a_step_with_a_problem_comes_back_with_what_was_typed_and_an_error_summary(client, open_round, form_data):
    response = send(client, open_round, form_data | {"full_name": ""})
    assert response.status_code == 200
    text = response.text
    assert "<title>Error: About you" in text
    assert 'class="nhsuk-error-summary"' in text and "There is a problem" in text
    assert '<a href="#id_full_name">Enter your full name</a>' in text
    assert 'value="Amara.Nwosu@Example.net"' in text
    assert not Application.objects.exists()


def test_too_long_an_answer_says_by_how_much_and_keeps_the_text(client, open_round, form_data, areas):
    long_story = ("Because I care. " * 200).strip()  # 3,199 characters
    response = send(client, open_round, form_data | {"why_interested": long_story})
    text = response.text
    assert "must be 3,000 characters or fewer. You have 3,199 characters." in text
    assert long_story in text
    assert f'value="{areas[2].pk}" checked' in text


def test_going_back_to_a_step_shows_what_was_given(client, open_round, form_data, areas):
    answer_steps(client, open_round, form_data)
    text = client.get(step_url(open_round, "experience")).text
    assert form_data["why_interested"] in text
    assert f'value="{areas[2].pk}" checked' in text


def test_the_check_page_shows_every_answer_with_a_change_link(client, open_round, form_data, localities, needs):
    answer_steps(client, open_round, form_data | {"sex": "female", "consent": "on"})
    text = client.get(check_url(open_round)).text
    assert '<dd class="nhsuk-summary-list__value">amara.nwosu@example.net</dd>' in text
    assert localities[2].name in text and needs[1].name in text
    assert '<dt class="nhsuk-summary-list__key">Sex</dt>' in text
    change = (
        f'<a href="{step_url(open_round, "about-you")}?change=1">Change<span class="nhsuk-u-visually-hidden"> full name'
    )
    assert change in text
    assert not Application.objects.exists()


def test_a_changed_answer_goes_back_to_the_check_page(client, open_round, form_data):
    answer_steps(client, open_round, form_data)
    response = client.post(step_url(open_round, "about-you") + "?change=1", form_data | {"full_name": "Amara N. Nwosu"})
    assert response.url == check_url(open_round)
    assert "Amara N. Nwosu" in client.get(check_url(open_round)).text


def test_the_check_page_sends_someone_who_skipped_a_step_back_to_it(client, open_round, form_data):
    client.post(step_url(open_round, "about-you"), form_data)
    assert client.get(check_url(open_round)).url == step_url(open_round, "experience")


def test_the_answers_are_not_kept_once_sent(client, open_round, form_data):
    send(client, open_round, form_data)
    assert client.get(check_url(open_round)).url == step_url(open_round, "about-you")
    assert "Amara" not in client.get(step_url(open_round, "about-you")).text


def test_equality_answers_without_consent_are_asked_about_once(client, open_round, form_data):
    response = send(client, open_round, form_data | {"sex": "female", "age_band": "65_74"})
    assert response.status_code == 200
    assert '<a href="#id_keep_equality_0">Choose whether we keep your equality answers or leave them out</a>' in (
        response.text
    )
    assert not Application.objects.exists()


def test_equality_answers_without_consent_are_left_out_when_asked(client, open_round, form_data):
    response = send(client, open_round, form_data | {"sex": "female", "keep_equality": "no"})
    assert response.status_code == 302
    assert Application.objects.exists() and not ApplicantEquality.objects.exists()


def test_equality_answers_without_consent_are_kept_when_the_applicant_agrees(client, open_round, form_data):
    send(client, open_round, form_data | {"sex": "female", "keep_equality": "yes"})
    answers = ApplicantEquality.objects.get()
    assert answers.sex == "female" and answers.consent_given_at is not None


def test_equality_answers_are_kept_apart_from_the_application_with_consent(client, open_round, form_data):
    send(client, open_round, form_data | {"sex": "female", "age_band": "65_74", "consent": "on"})
    application = Application.objects.get()
    answers = ApplicantEquality.objects.get(application=application)
    assert answers.sex == "female" and answers.age_band == "65_74" and answers.religion == ""
    assert answers.consent_given_at is not None


def test_prefer_not_to_say_needs_no_consent_and_nothing_is_kept_without_it(client, open_round, form_data):
    response = send(client, open_round, form_data | {"sex": "prefer_not_to_say"})
    assert response.status_code == 302
    assert Application.objects.exists() and not ApplicantEquality.objects.exists()


def test_a_filled_honeypot_pretends_to_succeed_and_stores_nothing(client, open_round, form_data):
    response = send(client, open_round, form_data | {"website": "http://spam.example"})
    assert response.status_code == 302
    assert response.url == reverse("recruitment:thank_you", args=[open_round.slug])
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, open_round):
    text = client.get(step_url(open_round, "about-you")).text
    assert '<div class="nhsuk-u-visually-hidden" aria-hidden="true">' in text
    assert 'name="website"' in text and 'tabindex="-1"' in text and 'autocomplete="off"' in text


def test_the_rate_limit_refuses_a_sixth_form_from_one_address_and_keeps_the_text(client, open_round, form_data):
    for i in range(5):
        assert send(client, open_round, form_data | {"email": f"p{i}@example.net"}).status_code == 302
    response = send(client, open_round, form_data | {"email": "sixth@example.net"})
    assert response.status_code == 429
    assert "<title>Error: " in response.text
    assert "cannot take another one yet" in response.text
    assert "sixth@example.net" in response.text
    assert Application.objects.count() == 5


def test_the_rate_limit_counts_bots_too(client, open_round, form_data):
    for _ in range(5):
        send(client, open_round, form_data | {"website": "spam"})
    assert send(client, open_round, form_data).status_code == 429


def test_the_rate_limit_is_per_address(client, open_round, form_data):
    for i in range(5):
        send(client, open_round, form_data | {"email": f"p{i}@example.net"}, REMOTE_ADDR="192.0.2.1")
    assert send(client, open_round, form_data, REMOTE_ADDR="192.0.2.2").status_code == 302


def test_the_rate_limit_lifts_after_an_hour(client, open_round, form_data):
    with time_machine.travel(datetime.now(tz=LONDON), tick=False) as traveller:
        for i in range(5):
            send(client, open_round, form_data | {"email": f"p{i}@example.net"})
        assert send(client, open_round, form_data).status_code == 429
        traveller.shift(timedelta(minutes=61))
        assert send(client, open_round, form_data).status_code == 302


def test_validation_errors_do_not_count_towards_the_limit(client, open_round, form_data):
    for _ in range(8):
        send(client, open_round, form_data | {"full_name": ""})
    assert send(client, open_round, form_data).status_code == 302


def test_an_oversized_request_is_refused(client, open_round, form_data):
    response = send(client, open_round, form_data | {"why_interested": "x" * 200_000})
    assert response.status_code == 413
    assert not Application.objects.exists()


def test_a_closed_round_says_so_and_when_the_next_is_expected(client, closed_round):
    response = client.get(url(closed_round))
    assert response.status_code == 200
    assert "This round has closed" in response.text
    assert "We expect the next round in spring 2027." in response.text
    assert 'name="full_name"' not in response.text


def test_a_closed_round_refuses_the_form(client, closed_round, form_data):
    response = send(client, closed_round, form_data)
    assert response.status_code == 403
    assert "It closed before your form arrived" in response.text
    assert not Application.objects.exists()


def test_a_round_not_yet_open_refuses_the_form(client, make_round, form_data):
    soon = make_round(slug="soon", opens_in=3, closes_in=30)
    assert "This round has not opened yet" in client.get(url(soon)).text
    assert send(client, soon, form_data).status_code == 403
    assert not Application.objects.exists()


def test_a_round_closes_at_midnight_at_the_end_of_its_closing_day_uk_time(client, open_round, form_data):
    closing = open_round.closes_on
    with time_machine.travel(datetime(closing.year, closing.month, closing.day, 23, 59, tzinfo=LONDON), tick=False):
        assert send(client, open_round, form_data).status_code == 302
    next_day = closing + timedelta(days=1)
    with time_machine.travel(datetime(next_day.year, next_day.month, next_day.day, 0, 0, tzinfo=LONDON), tick=False):
        assert send(client, open_round, form_data | {"email": "late@example.net"}).status_code == 403
    assert Application.objects.count() == 1


# Round page, for a visitor without an account: 1 round with group, 2 criteria.
ROUND_PAGE_QUERIES = 2
# List of rounds: 1 open, 2 opening soon, 3 recently closed (each with its group).
ROUND_LIST_QUERIES = 3


def test_the_round_page_runs_fixed_queries(client, open_round, form_data, localities, django_assert_num_queries):
    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        assert client.get(url(open_round)).status_code == 200
    for i in range(10):
        SelectionCriterion.objects.create(round=open_round, position=10 + i, title=f"Criterion {i}")
        Locality.objects.create(name=f"Village {i}")
    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        assert client.get(url(open_round)).status_code == 200


def test_the_list_of_rounds_runs_fixed_queries(client, make_round, django_assert_num_queries):
    make_round(slug="first")
    with django_assert_num_queries(ROUND_LIST_QUERIES):
        assert client.get(reverse("recruitment:round_list")).status_code == 200
    for i in range(10):
        make_round(slug=f"open-{i}")
        make_round(slug=f"soon-{i}", opens_in=5, closes_in=20)
        make_round(slug=f"closed-{i}", opens_in=-50, closes_in=-20)
    with django_assert_num_queries(ROUND_LIST_QUERIES):
        assert client.get(reverse("recruitment:round_list")).status_code == 200
