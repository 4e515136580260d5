"""Meeting records that are about a person (see members/privacy.py)."""

from .models import Action, Attendee, CalendarFeed, Reply


def personal_data(user):
    return {
        "meeting_replies": list(
            Reply.objects.filter(user=user).values(
                "meeting__title", "meeting__start", "response", "note", "responded_at"
            )
        ),
        "meetings_attended": list(
            Attendee.objects.filter(user=user).values("meeting__title", "meeting__start", "declaration_of_interest")
        ),
        "actions": list(Action.objects.filter(owner=user).values("description", "due", "status", "meeting__title")),
    }


def erase(user):
    # Replies and attendance stay: they are the group's record of who came, shown as "A former member".
    Reply.objects.filter(user=user).update(note="")
    CalendarFeed.objects.filter(user=user).delete()
