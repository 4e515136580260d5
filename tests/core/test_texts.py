"""Text messages (engagement/core/letters.py render_text): the reminder as one short GSM-7 message."""

from datetime import datetime
from types import SimpleNamespace

import pytest

from engagement.core import letters
from engagement.core.dates import LOCAL_TIMEZONE
from meetings import emails as meeting_emails

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _team(settings):
    settings.ENGAGEMENT_TEAM_PHONE = "01632 960000"
    settings.SITE_URL = "https://peg.example.org"


@pytest.fixture
def tuesday_meeting(make_meeting):
    meeting = make_meeting(title="December meeting")
    meeting.start = datetime(2026, 12, 8, 14, tzinfo=LOCAL_TIMEZONE)
    meeting.save()
    return meeting


def reminder(monkeypatch, meeting, user, days=1):
    """The text for the reminder, from the context the e-mail sender gives."""
    sent = []
    monkeypatch.setattr(meeting_emails, "send_templated_email", lambda *args: sent.append(args))
    meeting_emails.send_reminder(SimpleNamespace(user=user, object_id=meeting.pk, event=f"reminder-{days}"))
    template, _recipients, context = sent[0][:3]
    return letters.render_text(template, context)


def test_it_gives_the_meeting_its_date_time_and_place(monkeypatch, tuesday_meeting, member):
    text = reminder(monkeypatch, tuesday_meeting, member)
    assert "Public Engagement Group, December meeting, Tue 8 Dec, 2pm at Community Hub." in text


def test_it_says_how_to_send_apologies(monkeypatch, tuesday_meeting, member):
    text = reminder(monkeypatch, tuesday_meeting, member)
    assert text.endswith(
        f"Can't come? Ring 01632 960000 or reply at https://peg.example.org/meetings/{tuesday_meeting.pk}/"
    )


def test_it_fits_two_text_messages(monkeypatch, tuesday_meeting, member):
    text = reminder(monkeypatch, tuesday_meeting, member)
    assert len(text) <= 306
    assert "\n" not in text and "  " not in text


def test_it_gives_minutes_when_the_meeting_does_not_start_on_the_hour(monkeypatch, tuesday_meeting, member):
    tuesday_meeting.start = datetime(2026, 12, 8, 10, 30, tzinfo=LOCAL_TIMEZONE)
    tuesday_meeting.save()
    assert "Tue 8 Dec, 10:30am" in reminder(monkeypatch, tuesday_meeting, member)


def test_it_gives_a_short_online_link(monkeypatch, tuesday_meeting, member):
    tuesday_meeting.venue = None
    tuesday_meeting.online_link = "https://meet.example.org/j/42"
    tuesday_meeting.save()
    assert "2pm online: https://meet.example.org/j/42." in reminder(monkeypatch, tuesday_meeting, member)


def test_it_leaves_a_long_online_link_to_the_meeting_page(monkeypatch, tuesday_meeting, member):
    tuesday_meeting.online_link = (
        "https://teams.example.org/l/meetup-join/" + "x" * 150
    )  # within the field's 200 characters
    tuesday_meeting.save()
    text = reminder(monkeypatch, tuesday_meeting, member)
    assert "at Community Hub or online." in text
    assert "teams.example.org" not in text


def test_it_leaves_out_the_phone_number_when_the_team_has_none(monkeypatch, settings, tuesday_meeting, member):
    settings.ENGAGEMENT_TEAM_PHONE = ""
    assert "Can't come? Reply at https://peg.example.org/" in reminder(monkeypatch, tuesday_meeting, member)


def test_it_replaces_characters_a_text_message_cannot_carry(monkeypatch, tuesday_meeting, member, peg):
    peg.name = "Carers’ “Voice” – Riverside"
    peg.save()
    tuesday_meeting.venue.name = "Café Ōtaki…"
    tuesday_meeting.venue.save()
    text = reminder(monkeypatch, tuesday_meeting, member)
    assert 'Carers\' "Voice" - Riverside' in text
    # é is in the GSM-7 alphabet; Ō is not, and loses its accent.
    assert "at Café Otaki...." in text


def test_it_refuses_a_text_longer_than_two_messages(monkeypatch, tuesday_meeting, member, settings):
    settings.SITE_URL = "https://" + "long-address." * 25 + "example.org"
    with pytest.raises(ValueError, match="at most 306"):
        reminder(monkeypatch, tuesday_meeting, member)


def test_it_counts_the_characters_of_the_extension_table_twice(monkeypatch, tuesday_meeting, member, settings):
    room = 306 - len(reminder(monkeypatch, tuesday_meeting, member))
    settings.SITE_URL = "https://peg.example.org/" + "a" * (room - 1)
    assert len(reminder(monkeypatch, tuesday_meeting, member)) == 306
    settings.SITE_URL = "https://peg.example.org/~" + "a" * (room - 2)
    with pytest.raises(ValueError, match="307 characters"):
        reminder(monkeypatch, tuesday_meeting, member)


def test_only_the_reminder_has_a_text():
    assert letters.has_text("meeting_reminder")
    assert not letters.has_text("meeting_invitation")
