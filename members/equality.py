"""Equality-monitoring figures, in aggregate only, with nothing shown that could identify someone.

This is special-category data. Someone with the equality role can open several
breakdowns of overlapping people: everyone active, each group, and each
recruitment round (the group's members plus the round's shortlisted
applicants). Two rules protect every one of them:

1. Within a breakdown (`suppress`): every count under 5, zero included, is
   shown as “fewer than 5”, and further counts are hidden until the hidden ones
   add up to at least 5, so none can be worked out from the total.
2. Between breakdowns (`shown_breakdowns`): a breakdown is refused when 1 to 4
   people make the difference between it and another one shown, since
   subtracting one from the other would give those people's answers.
"""

from collections import defaultdict

from .models import EqualityMonitoring, Membership, User
from .recruitment.models import ApplicantEquality, Application, Round

SUPPRESS_BELOW = 5
SUPPRESSED = "fewer than 5"
TOO_FEW_PEOPLE = "Not shown: fewer than 5 people, so showing it could identify someone."
TOO_FEW_DIFFER = (
    "Not shown: too few people differ from another breakdown you can see, so showing it could identify someone."
)

# Breakdowns are keyed EVERYONE, ("group", group pk) or ("round", round pk).
EVERYONE = ("everyone", None)


def suppress(counts):
    """Hide counts under 5, then the smallest others until the hidden ones add up to at least 5.

    Zero is hidden too: it would say that nobody gave that answer. Hiding more
    stops a small count being worked out by subtracting the others from the
    total, and stops two hidden zeros being given away by adding up to nothing.
    """
    hidden = {key for key, n in counts.items() if n < SUPPRESS_BELOW}
    others = sorted((n, key) for key, n in counts.items() if key not in hidden)
    while hidden and others and sum(counts[key] for key in hidden) < SUPPRESS_BELOW:
        hidden.add(others.pop(0)[1])
    return {key: SUPPRESSED if key in hidden else n for key, n in counts.items()}


def shown_breakdowns(populations):
    """The keys of the breakdowns that may be shown, given {key: set of people}.

    The rule: a breakdown is shown only if it has at least 5 people and, against
    every other breakdown shown, the people in one but not the other number
    none or at least 5. Otherwise one breakdown's figures minus the other's
    would be the answers of the 1 to 4 people who make the difference (say a
    member on leave: counted in everyone, not in their group). Breakdowns are
    taken largest first, so of two that differ by 1 to 4 people the smaller is
    refused (on a tie, everyone before groups before rounds, then by id).

    It compares breakdowns in pairs only: it does not stop figures being
    compared with the same breakdown's figures on another day, or three or
    more breakdowns being added and subtracted together.
    """
    shown = {}
    for key in sorted(populations, key=lambda key: (-len(populations[key]), key)):
        people = populations[key]
        if len(people) >= SUPPRESS_BELOW and all(
            not 0 < len(people ^ other) < SUPPRESS_BELOW for other in shown.values()
        ):
            shown[key] = people
    return set(shown)


def breakdowns():
    """Every breakdown someone with the equality role can open, as {key: frozenset of people}, in four queries.

    A person is ("user", pk) or ("applicant", application pk): an applicant's
    answers are kept apart from any account. Groups and rounds with no one in
    them are left out: they are never shown.
    """
    active = User.objects.filter(is_active=True).order_by().values_list("pk", flat=True)
    everyone = frozenset(("user", pk) for pk in active)
    # As the report counts a group: active accounts with an active membership, in any role.
    groups = defaultdict(set)
    # As the balance view counts a round: the group's active chair, vice-chair and members...
    voting = defaultdict(set)
    memberships = Membership.objects.active().order_by().values_list("group_id", "user_id", "role", "user__is_active")
    for group_id, user_id, role, user_is_active in memberships:
        if user_is_active:
            groups[group_id].add(("user", user_id))
        if role in Membership.Role.voting():
            voting[group_id].add(("user", user_id))
    # ...plus the round's applicants who are shortlisted or have an interview arranged.
    applicants = defaultdict(set)
    for round_id, pk in Application.objects.in_the_running().order_by().values_list("round_id", "pk"):
        applicants[round_id].add(("applicant", pk))
    rounds = {
        ("round", pk): frozenset(voting[group_id] | applicants[pk])
        for pk, group_id in Round.objects.order_by().values_list("pk", "group_id")
    }
    return {EVERYONE: everyone} | {("group", pk): frozenset(people) for pk, people in groups.items()} | rounds


def answers_of(people):
    """{person: their answers, in the order of EqualityMonitoring.CHARACTERISTICS}, in at most two queries.

    Someone who never answered has no entry.
    """
    fields = EqualityMonitoring.CHARACTERISTICS
    user_ids = [pk for kind, pk in people if kind == "user"]
    applicant_ids = [pk for kind, pk in people if kind == "applicant"]
    members = EqualityMonitoring.objects.filter(user_id__in=user_ids).values_list("user_id", *fields)
    applicants = ApplicantEquality.objects.filter(application_id__in=applicant_ids).values_list(
        "application_id", *fields
    )
    return {("user", row[0]): row[1:] for row in members} | {("applicant", row[0]): row[1:] for row in applicants}


def figures(people, answers):
    """For each characteristic: [(answer label, count or SUPPRESSED)], plus how many answered at all."""
    rows = [answers[person] for person in people if person in answers]
    characteristics = []
    for index, name in enumerate(EqualityMonitoring.CHARACTERISTICS):
        field = EqualityMonitoring._meta.get_field(name)
        tally = {value: 0 for value, _ in field.choices}
        for row in rows:
            if row[index]:
                tally[row[index]] += 1
        tally["not_answered"] = len(people) - sum(tally.values())
        labels = dict(field.choices) | {"not_answered": "Not answered"}
        shown = suppress(tally)
        characteristics.append(
            {"label": field.verbose_name.capitalize(), "rows": [(labels[key], shown[key]) for key in labels]}
        )
    return {
        "people": len(people),
        "answered": suppress({"answered": len(rows)})["answered"],
        "characteristics": characteristics,
    }


def equality_summary(key):
    """The figures for one breakdown (EVERYONE, ("group", pk) or ("round", pk)), or {"refused": the reason}."""
    populations = breakdowns()
    people = populations.get(key, frozenset())
    if key not in shown_breakdowns(populations):
        return {"refused": TOO_FEW_PEOPLE if len(people) < SUPPRESS_BELOW else TOO_FEW_DIFFER}
    return figures(people, answers_of(people))
