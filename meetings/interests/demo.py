"""Fictional declarations of interests: the chair has two (one with the GP federation, whose project is on
every demo agenda, so staff and the chair see it flagged on the meeting page), the member login has
nothing to declare, and the PEG publishes its register. Safe to run twice: found by person and organisation."""

from datetime import date

from engagement.core.dates import local_today
from feedback.models import Partner

from .models import Declaration, Interest, RegisterSettings

CHAIR_INTERESTS = [
    (
        Interest.Category.PARTNER_ROLE,
        "Riverside and Downs GP Federation",
        "Patient representative on the federation's quality committee (unpaid).",
        date(2024, 9, 1),
    ),
    (
        Interest.Category.VOLUNTARY,
        "Riverside Carers' Centre",
        "Trustee.",
        date(2021, 3, 1),
    ),
]


def seed(people):
    today = local_today()
    chair, member, staff = people["chair"], people["member"], people["staff"]
    peg = people["groups"][0]
    RegisterSettings.objects.update_or_create(group=peg, defaults={"publish": True})

    declaration, _ = Declaration.objects.update_or_create(
        person=chair, defaults={"confirmed_on": today, "recorded_by": chair}
    )
    for category, organisation, description, started_on in CHAIR_INTERESTS:
        Interest.objects.update_or_create(
            declaration=declaration,
            organisation=organisation,
            defaults={
                "category": category,
                "description": description,
                "started_on": started_on,
                "partner": Partner.objects.filter(name=organisation).first(),
            },
        )
    # Recorded by staff on the member's behalf, as the admin does for someone who declared on paper.
    Declaration.objects.update_or_create(person=member, defaults={"confirmed_on": today, "recorded_by": staff})
