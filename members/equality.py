"""Aggregate equality-monitoring figures with small numbers suppressed."""

from django.db.models import Count

from .models import EqualityMonitoring

# Counts below this are not shown: with groups of 25, a count of 1 to 4 can
# identify a person.
SUPPRESS_BELOW = 5
SUPPRESSED = "fewer than 5"


def suppress(counts):
    """Replace small counts, and one more when only one is small, so no cell can be worked out by subtraction."""
    shown = dict(counts)
    small = [key for key, n in counts.items() if 0 < n < SUPPRESS_BELOW]
    if len(small) == 1:
        others = sorted((n, key) for key, n in counts.items() if n >= SUPPRESS_BELOW)
        if others:
            small.append(others[0][1])
    for key in small:
        shown[key] = SUPPRESSED
    return shown


def equality_summary(people):
    """For each characteristic: [(answer label, count or SUPPRESSED)], plus how many answered at all."""
    answers = EqualityMonitoring.objects.filter(user__in=people)
    total_people = people.count()
    answered = answers.count()
    summary = []
    for field_name in EqualityMonitoring.CHARACTERISTICS:
        field = EqualityMonitoring._meta.get_field(field_name)
        counts = {value: 0 for value, _ in field.choices}
        for row in answers.exclude(**{field_name: ""}).values(field_name).annotate(n=Count("pk")):
            counts[row[field_name]] = row["n"]
        counts["not_answered"] = total_people - sum(counts.values())
        labels = dict(field.choices) | {"not_answered": "Not answered"}
        shown = suppress(counts)
        summary.append(
            {"label": field.verbose_name.capitalize(), "rows": [(labels[key], shown[key]) for key in labels]}
        )
    return {"people": total_people, "answered": suppress({"answered": answered})["answered"], "characteristics": summary}
