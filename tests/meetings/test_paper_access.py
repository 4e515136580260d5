"""Partners' papers that may not work with a screen reader: said beside each paper, with an accessible copy to ask for."""

from html import unescape
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from meetings.models import Meeting
from tests.meetings.test_meeting_pages import add_paper

pytestmark = pytest.mark.django_db

NOTICE = "This paper may not work with a screen reader."


@pytest.fixture
def issued(meeting):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save()
    return meeting


def test_it_offers_an_accessible_copy_of_a_paper_by_e_mail_naming_it(client, settings, member, issued):
    add_paper(issued.items.first())
    client.force_login(member)
    text = unescape(client.get(issued.get_absolute_url()).text)
    subject = quote(f'Accessible copy of "Briefing" ({issued.title}, {localtime(issued.start):%-d %B %Y})', safe="")
    assert NOTICE in text
    assert f'href="mailto:{settings.ENGAGEMENT_TEAM_EMAIL}?subject={subject}"' in text


def test_it_says_nothing_once_an_accessible_version_is_received(client, member, issued):
    paper = add_paper(issued.items.first())
    paper.accessible_version_received = True
    paper.save()
    client.force_login(member)
    assert NOTICE not in client.get(issued.get_absolute_url()).text


def test_staff_mark_a_paper_as_accessible_beside_its_file(client, staff, meeting):
    paper = add_paper(meeting.items.first())
    client.force_login(staff)
    response = client.get(reverse("admin:meetings_agendaitem_change", args=[paper.item_id]))
    assert 'name="papers-0-accessible_version_received"' in response.text


def test_the_accessibility_statement_names_the_partner_papers_and_what_we_do(client):
    text = client.get(reverse("accessibility")).text
    assert "Meeting papers from our partners" in text
    assert "ask us for an accessible copy" in text
