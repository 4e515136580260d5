"""Decisions recorded against agenda items: in the minutes, in the group's decisions log (searched,
paged, exported by staff, refused outside the group) and in the annual report."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from engagement.core.dates import financial_year_of, local_today
from feedback.planning.reports import annual_report
from meetings import documents as meeting_documents
from meetings import views
from meetings.models import AgendaItem, Decision, Meeting
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(make_meeting, chair):
    """A held meeting with a decision under one item and only an outcome note under another."""
    meeting = make_meeting(days=-7, title="Spring meeting", status=Meeting.Status.HELD)
    budget = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Travel budget", purpose=AgendaItem.Purpose.DECISION, outcome="Old note"
    )
    AgendaItem.objects.create(meeting=meeting, position=2, title="GP access", outcome="Noted the survey")
    Decision.objects.create(
        item=budget, text="Pay bus fares in advance", proposed_by=chair, votes_for=8, votes_against=2, abstentions=1
    )
    return meeting


def pdf_text(meeting):
    return " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(meeting_documents.minutes(meeting).render())).pages
    )


def log_url(slug="peg", **query):
    url = reverse("meetings:decisions", args=[slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_it_prints_recorded_decisions_in_place_of_the_outcome_note(decided):
    text = pdf_text(decided)
    assert "Decision: Pay bus fares in advance Proposed by Jean Ellison. Vote: 8 for, 2 against, 1 abstained." in text
    assert "Old note" not in text


def test_it_keeps_the_outcome_note_for_items_without_decisions(decided):
    assert "Outcome: Noted the survey" in pdf_text(decided)


def test_it_shows_the_groups_decisions_to_a_member(client, member, decided):
    client.force_login(member)
    page = client.get(log_url()).text
    assert "Pay bus fares in advance" in page and "Spring meeting" in page


def test_it_finds_decisions_by_the_words_searched(client, member, decided):
    Decision.objects.create(item=decided.items.get(title="GP access"), text="Ask the practice for evening slots")
    client.force_login(member)
    page = client.get(log_url(q="evening")).text
    assert "Ask the practice for evening slots" in page
    assert "Pay bus fares in advance" not in page


def test_it_pages_the_log(client, member, decided, monkeypatch):
    monkeypatch.setattr(views, "DECISIONS_PER_PAGE", 1)
    Decision.objects.create(item=decided.items.get(title="GP access"), text="A second decision")
    client.force_login(member)
    assert "Page 2 of 2" in client.get(log_url()).text


def test_it_refuses_the_log_to_someone_outside_the_group(client, panel_member, decided):
    client.force_login(panel_member)
    assert client.get(log_url()).status_code == 404


def test_it_leaves_confidential_decisions_out_for_an_observer(client, peg, decided):
    item = decided.items.get(title="GP access")
    item.confidential = True
    item.save()
    Decision.objects.create(item=item, text="Settle the contract dispute")
    observer = make_person("observer@example.org", "Otto Observer")
    Membership.objects.create(user=observer, group=peg, role=Membership.Role.OBSERVER)
    client.force_login(observer)
    page = client.get(log_url()).text
    assert "Pay bus fares in advance" in page
    assert "Settle the contract dispute" not in page


def test_it_exports_the_log_as_csv_for_staff(client, staff, decided):
    client.force_login(staff)
    rows = list(csv.reader(io.StringIO(client.get(reverse("meetings:decisions_csv", args=["peg"])).text)))
    assert rows[1][2:] == ["Travel budget", "Pay bus fares in advance", "Jean Ellison", "8", "2", "1"]


def test_it_refuses_the_csv_to_a_member(client, member, decided):
    client.force_login(member)
    assert client.get(reverse("meetings:decisions_csv", args=["peg"])).status_code == 403


def test_it_keeps_a_formula_in_the_csv_as_text(client, staff, decided):
    Decision.objects.filter(item__meeting=decided).update(text="=HYPERLINK(1)")
    client.force_login(staff)
    rows = list(csv.reader(io.StringIO(client.get(reverse("meetings:decisions_csv", args=["peg"])).text)))
    assert rows[1][3] == "'=HYPERLINK(1)"


def test_the_log_runs_fixed_queries(client, member, decided, django_assert_num_queries):
    client.force_login(member)
    # 1 the session, 2 the user, 3 the group with their role in it (for the rules),
    # 4 the page of decisions with their items, meetings and proposers, counted by a window
    with django_assert_num_queries(4):
        client.get(log_url())
    for n in range(5):
        item = AgendaItem.objects.create(meeting=decided, position=3 + n, title=f"Item {n}")
        Decision.objects.create(item=item, text=f"Decision {n}", proposed_by=member)
    with django_assert_num_queries(4):
        client.get(log_url())


def test_the_annual_report_lists_the_years_decisions(decided):
    report = annual_report(decided.group, financial_year_of(local_today(decided.start)))
    assert [decision.text for decision in report.decisions] == ["Pay bus fares in advance"]
