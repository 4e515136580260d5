"""Register of interests records that are about a person (see members/privacy.py)."""

from engagement.core.personal_data import records

from .models import Declaration, Interest, MeetingDeclaration


def personal_data(user):
    return {
        "declaration_of_interests": records(Declaration.objects.filter(person=user), "confirmed_on"),
        "interests": records(
            Interest.objects.filter(declaration__person=user),
            "category",
            "organisation",
            "description",
            "started_on",
            "ended_on",
        ),
        "declarations_at_meetings": records(
            MeetingDeclaration.objects.filter(person=user), "item__meeting__title", "item__title", "declaration"
        ),
    }


def erase(user):
    # Interests, and their past versions, say where a person works and about their family: gone with
    # the person. What they declared at a meeting stays in the minutes, under "A former member".
    # Deleted first: deleting records a last version of each, which goes with the rest.
    declaration_ids = list(Declaration.history.filter(person=user).values_list("id", flat=True).distinct())
    Declaration.objects.filter(person=user).delete()
    Interest.history.filter(declaration_id__in=declaration_ids).delete()
    Declaration.history.filter(person=user).delete()
