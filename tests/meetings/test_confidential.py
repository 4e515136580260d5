"""Confidential agenda items: their papers and minutes for the group's members and staff only, marked
"Confidential" wherever they appear, and left out of everything public."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import documents as meeting_documents
from meetings.interests.models import MeetingDeclaration
from meetings.models import Action, AgendaItem, Meeting
from members.models import Membership
from tests.conftest import make_person
from tests.meetings.test_documents import add_paper, blank_pdf

pytestmark = pytest.mark.django_db

SECRET_MINUTES = "The trust plans to close the Riverside walk-in centre."


@pytest.fixture
def observer(peg):
    user = make_person("observer@example.org", "Sam Okafor")
    Membership.objects.create(user=user, group=peg, role=Membership.Role.OBSERVER)
    return user


@pytest.fixture
def held(make_meeting):
    """A meeting whose papers are out and whose minutes are approved, with one open and one confidential item."""
    meeting = make_meeting(
        days=-10,
        status=Meeting.Status.HELD,
        minutes_status=Meeting.MinutesStatus.APPROVED,
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="GP access", minutes="Members asked for more lines.")
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Urgent care review", minutes=SECRET_MINUTES, confidential=True
    )
    return meeting


@pytest.fixture
def secret_paper(held):
    return add_paper(held.items.get(confidential=True), "Options appraisal", blank_pdf(1))


def test_an_observer_is_refused_a_confidential_paper(client, observer, secret_paper):
    client.force_login(observer)
    assert client.get(secret_paper.get_absolute_url()).status_code == 404


def test_a_member_of_another_group_is_refused_a_confidential_paper(client, panel_member, secret_paper):
    client.force_login(panel_member)
    assert client.get(secret_paper.get_absolute_url()).status_code == 404


def test_a_member_opens_a_confidential_paper(client, member, secret_paper):
    client.force_login(member)
    assert client.get(secret_paper.get_absolute_url()).status_code == 200


def test_staff_open_a_confidential_paper(client, staff, secret_paper):
    client.force_login(staff)
    assert client.get(secret_paper.get_absolute_url()).status_code == 200


def test_an_observer_opens_the_papers_of_items_that_are_not_confidential(client, observer, held):
    paper = add_paper(held.items.get(confidential=False), "Briefing", blank_pdf(1))
    client.force_login(observer)
    assert client.get(paper.get_absolute_url()).status_code == 200


def test_a_member_sees_the_item_labelled_confidential(client, member, held):
    client.force_login(member)
    text = client.get(held.get_absolute_url()).text
    assert '2. Urgent care review</strong> <strong class="nhsuk-tag nhsuk-tag--orange">Confidential</strong>' in text


def test_an_observer_does_not_see_the_confidential_item_on_the_meeting_page(client, observer, held):
    client.force_login(observer)
    assert "Urgent care review" not in client.get(held.get_absolute_url()).text


def test_the_confidential_minutes_are_a_separate_section_for_members(client, member, held):
    client.force_login(member)
    text = client.get(held.get_absolute_url()).text
    section = text.split('id="confidential-minutes"', 1)
    assert len(section) == 2 and SECRET_MINUTES in section[1]


def test_the_confidential_minutes_are_absent_for_an_observer(client, observer, held):
    client.force_login(observer)
    text = client.get(held.get_absolute_url()).text
    assert ('id="confidential-minutes"' in text, SECRET_MINUTES in text) == (False, False)


def test_an_action_agreed_under_a_confidential_item_is_kept_from_an_observer(client, observer, member, held):
    item = held.items.get(confidential=True)
    Action.objects.create(meeting=held, item=item, description="Draft the closure notice", owner=member, due=held.start)
    client.force_login(observer)
    assert "Draft the closure notice" not in client.get(held.get_absolute_url()).text


def test_the_public_minutes_leave_out_confidential_items(client, held):
    text = client.get(reverse("meetings:public_minutes", args=[held.group.slug, held.pk])).text
    assert ("GP access" in text, "Urgent care review" in text, SECRET_MINUTES in text) == (True, False, False)


def test_the_public_group_page_does_not_mention_confidential_items(client, held, secret_paper):
    text = client.get(reverse("meetings:public_group", args=[held.group.slug])).text
    assert ("Urgent care review" in text, "Options appraisal" in text) == (False, False)


def pdf_text(pdf):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_confidential_papers_pack_section_says_confidential(held, secret_paper):
    text = pdf_text(meeting_documents.meeting_pack(held, confidential=True).render())
    section = text.split("Urgent care review", 1)[1]
    assert "CONFIDENTIAL" in section


def test_every_page_of_a_confidential_paper_in_the_pack_is_marked(held, secret_paper):
    pdf = PdfReader(io.BytesIO(meeting_documents.meeting_pack(held, confidential=True).render()))
    assert "CONFIDENTIAL" in pdf.pages[-1].extract_text()


def test_a_pack_without_confidential_items_leaves_them_out(held, secret_paper):
    text = pdf_text(meeting_documents.meeting_pack(held).render())
    assert ("Urgent care review" in text, "Options appraisal" in text) == (False, False)


def test_the_pack_with_confidential_items_is_stored_apart_from_the_one_without(held, secret_paper):
    with_them = meeting_documents.meeting_pack(held, confidential=True)
    without = meeting_documents.meeting_pack(held)
    assert (with_them.name, without.name) == (f"meeting-pack-{held.pk}-confidential", f"meeting-pack-{held.pk}")


def test_the_minutes_pdf_for_an_observer_has_no_confidential_minutes(client, observer, held):
    client.force_login(observer)
    response = client.get(reverse("meetings:minutes_pdf", args=[held.pk]))
    assert SECRET_MINUTES not in pdf_text(b"".join(response.streaming_content))


def test_the_minutes_pdf_for_a_member_has_the_confidential_minutes(client, member, held):
    client.force_login(member)
    response = client.get(reverse("meetings:minutes_pdf", args=[held.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert "Confidential minutes" in text and SECRET_MINUTES in " ".join(text.split())


def word_text(response):
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)


def test_the_word_minutes_for_an_observer_have_no_confidential_minutes(client, observer, held):
    client.force_login(observer)
    text = word_text(client.get(reverse("meetings:minutes_docx", args=[held.pk])))
    assert ("Urgent care review" in text, SECRET_MINUTES in text) == (False, False)


def test_the_word_minutes_for_a_member_keep_confidential_minutes_in_their_own_part(client, member, held):
    client.force_login(member)
    text = word_text(client.get(reverse("meetings:minutes_docx", args=[held.pk])))
    assert SECRET_MINUTES in text.split("Confidential minutes", 1)[1]


def test_the_meeting_page_for_an_observer_runs_a_fixed_number_of_queries(
    client, observer, held, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            item = AgendaItem.objects.create(meeting=held, title=f"Secret {i}", confidential=True)
            add_paper(item, f"Secret paper {i}", blank_pdf(1))
            add_paper(AgendaItem.objects.create(meeting=held, title=f"Open {i}"), f"Open paper {i}", blank_pdf(1))

    grow(1)
    client.force_login(observer)
    # session, user, meeting (with my role and my reply), agenda items, the papers of the items I may see,
    # attendees, whether I may claim expenses, whether I need large print, carried actions, apologies,
    # the declarations at the items I may see, actions
    with django_assert_num_queries(12):
        client.get(held.get_absolute_url())
    grow(5)
    with django_assert_num_queries(12):
        response = client.get(held.get_absolute_url())
    assert ("Open paper 4" in response.text, "Secret" in response.text) == (True, False)


@pytest.fixture
def declared(held, member):
    return MeetingDeclaration.objects.create(
        item=held.items.get(confidential=True), person=member, declaration="My sister works at the centre."
    )


def test_a_declaration_at_a_confidential_item_is_left_out_of_an_observers_minutes(client, observer, declared):
    client.force_login(observer)
    text = word_text(client.get(reverse("meetings:minutes_docx", args=[declared.item.meeting_id])))
    assert "My sister works at the centre." not in text


def test_a_declaration_at_a_confidential_item_is_in_the_confidential_part_of_the_minutes(declared):
    content = meeting_documents.minutes_content(declared.item.meeting, confidential=True)
    declarations = [text for _name, text in content["declarations"]]
    confidential = [text for _name, text in content["confidential_declarations"]]
    assert (declarations, confidential) == ([], ["My sister works at the centre. (item 2, Urgent care review)"])
