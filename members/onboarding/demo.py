"""Fictional onboarding records: the chair has done everything (and the DBS check the PEG chair's role
needs), the member login has not signed the new agreement yet, and the reading-panel-only member has
training running out within the month. Safe to run twice: records are found by person and name or date."""

from datetime import date, timedelta

from engagement.core.dates import local_today
from members.models import Membership

from .models import AgreementSignature, AgreementVersion, DbsCheck, DbsRequirement, Induction, TrainingRecord

AGREEMENT = """What you can expect from us
We will send papers at least a week before each meeting, in the format you ask for. We will pay your expenses, and tell you what happened because of your advice ("You said, we did").

What we ask of you
Come to meetings when you can, and send apologies when you cannot. Keep confidential papers to yourself. Treat everyone with respect.

Leaving
You can step down at any time. Tell the engagement team and we will stop sending you papers."""


def seed(people):
    today = local_today()
    staff, chair, member, panel_only = people["staff"], people["chair"], people["member"], people["panel_only"]
    peg = people["groups"][0]
    first, _ = AgreementVersion.objects.update_or_create(
        name="First edition", defaults={"in_force_from": date(2025, 4, 1), "text": AGREEMENT}
    )
    second, _ = AgreementVersion.objects.update_or_create(
        name="Second edition",
        defaults={
            "in_force_from": today - timedelta(days=30),
            "text": AGREEMENT + "\n\nPayments\nYou may choose to be paid for taking part, or not: it is up to you.",
        },
    )
    DbsRequirement.objects.get_or_create(
        group=peg, role=Membership.Role.CHAIR, defaults={"level": DbsCheck.Level.STANDARD}
    )

    def signed(person, version, days_ago):
        AgreementSignature.objects.get_or_create(
            user=person,
            version=version,
            defaults={"typed_name": person.full_name, "signed_on": today - timedelta(days=days_ago)},
        )

    def inducted(person, days_ago):
        Induction.objects.get_or_create(
            user=person, defaults={"completed_on": today - timedelta(days=days_ago), "recorded_by": staff}
        )

    def trained(person, course, days_ago, runs_out_in=None):
        TrainingRecord.objects.update_or_create(
            user=person,
            course=course,
            defaults={
                "completed_on": today - timedelta(days=days_ago),
                "expires_on": None if runs_out_in is None else today + timedelta(days=runs_out_in),
            },
        )

    signed(chair, first, 600)
    signed(chair, second, 20)
    inducted(chair, 580)
    trained(chair, "Safeguarding adults", 300, runs_out_in=800)
    trained(chair, "Chairing meetings", 250)
    DbsCheck.objects.get_or_create(
        user=chair,
        defaults={
            "level": DbsCheck.Level.STANDARD,
            "certificate_date": today - timedelta(days=400),
            "renewal_due": today + timedelta(days=700),
        },
    )

    # The member login: signed the first edition, so the profile asks them to sign the second.
    signed(member, first, 500)
    inducted(member, 480)
    trained(member, "Safeguarding adults", 450, runs_out_in=640)

    signed(panel_only, second, 10)
    inducted(panel_only, 700)
    trained(panel_only, "Safeguarding adults", 1070, runs_out_in=20)
    trained(panel_only, "Data protection", 340, runs_out_in=25)
