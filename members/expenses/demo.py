"""Fictional demo expenses: claims in every status (one queried with its conversation), involvement
payments for the reading panel (the PEG pays expenses only) and the chair's contract with payments.

Safe to run twice: claims are found by claimant and description, payments by person and date.
The demo writes statuses and history directly, with dates in the past, rather than through the
workflow, which would stamp everything "now" and e-mail every demo member.
"""

import importlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from engagement.core.dates import add_months
from meetings.models import Meeting, Reply
from members import roles
from members.demo import working_day
from members.models import Membership, User

from .models import (
    ClaimEvent,
    ClaimLine,
    Contract,
    ContractPayment,
    ExpenseClaim,
    ExpenseSettings,
    InvolvementPayment,
    InvolvementPreference,
)
from .payments import Activity, Charity, Choice, InvolvementRate, PaymentProfile, RateUnit

S = ExpenseClaim.Status
K = ClaimLine.Kind
QUESTION = "Your claim has 48 miles, but the hub is about 12 miles from your home. Did you make two return journeys?"
REASON = (
    "We can only pay the costs of taking part, such as travel, care, and food on the day. "
    "E-mail us if you would like to talk about it."
)
# Each status's history after the draft: (status reached, who acts, days after submission, note).
HISTORIES = {
    S.DRAFT: [],
    S.SUBMITTED: [(S.SUBMITTED, "claimant", 0, "")],
    S.APPROVED: [(S.SUBMITTED, "claimant", 0, ""), (S.APPROVED, "staff", 3, "")],
    S.REJECTED: [(S.SUBMITTED, "claimant", 0, ""), (S.REJECTED, "staff", 4, REASON)],
    S.PAID: [(S.SUBMITTED, "claimant", 0, ""), (S.APPROVED, "staff", 2, ""), (S.PAID, "staff", 9, "")],
    S.QUERIED: [(S.SUBMITTED, "claimant", 0, ""), (S.QUERIED, "staff", 1, QUESTION)],
    "conversation": [
        (S.SUBMITTED, "claimant", 0, ""),
        (S.QUERIED, "staff", 1, QUESTION),
        (S.SUBMITTED, "claimant", 2, "Yes: the road was closed, so I went back for my papers and came again."),
        (
            S.QUERIED,
            "staff",
            3,
            "Thank you, that is fine. You also mention parking: could you add the parking receipt?",
        ),
    ],
}


def mileage(details, miles, receipt=False, passengers=0):
    return (K.MILEAGE, details, Decimal(miles), None, "", receipt, passengers)


def cost(kind, details, amount, receipt=False, agreed_by=""):
    return (kind, details, None, Decimal(amount), agreed_by, receipt, 0)


def _rates():
    """The rates the migration starts every deployment with, in case the demo runs on an emptied database."""
    importlib.import_module("members.expenses.migrations.0004_expense_rates_and_deadline").add_rates(apps, None)


def _receipt_pdf(text):
    from weasyprint import HTML

    html = (
        f"<html lang='en-GB'><head><title>Receipt</title></head>"
        f"<body><h1>Receipt</h1><p>{text}</p><p>Fictional demo receipt.</p></body></html>"
    )
    return HTML(string=html).write_pdf()


def seed(people):
    peg, panel = people["groups"]
    staff, chair, member = people["staff"], people["chair"], people["member"]
    # staff@ also holds the Contracts role; officer@ deliberately does not, to show the difference.
    staff.groups.add(Group.objects.get(name=roles.CONTRACTS))
    ExpenseSettings.objects.update_or_create(group=peg, defaults={"pays_involvement": False})
    _rates()
    ExpenseSettings.objects.update_or_create(
        group=panel,
        defaults={
            "pays_involvement": True,
            "involvement_rate": Decimal("25.00"),
            "involvement_unit": ExpenseSettings.Unit.HALF_DAY,
        },
    )
    held = list(Meeting.objects.filter(group=peg, status=Meeting.Status.HELD).order_by("start"))
    spring, summer, autumn = held[-3:]
    volunteers = list(
        User.objects.filter(memberships__group=peg, memberships__role=Membership.Role.MEMBER).order_by("pk")
    )
    vice = User.objects.get(email="vice-chair@example.org")
    # Someone who sent apologies to the autumn meeting and claims for it anyway: staff see it flagged.
    sent_apologies = (
        User.objects.filter(meeting_replies__meeting=autumn, meeting_replies__response=Reply.Response.APOLOGIES)
        .order_by("pk")
        .first()
    )
    priya, tom, margaret, dev, siobhan, arthur = volunteers[1:7]
    today = timezone.localdate()

    hub, library = "Home to the hub and back", "Home to the library and back"
    plan = [
        (
            member,
            peg,
            autumn,
            S.SUBMITTED,
            2,
            [mileage(hub, "18", True), cost(K.PARKING, "Hub car park", "4.50", True)],
        ),
        (
            member,
            peg,
            summer,
            S.PAID,
            5,
            [
                cost(K.PUBLIC_TRANSPORT, "Bus 12, return", "6.40", True),
                cost(K.SUBSISTENCE, "Lunch", "5.00"),
            ],
        ),
        (member, panel, None, S.DRAFT, None, [cost(K.PUBLIC_TRANSPORT, "Train to Northgate and back", "7.80")]),
        (
            chair,
            peg,
            summer,
            S.APPROVED,
            3,
            [
                mileage(library, "32", passengers=1),
                cost(K.TAXI, "Station to the library", "14.00", agreed_by="Alex Morgan, engagement team"),
            ],
        ),
        (chair, peg, spring, S.PAID, 6, [mileage(hub, "21.5")]),
        (vice, peg, autumn, "conversation", 1, [mileage("Two return journeys to the hub", "48")]),
        (margaret, peg, summer, S.QUERIED, 4, [cost(K.CHILDCARE, "Childminder, 9am to 2pm", "45.00", True)]),
        (sent_apologies, peg, autumn, S.SUBMITTED, 1, [cost(K.PUBLIC_TRANSPORT, "Bus fare", "3.20")]),
        (tom, peg, spring, S.SUBMITTED, 110, [mileage(hub, "26")]),
        (tom, peg, autumn, S.DRAFT, None, [cost(K.OTHER, "Printing the papers at the library", "2.60")]),
        (dev, peg, autumn, S.APPROVED, 1, [cost(K.PUBLIC_TRANSPORT, "Train, return", "11.90")]),
        (priya, peg, spring, S.REJECTED, 8, [mileage(hub, "15")]),
        (siobhan, peg, summer, S.REJECTED, 2, [cost(K.OTHER, "New reading glasses", "39.99")]),
        (arthur, peg, spring, S.PAID, 3, [cost(K.PARKING, "Hub car park", "3.00")]),
        # Past the claim deadline: Siobhan's draft cannot be submitted; Tom's was accepted late by staff.
        (siobhan, peg, spring, S.DRAFT, None, [cost(K.PARKING, "Hub car park", "3.00")]),
    ]
    for claimant, group, meeting, status, submitted_after, lines in plan:
        _claim(claimant, group, meeting, status, submitted_after, lines, staff, today)
    accepted = datetime.combine(
        timezone.localdate(spring.start) + timedelta(days=105), time(10), tzinfo=timezone.get_current_timezone()
    )
    ExpenseClaim.objects.filter(claimant=tom, meeting=spring, late_accepted_at=None).update(
        late_accepted_at=accepted,
        late_accepted_by=staff,
        late_reason="Tom was in hospital after the spring meeting; agreed with him by phone.",
    )

    _involvement(panel, people, volunteers, today)
    _involvement_choices(panel, people, volunteers, today)
    _contract(chair, peg, today)


def _claim(claimant, group, meeting, status, submitted_after, lines, staff, today):
    description = meeting.title if meeting else "Reading panel: dementia leaflet review"
    if ExpenseClaim.objects.filter(claimant=claimant, description=description).exists():
        return
    activity = timezone.localdate(meeting.start) if meeting else today - timedelta(days=10)
    claim = ExpenseClaim.objects.create(
        claimant=claimant, group=group, meeting=meeting, activity_date=activity, description=description
    )
    for kind, details, miles, amount, agreed_by, with_receipt, passengers in lines:
        line = ClaimLine(
            claim=claim,
            kind=kind,
            details=details,
            miles=miles,
            passengers=passengers,
            amount=amount,
            pre_approved_by=agreed_by,
        )
        if with_receipt:
            pdf = _receipt_pdf(f"{details}: paid by {claimant.full_name}")
            line.receipt.save("receipt.pdf", ContentFile(pdf), save=False)
        line.save()
    history = HISTORIES[status]
    if not history:
        return
    submitted = datetime.combine(
        activity + timedelta(days=submitted_after), time(19, 30), tzinfo=timezone.get_current_timezone()
    )
    previous = S.DRAFT
    fields = {"submitted_at": submitted, "claim_by": claim.deadline}
    for reached, actor, days, note in history:
        when = submitted + timedelta(days=days, hours=-5 if actor == "staff" else 0)
        ClaimEvent.objects.create(
            claim=claim,
            actor=claimant if actor == "claimant" else staff,
            created=when,
            from_status=previous,
            to_status=reached,
            note=note,
        )
        previous = reached
        if reached == S.APPROVED:
            fields["approved_at"] = when
        elif reached == S.REJECTED:
            fields["rejection_reason"] = note
        elif reached == S.PAID:
            fields.update(paid_on=when.date(), payment_reference=f"BACS-{claim.pk:06d}")
    ExpenseClaim.objects.filter(pk=claim.pk).update(status=previous, **fields)


def _involvement(panel, people, volunteers, today):
    """Two past reading-panel sessions: the first paid, the second approved. One panel member declines."""
    priya = volunteers[1]
    InvolvementPreference.objects.update_or_create(person=priya, group=panel, defaults={"declines": True})
    paid = [people["member"], people["panel_only"], *volunteers[2:5]]
    sessions = [
        (
            working_day(today - timedelta(days=40)),
            "Reading panel: GP access leaflet",
            paid,
            working_day(today - timedelta(days=20)),
        ),
        (working_day(today - timedelta(days=12)), "Reading panel: dementia leaflet", paid[:4], None),
    ]
    for day, description, attendees, paid_on in sessions:
        for person in attendees:
            InvolvementPayment.objects.get_or_create(
                person=person,
                group=panel,
                activity_date=day,
                description=description,
                defaults={
                    "amount": Decimal("25.00"),
                    "status": InvolvementPayment.Status.PAID if paid_on else InvolvementPayment.Status.APPROVED,
                    "paid_on": paid_on,
                    "payment_reference": f"INV-{day:%Y%m%d}-{person.pk}" if paid_on else "",
                },
            )


def _involvement_choices(panel, people, volunteers, today):
    """The reading panel's rate card (its meeting rate went up a week ago; earlier payments keep the old one), a
    charity, and last week's payments chosen each way: one smaller, one to charity, one declined, and one held for a
    benefits check because it takes Dev over the weekly earnings limit he recorded."""
    started = date(2025, 4, 1)
    card = [
        (Activity.MEETING, RateUnit.HALF_DAY, "25.00", started),
        (Activity.MEETING, RateUnit.HALF_DAY, "30.00", today - timedelta(days=7)),
        (Activity.PAPERS, RateUnit.HOUR, "12.50", started),
        (Activity.TRAINING, RateUnit.HALF_DAY, "25.00", started),
        (Activity.INTERVIEW, RateUnit.DAY, "150.00", started),
    ]
    for activity, unit, amount, effective_from in card:
        InvolvementRate.objects.get_or_create(
            group=panel,
            activity=activity,
            effective_from=effective_from,
            defaults={"unit": unit, "amount": Decimal(amount)},
        )
    charity, _ = Charity.objects.get_or_create(
        name="Riverside Carers Centre", defaults={"registered_number": "1099999"}
    )
    tom, dev = volunteers[2], volunteers[4]
    PaymentProfile.objects.get_or_create(
        person=dev,
        defaults={
            "earnings_limit": Decimal("40.00"),
            "limit_period": PaymentProfile.Period.WEEK,
            "advice_offered_on": today - timedelta(days=60),
        },
    )
    for person in [people["member"], people["panel_only"], tom, dev]:
        PaymentProfile.objects.update_or_create(person=person, defaults={"payroll_reference": f"PR-{person.pk:05d}"})
    day = working_day(today - timedelta(days=4))
    papers = InvolvementRate.objects.in_force(panel.pk, Activity.PAPERS, day)
    chosen = [
        (
            people["member"],
            "Reading panel: pharmacy leaflet",
            {"choice": Choice.REDUCE, "reduced_amount": Decimal("20.00")},
        ),
        (people["panel_only"], "Reading panel: pharmacy leaflet", {"choice": Choice.CHARITY, "charity": charity}),
        (tom, "Reading panel: pharmacy leaflet", {"choice": Choice.DECLINE}),
        (dev, "Reading panel: pharmacy leaflet", {}),
        (dev, "Reading panel: hospital discharge letter", {}),
    ]
    for person, description, choice in chosen:
        payment, created = InvolvementPayment.objects.get_or_create(
            person=person,
            group=panel,
            activity_date=day,
            description=description,
            defaults={
                "activity": Activity.PAPERS,
                "hours": Decimal("3"),
                "rate": papers.amount,
                "rate_unit": papers.unit,
                "amount": papers.amount_for(Decimal("3")),
                **choice,
            },
        )
        if created:
            payment.check_limit()


def _contract(chair, peg, today):
    """The chair's contract from April 2025, paid quarterly at the end of each quarter so far."""
    contract, _ = Contract.objects.update_or_create(
        person=chair,
        group=peg,
        role=Membership.Role.CHAIR,
        defaults={
            "start": date(2025, 4, 1),
            "end": date(2028, 3, 31),
            "annual_remuneration": Decimal("5000.00"),
            "payment_frequency": Contract.Frequency.QUARTERLY,
            "notes": "Appointed by competitive interview before a panel of partners.",
        },
    )
    quarter_end = date(2025, 6, 30)
    while quarter_end <= today:
        ContractPayment.objects.get_or_create(
            contract=contract,
            paid_on=quarter_end,
            defaults={"amount": contract.payment_per_period, "reference": f"CHAIR-{quarter_end:%Y-%m}"},
        )
        quarter_end = add_months(quarter_end + timedelta(days=1), 3) - timedelta(days=1)
