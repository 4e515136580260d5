"""The event report, read back as its readers get it: PDF (also large print) and Word."""

import io
import subprocess
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordFile

from feedback.events.models import Evaluation, Event, EventFeedback, Registration
from feedback.models import Theme
from feedback.planning.models import Stakeholder
from tests.pdf_reading import type_sizes

pytestmark = pytest.mark.django_db

Category = Stakeholder.Category
Status = Registration.Status


@pytest.fixture
def held(make_event, make_registration):
    event = make_event(days=-1, next_steps="A draft plan goes to the board in March.")
    for name, category, status, attended, needs in [
        ("Priya Shah", Category.HEALTHWATCH, Status.COMING, True, ["bsl"]),
        ("Tom Okafor", Category.VOLUNTARY_SECTOR, Status.COMING, True, ["step_free", "dietary"]),
        ("Ann Lee", Category.VOLUNTARY_SECTOR, Status.COMING, False, ["step_free"]),
        ("Bill Hart", Category.VOLUNTARY_SECTOR, Status.NOT_COMING, None, []),
        ("Zed Quist", Category.PARISH_COUNCIL, Status.INVITED, None, []),
    ]:
        make_registration(
            event,
            name,
            category=category,
            status=status,
            attended=attended,
            access_needs=needs,
            organisation=f"{name.split()[1]} Trust",
        )
    transport = Theme.objects.create(name="Transport")
    for text in ["The last bus is at 6pm", "Parking costs too much", "No bus on Sundays", "Taxis are dear"]:
        EventFeedback.objects.create(event=event, text=text, theme=transport)
    EventFeedback.objects.create(event=event, text="Not themed yet")
    for usefulness, change in [(4, "Start later"), (4, ""), (2, "More time for questions")]:
        Evaluation.objects.create(event=event, usefulness=usefulness, what_to_change=change)
    return event


def pdf_text(pdf):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def report_url(event, kind="pdf"):
    return reverse(f"events:report_{kind}", args=[event.pk])


def lines(text):
    return [" ".join(line.split()) for line in text.splitlines()]


def test_it_counts_who_came_by_category(client, staff, held):
    client.force_login(staff)
    text = lines(pdf_text(download(client, report_url(held))))
    # Invited or signed up | said they were coming | came
    assert "Healthwatch 1 1 1" in text
    assert "Voluntary sector 3 2 1" in text  # the category's name runs onto a second line
    assert "Parish or town council 1 0 0" in text
    assert "Everyone 5 3 2" in text


def test_it_names_no_one_who_was_invited(client, staff, held):
    client.force_login(staff)
    text = pdf_text(download(client, report_url(held)))
    for name in ["Priya", "Okafor", "Ann Lee", "Bill Hart", "Zed", "Trust", "@example.org"]:
        assert name not in text


def test_it_gives_what_was_heard_by_theme_with_a_few_quotes(client, staff, held):
    client.force_login(staff)
    text = " ".join(pdf_text(download(client, report_url(held))).split())
    assert "Transport (4 things said)" in text
    assert "“The last bus is at 6pm”" in text
    assert "Taxis are dear" not in text  # three quotes at most
    assert "1 thing said not given a theme yet" in text


def test_it_counts_the_evaluations(client, staff, held):
    client.force_login(staff)
    text = pdf_text(download(client, report_url(held)))
    assert "Very useful 2" in lines(text)
    assert "Quite useful 0" in lines(text)
    assert "Not very useful 1" in lines(text)
    assert "Start later" in text
    assert "More time for questions" in text


def test_it_counts_the_access_needs_of_those_who_came(client, staff, held):
    client.force_login(staff)
    text = lines(pdf_text(download(client, report_url(held))))
    assert "A British Sign Language interpreter 1" in text
    assert "Step-free access 1" in text  # the person marked absent is not counted
    assert "A special diet 1" in text


def test_it_gives_the_next_steps(client, staff, held):
    client.force_login(staff)
    assert "A draft plan goes to the board in March." in pdf_text(download(client, report_url(held)))


def test_the_large_print_copy_has_larger_type(client, staff, held):
    client.force_login(staff)
    standard = type_sizes(download(client, report_url(held)))
    large = type_sizes(download(client, report_url(held) + "?print=large"))
    assert large["Next steps"] > standard["Next steps"]


def test_the_word_copy_opens_with_the_same_figures_and_no_names(client, staff, held):
    client.force_login(staff)
    document = WordFile(io.BytesIO(download(client, report_url(held, "docx"))))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Voluntary sector organisation", "3", "2", "1"] in rows
    assert ["Very useful", "2"] in rows
    assert ["Step-free access", "1"] in rows
    everything = " ".join([p.text for p in document.paragraphs] + [" ".join(row) for row in rows])
    assert "Transport (4 things said)" in everything
    assert "A draft plan goes to the board in March." in everything
    assert "Priya" not in everything
    assert document.core_properties.title == "Event report: Dementia services workshop"


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_it_takes_a_fixed_number_of_queries(client, staff, held, kind, make_registration, django_assert_num_queries):
    client.force_login(staff)
    for more in range(2):
        # session, user, the event with its project and venue, the user's and their groups' permissions (one query),
        # registrations counted by category, the feedback with its themes, the evaluations, the access
        # needs of those who came, whether the register was taken
        with django_assert_num_queries(9):
            download(client, report_url(held, kind))
        make_registration(held, f"Extra Person{more}", category=Category.PPG, status=Status.COMING)
        EventFeedback.objects.create(event=held, text=f"More {more}", theme=Theme.objects.get())
        Evaluation.objects.create(event=held, usefulness=3)


def test_the_chair_of_the_projects_group_can_download_it(client, chair, held):
    client.force_login(chair)
    assert download(client, report_url(held)).startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_members_cannot_download_it(client, member, held, kind):
    client.force_login(member)
    assert client.get(report_url(held, kind)).status_code == 404


def test_visitors_are_asked_to_sign_in(client, held):
    response = client.get(report_url(held))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_report_for_an_event_not_yet_started_is_refused_with_a_page_saying_why(client, staff, event, kind):
    client.force_login(staff)
    response = client.get(report_url(event, kind))
    assert response.status_code == 404
    assert "There is no report until the event has happened" in response.text


def test_it_gives_the_time_in_words(client, staff, held):
    Event.objects.filter(pk=held.pk).update(
        start=datetime(2026, 11, 20, 13, 30, tzinfo=timezone.get_default_timezone()),
        end=datetime(2026, 11, 20, 16, tzinfo=timezone.get_default_timezone()),
    )
    client.force_login(staff)
    text = " ".join(pdf_text(download(client, report_url(held))).split())
    assert "Friday 20 November 2026, 1:30pm to 4pm" in text


def test_the_word_copy_gives_the_time_in_words(client, staff, held):
    Event.objects.filter(pk=held.pk).update(
        start=datetime(2026, 11, 20, 13, 30, tzinfo=timezone.get_default_timezone()),
        end=datetime(2026, 11, 20, 16, tzinfo=timezone.get_default_timezone()),
    )
    client.force_login(staff)
    document = WordFile(io.BytesIO(download(client, report_url(held, "docx"))))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["When", "Friday 20 November 2026, 1:30pm to 4pm"] in rows


def test_it_says_how_many_more_were_said_than_quoted(client, staff, held):
    client.force_login(staff)
    text = " ".join(pdf_text(download(client, report_url(held))).split())
    # Four things said about transport, three quoted.
    assert "Transport (4 things said)" in text and "And 1 more." in text


def test_the_word_copy_says_how_many_more_were_said_than_quoted(client, staff, held):
    client.force_login(staff)
    document = WordFile(io.BytesIO(download(client, report_url(held, "docx"))))
    assert "And 1 more." in [p.text for p in document.paragraphs]


def test_the_word_copy_says_it_names_no_one(client, staff, held):
    client.force_login(staff)
    document = WordFile(io.BytesIO(download(client, report_url(held, "docx"))))
    assert any("It names no one." in p.text for p in document.paragraphs)
