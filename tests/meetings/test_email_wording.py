"""What a meeting e-mail's plain-text part says. With GOV.UK Notify on it is all people get."""

from types import SimpleNamespace

from django.core import mail

from meetings import emails


def test_it_puts_the_venue_address_on_one_line_joined_with_commas(meeting, member):
    meeting.venue.address = "Market Square\nNorthgate,\n\nZZ1 2DD"
    meeting.venue.save()
    emails.send_papers(SimpleNamespace(object_id=meeting.pk, user=member))
    assert "Where: Community Hub, Market Square, Northgate, ZZ1 2DD\n" in mail.outbox[0].body
