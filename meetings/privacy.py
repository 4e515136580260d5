"""Meeting records that are about a person (see members/privacy.py)."""

from engagement.core.personal_data import records

from .models import Absence, Action, Attendee, CalendarFeed, Reply


def personal_data(user):
    return {
        "meeting_replies": records(
            Reply.objects.filter(user=user), "meeting__title", "meeting__start", "response", "note", "responded_at"
        ),
        "meetings_attended": records(
            Attendee.objects.filter(user=user), "meeting__title", "meeting__start", "online", "declaration_of_interest"
        ),
        "meetings_missed": records(Absence.objects.filter(user=user), "meeting__title", "meeting__start", "reason"),
        "actions": records(Action.objects.filter(owner=user), "description", "due", "status", "meeting__title"),
    }


def erase(user):
    # Replies and attendance stay: they are the group's record of who came, shown as "A former member".
    Reply.objects.filter(user=user).update(note="")
    CalendarFeed.objects.filter(user=user).delete()
