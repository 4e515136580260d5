"""Event registrations hold details of people without accounts, some of them about health. Each part is kept
only while it is needed (engagement/core/retention.py runs this every night):

- access needs and notes were for arranging the event: cleared a month after it;
- names and contact details, a year after it: long enough to tell those who asked what changed because of it.

What the event report counts (category, reply, attendance) stays, with no one's name.
"""

from datetime import timedelta

from .models import Registration

NEEDS_KEPT = timedelta(days=30)
CONTACT_KEPT = timedelta(days=365)
ANONYMOUS = "Someone who registered"


def apply(now, today):
    ended = Registration.objects.filter(event__end__lt=now - NEEDS_KEPT)
    needs = ended.exclude(access_needs=[], access_details="", anything_else="").update(
        access_needs=[], access_details="", anything_else=""
    )
    contacts = (
        Registration.objects.filter(event__end__lt=now - CONTACT_KEPT)
        .exclude(name=ANONYMOUS)
        .update(name=ANONYMOUS, email="", phone="", organisation="", stakeholder=None, wants_outcomes=False)
    )
    return {"access needs given for events": needs, "names and contact details given for events": contacts}
