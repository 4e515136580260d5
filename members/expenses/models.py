"""Volunteer expense claims, involvement payments and the chair's contract.

Money is Decimal pounds with two places (pence), never float, and the
database refuses negative amounts. A claim moves through a small state table
(TRANSITIONS): each step checks where the claim is and who is acting, and
records a ClaimEvent, so every change says who made it and when.
"""

from collections import namedtuple
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from math import ceil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from engagement.core.dates import add_months
from engagement.core.templatetags.money import pounds
from engagement.core.uploads import IMAGES, PDF, FileCheck, private_name
from meetings.models import Attendee, Meeting, Reply
from members.models import EngagementGroup, Membership, User
from members.rules import is_engagement_staff

from .money import PENCE
from .payments import EARNINGS, Activity, Charity, Choice, InvolvementRate, LimitStanding, PaymentProfile

RECEIPT_CHECK = FileCheck(PDF | IMAGES, max_mb=10)


def mileage_amount(miles, rate, passengers=0, passenger_rate=None):
    """Pounds for a journey, to the nearest penny (half a penny rounds up, as finance does)."""
    per_mile = rate + passengers * (passenger_rate or 0)
    return (miles * per_mile).quantize(PENCE, rounding=ROUND_HALF_UP)


class ExpenseRate(models.Model):
    """A rate staff set, from a date. A claim uses the rates in force on its activity date, and its mileage
    lines keep a copy, so adding a new rate never changes a claim already made."""

    class Kind(models.TextChoices):
        CAR = "car", "Car, a mile"
        MOTORCYCLE = "motorcycle", "Motorcycle, a mile"
        BICYCLE = "bicycle", "Bicycle, a mile"
        PASSENGER = "passenger", "Each passenger, a mile"
        SUBSISTENCE_CAP = "subsistence_cap", "Food and drink, most for one activity"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.DecimalField("amount (£)", max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    applies_from = models.DateField("applies to activities from")

    class Meta:
        ordering = ["kind", "-applies_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "applies_from"], name="one_expense_rate_per_kind_and_date"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="expense_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {pounds(self.amount)} from {self.applies_from:%-d %B %Y}"

    @classmethod
    def on(cls, day):
        """Each kind's rate in force on the day: {kind: amount}, in one query."""
        rates = {}
        for kind, amount in (
            cls.objects.filter(applies_from__lte=day).order_by("kind", "-applies_from").values_list("kind", "amount")
        ):
            rates.setdefault(kind, amount)
        return rates


def attendance(meeting, person):
    """Recorded at the meeting by staff, or told us they would come: either is enough to claim without a flag.

    Each asked as "the first such row is not null" rather than EXISTS: PostgreSQL may answer an EXISTS in
    an OR by hashing every attending reply there is (12,500 in the bench, 1.6 ms for the staff list of
    claims), where a page of claims needs one look-up by the unique index each."""
    attended = Attendee.objects.filter(meeting=meeting, user=person).values("pk")[:1]
    replied = Reply.objects.filter(meeting=meeting, user=person, response=Reply.Response.ATTENDING).values("pk")[:1]
    return IsNull(Subquery(attended), False) | IsNull(Subquery(replied), False)


class ExpenseSettings(models.Model):
    """A group's expense rules. Created with the defaults the first time a group needs them."""

    class Unit(models.TextChoices):
        MEETING = "meeting", "Per meeting"
        HALF_DAY = "half_day", "Per half day (up to 4 hours)"

    group = models.OneToOneField(EngagementGroup, on_delete=models.CASCADE, related_name="expense_settings")
    pays_involvement = models.BooleanField(
        "pays involvement payments",
        default=False,
        help_text="Only where national patient and public voice policy allows it. The PEG pays expenses only.",
    )
    involvement_rate = models.DecimalField(
        "involvement payment (£)", max_digits=7, decimal_places=2, default=Decimal("0.00")
    )
    involvement_unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.MEETING)

    class Meta:
        verbose_name = verbose_name_plural = "expense settings"
        ordering = ["group__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(involvement_rate__gte=0),
                name="expense_rates_not_negative",
                violation_error_message="Rates cannot be negative.",
            )
        ]

    def __str__(self):
        return f"Expense settings for {self.group}"

    def clean(self):
        if self.pays_involvement and not self.involvement_rate:
            raise ValidationError({"involvement_rate": "Give the payment, or untick “pays involvement payments”."})

    @classmethod
    def for_group(cls, group_id):
        return cls.objects.get_or_create(group_id=group_id)[0]

    def involvement_amount(self, meeting):
        if self.involvement_unit == self.Unit.MEETING:
            return self.involvement_rate
        half_days = max(1, ceil((meeting.end - meeting.start) / timedelta(hours=4)))
        return self.involvement_rate * half_days


class ClaimLocked(Exception):
    """A claim with the engagement team, or decided, cannot be changed except by its next workflow step."""


class TransitionNotAllowed(Exception):
    """The claim is not where this step starts from, this person may not take it, or something it needs is missing."""


CLAIMANT, STAFF = "claimant", "staff"
Transition = namedtuple("Transition", "sources target by verb note_required")


class ExpenseClaimQuerySet(models.QuerySet):
    def with_totals(self):
        # A subquery rather than a join, so the total composes with other annotations without multiplying rows.
        lines = ClaimLine.objects.filter(claim=OuterRef("pk")).order_by().values("claim").annotate(sum=Sum("amount"))
        return self.annotate(
            total=Coalesce(
                Subquery(lines.values("sum")),
                Value(Decimal("0.00")),
                output_field=models.DecimalField(max_digits=10, decimal_places=2),
            )
        )

    def with_flags(self):
        """For staff: a claim for a meeting the person is not recorded at, one submitted after its deadline, and
        one for a meeting or day the person has claimed for already."""
        return self.annotate(
            not_at_meeting=ExpressionWrapper(
                Q(meeting__isnull=False) & ~attendance(OuterRef("meeting"), OuterRef("claimant")),
                output_field=models.BooleanField(),
            ),
            is_late=ExpressionWrapper(
                Q(submitted_at__isnull=False, claim_by__isnull=False, submitted_at__date__gt=F("claim_by")),
                output_field=models.BooleanField(),
            ),
            is_duplicate=Exists(
                ExpenseClaim.objects.claimed_for_same_activity(
                    OuterRef("claimant"), OuterRef("meeting"), OuterRef("activity_date"), OuterRef("pk")
                )
            ),
        )

    def claimed_for_same_activity(self, claimant, meeting, activity_date, other_than):
        """The person's claims already sent to us for the same meeting or the same day: claiming twice is an easy
        slip. Takes values or, in a subquery, OuterRefs. Drafts are not claimed yet and rejected ones were not paid."""
        # Q(meeting=None) would match every claim without a meeting; in SQL a NULL meeting matches nothing.
        same_meeting = Q(meeting=meeting) if meeting is not None else Q(pk__in=[])
        return (
            self.filter(same_meeting | Q(activity_date=activity_date), claimant=claimant)
            .exclude(pk=other_than)
            .exclude(status__in=[ExpenseClaim.Status.DRAFT, ExpenseClaim.Status.REJECTED])
        )

    def totals_by_claimant(self, start, end):
        """Per person, for activities from start to end: approved and paid claims, and how much of that is paid."""
        paid = Q(status=ExpenseClaim.Status.PAID)
        zero = Value(Decimal("0.00"))
        money = models.DecimalField(max_digits=10, decimal_places=2)
        decided = [ExpenseClaim.Status.APPROVED, ExpenseClaim.Status.PAID]
        return (
            self.filter(status__in=decided, activity_date__range=(start, end))
            .values("claimant", "claimant__full_name", "claimant__email")
            .annotate(
                claims=Count("pk", distinct=True),
                expenses=Coalesce(Sum("lines__amount"), zero, output_field=money),
                paid=Coalesce(Sum("lines__amount", filter=paid), zero, output_field=money),
            )
            .order_by("claimant__full_name")
        )


class ExpenseClaim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        QUERIED = "queried", "Queried"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        PAID = "paid", "Paid"

    claimant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expense_claims")
    group = models.ForeignKey(EngagementGroup, on_delete=models.PROTECT, related_name="expense_claims")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="expense_claims")
    activity_date = models.DateField("date of the activity")
    description = models.CharField("what it was", max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("first submitted", null=True, blank=True, editable=False)
    claim_by = models.DateField("deadline", null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejection_reason = models.TextField(blank=True, editable=False)
    paid_on = models.DateField("payment date", null=True, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    late_accepted_at = models.DateTimeField("accepted after the deadline", null=True, blank=True, editable=False)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name="accepted after the deadline by",
    )
    late_reason = models.TextField("why it was accepted after the deadline", blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ExpenseClaimQuerySet.as_manager()

    TRANSITIONS = {
        "submit": Transition({Status.DRAFT, Status.QUERIED}, Status.SUBMITTED, CLAIMANT, "submit {}", ""),
        "query": Transition(
            {Status.SUBMITTED}, Status.QUERIED, STAFF, "query {}", "Write your question for the member."
        ),
        "approve": Transition({Status.SUBMITTED}, Status.APPROVED, STAFF, "approve {}", ""),
        "reject": Transition(
            {Status.SUBMITTED, Status.QUERIED},
            Status.REJECTED,
            STAFF,
            "reject {}",
            "Give the reason for rejecting the claim.",
        ),
        "mark_paid": Transition({Status.APPROVED}, Status.PAID, STAFF, "mark {} as paid", ""),
    }
    EDITABLE = {Status.DRAFT, Status.QUERIED}
    # Only the workflow writes these, through save(update_fields=...); everything else is locked after submission.
    WORKFLOW_FIELDS = {
        "status",
        "submitted_at",
        "claim_by",
        "approved_at",
        "rejection_reason",
        "paid_on",
        "payment_reference",
        "modified",
    }
    STATE_PHRASES = {
        Status.DRAFT: "still a draft",
        Status.SUBMITTED: "submitted and waiting for a decision",
        Status.QUERIED: "waiting for the member to answer a question",
        Status.APPROVED: "already approved",
        Status.REJECTED: "rejected",
        Status.PAID: "already paid",
    }
    NOT_ALLOWED = {
        CLAIMANT: "Only the member who made this claim can {}.",
        STAFF: "Only engagement staff can {}, and never their own.",
    }

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "expense claim"
        # The last serves the staff admin's list of every claim, newest first: 50 rows read, not all sorted.
        indexes = [
            models.Index(fields=["claimant", "status"]),
            models.Index(fields=["status", "activity_date"]),
            models.Index(fields=["created", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paid") | (Q(paid_on__isnull=False) & ~Q(payment_reference="")),
                name="paid_claim_has_date_and_reference",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""), name="rejected_claim_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(late_accepted_at__isnull=True) | ~Q(late_reason=""), name="late_claim_accepted_with_reason"
            ),
        ]

    def __str__(self):
        return f"Claim {self.pk}: {self.description}"

    def get_absolute_url(self):
        return reverse("expenses:claim_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def deadline(self):
        return add_months(self.activity_date, settings.EXPENSES_CLAIM_DEADLINE_MONTHS)

    def is_out_of_time(self):
        """A draft past the deadline cannot be submitted until staff accept it; one sent in time stays in time."""
        return self.is_draft and self.late_accepted_at is None and timezone.localdate() > self.deadline

    def out_of_time_message(self):
        months = settings.EXPENSES_CLAIM_DEADLINE_MONTHS
        return (
            f"Claims must be made within {months} month{'s' if months != 1 else ''} of the activity. "
            f"This was on {self.activity_date:%-d %B %Y}; please contact the engagement team."
        )

    def same_activity_claims(self):
        return (
            type(self)
            .objects.claimed_for_same_activity(self.claimant_id, self.meeting_id, self.activity_date, self.pk)
            .select_related("meeting")
        )

    def clean(self):
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            raise ValidationError({"meeting": "That meeting is not one of this group's."})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        workflow_only = update_fields is not None and set(update_fields) <= self.WORKFLOW_FIELDS
        locked = type(self).objects.filter(pk=self.pk).exclude(status__in=self.EDITABLE)
        if self.pk and not workflow_only and locked.exists():
            raise ClaimLocked("This claim is with the engagement team or decided, so it can no longer be changed.")
        super().save(*args, **kwargs)


def receipt_path(instance, filename):
    return private_name("receipts", filename)


class ClaimLine(models.Model):
    class Kind(models.TextChoices):
        MILEAGE = "mileage", "Mileage in your own vehicle"
        PUBLIC_TRANSPORT = "public_transport", "Bus, train or tram fare"
        PARKING = "parking", "Parking"
        TAXI = "taxi", "Taxi (agreed in advance)"
        CARE = "care", "Carer"
        CHILDCARE = "childcare", "Childcare"
        PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
        INTERPRETER = "interpreter", "Interpreter or BSL interpreter"
        SUBSISTENCE = "subsistence", "Food and drink"
        OTHER = "other", "Something else"

    class Vehicle(models.TextChoices):
        # The same words as the rates' kinds, so a line finds its rate by its vehicle.
        CAR = "car", "Car"
        MOTORCYCLE = "motorcycle", "Motorcycle"
        BICYCLE = "bicycle", "Bicycle"

    # Paid only against a receipt or invoice, as NHS England's policy on reimbursing expenses asks.
    SUPPORT = {Kind.CARE, Kind.CHILDCARE, Kind.PERSONAL_ASSISTANT, Kind.INTERPRETER}

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField("type of cost", max_length=20, choices=Kind.choices)
    details = models.CharField(max_length=200, blank=True)
    miles = models.DecimalField(
        max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(Decimal("0.1"))]
    )
    vehicle = models.CharField(max_length=10, choices=Vehicle.choices, default=Vehicle.CAR, blank=True)
    passengers = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(8)])
    mileage_rate = models.DecimalField(
        "rate (£ a mile)", max_digits=4, decimal_places=2, null=True, blank=True, editable=False
    )
    passenger_rate = models.DecimalField(
        "rate for each passenger (£ a mile)", max_digits=4, decimal_places=2, null=True, blank=True, editable=False
    )
    # blank=True so a mileage line can leave it empty: save() works it out from the miles.
    amount = models.DecimalField("amount (£)", max_digits=8, decimal_places=2, blank=True)
    pre_approved_by = models.CharField("agreed in advance by", max_length=150, blank=True)
    receipt = models.FileField(upload_to=receipt_path, validators=[RECEIPT_CHECK], blank=True, max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = "cost"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0)
                & (Q(miles__isnull=True) | Q(miles__gte=0))
                & (Q(mileage_rate__isnull=True) | Q(mileage_rate__gte=0)),
                name="claim_line_amounts_not_negative",
                violation_error_message="Amounts, miles and rates cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="mileage") | Q(miles__isnull=False, mileage_rate__isnull=False),
                name="mileage_line_has_miles_and_rate",
            ),
            models.CheckConstraint(
                condition=~Q(kind="taxi") | ~Q(pre_approved_by=""),
                name="taxi_line_is_pre_approved",
                violation_error_message="Say who agreed the taxi in advance.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {pounds(self.amount)}"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.MILEAGE:
            if not self.miles:
                errors["miles"] = "Enter how many miles you travelled, there and back, for example 12.5"
            if self.vehicle not in self.Vehicle.values:
                errors["vehicle"] = "Choose the vehicle you travelled in"
            elif self.vehicle == self.Vehicle.BICYCLE and self.passengers:
                errors["passengers"] = "A bicycle has no passengers: enter 0"
            elif self.vehicle not in self.claim_rates():
                errors["vehicle"] = (
                    f"We have no rate for a {self.get_vehicle_display().lower()} on that date: "
                    "please contact the engagement team"
                )
        elif self.amount is None or self.amount <= 0:
            errors["amount"] = "Enter the amount in pounds and pence, for example 4.50"
        if self.kind == self.Kind.TAXI and not self.pre_approved_by.strip():
            errors["pre_approved_by"] = (
                "Say who agreed the taxi before your journey. We can only pay for taxis agreed in advance"
            )
        if self.kind == self.Kind.OTHER and not self.details.strip():
            errors["details"] = "Explain what the cost was for"
        if self.kind in self.SUPPORT and not self.receipt:
            errors["receipt"] = "Add the receipt or invoice: we can only pay support costs against one"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        claim = self.claim
        if not claim.is_editable:
            raise ClaimLocked(
                "This claim is with the engagement team or decided, so its costs can no longer be changed."
            )
        if self.kind == self.Kind.MILEAGE:
            # A draft follows the rates for its date (which may change); once submitted, the rates on the line stay.
            if self.mileage_rate is None or claim.is_draft:
                self.apply_rates(self.claim_rates())
            self.amount = mileage_amount(self.miles, self.mileage_rate, self.passengers, self.passenger_rate)
        else:
            self.miles = self.mileage_rate = self.passenger_rate = None
            self.vehicle, self.passengers = "", 0
        replaced = self._replaced_receipt()
        super().save(*args, **kwargs)
        if replaced:
            transaction.on_commit(lambda: self.receipt.storage.delete(replaced))

    def delete(self, *args, **kwargs):
        if not self.claim.is_editable:
            raise ClaimLocked(
                "This claim is with the engagement team or decided, so its costs can no longer be changed."
            )
        name = self.receipt.name
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: self.receipt.storage.delete(name))
        return result

    def _replaced_receipt(self):
        """The stored receipt this save replaces or removes, so the old file does not linger on disk."""
        if not self.pk:
            return None
        old = type(self).objects.filter(pk=self.pk).values_list("receipt", flat=True).first()
        return old if old and old != self.receipt.name else None

    def claim_rates(self):
        # The claim form may still be finding its date; the checks then use today's rates.
        return ExpenseRate.on(self.claim.activity_date or timezone.localdate())

    def apply_rates(self, rates):
        self.mileage_rate = rates[self.vehicle]
        self.passenger_rate = rates.get(ExpenseRate.Kind.PASSENGER, Decimal("0.00"))

    @property
    def receipt_name(self):
        return self.receipt.name.rsplit("/", 1)[-1]

    def get_receipt_url(self):
        return reverse("expenses:receipt", args=[self.claim_id, self.pk])


class ClaimEvent(models.Model):
    """One status change: who, when, from, to, and what they said (a question, an answer, a reason)."""

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=10, choices=ExpenseClaim.Status.choices)
    to_status = models.CharField(max_length=10, choices=ExpenseClaim.Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = "status change"

    def __str__(self):
        return f"{self.get_from_status_display()} to {self.get_to_status_display()}"


class InvolvementPreference(models.Model):
    """A member's choice, per group, to decline involvement payments (they can affect welfare benefits)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="involvement_preferences"
    )
    group = models.ForeignKey(EngagementGroup, on_delete=models.CASCADE, related_name="involvement_preferences")
    declines = models.BooleanField("declines involvement payments", default=False)
    charity = models.ForeignKey(
        Charity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Their payments go to this charity, unless they decline them.",
    )
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "involvement payment choice"
        constraints = [models.UniqueConstraint(fields=["person", "group"], name="one_involvement_choice_per_group")]

    def __str__(self):
        return f"{self.person}, {self.group}: {self.get_choice_display().lower()}"

    @property
    def choice(self):
        if self.declines:
            return Choice.DECLINE
        return Choice.CHARITY if self.charity_id else Choice.ACCEPT

    def get_choice_display(self):
        return Choice(self.choice).label


class InvolvementPaymentQuerySet(models.QuerySet):
    def with_choice(self):
        """The choice in force (chosen), the charity it goes to (to_charity) and what is paid (payable): the
        payment's own choice, else the member's standing choice for the group."""
        standing = InvolvementPreference.objects.filter(person=OuterRef("person"), group=OuterRef("group"))
        money = models.DecimalField(max_digits=8, decimal_places=2)
        return (
            self.annotate(
                standing_declines=Coalesce(Subquery(standing.values("declines")[:1]), Value(False)),
                standing_charity=Subquery(standing.values("charity")[:1]),
            )
            .annotate(
                chosen=Case(
                    When(~Q(choice=""), then=F("choice")),
                    When(standing_declines=True, then=Value(Choice.DECLINE.value)),
                    When(standing_charity__isnull=False, then=Value(Choice.CHARITY.value)),
                    default=Value(Choice.ACCEPT.value),
                )
            )
            .annotate(
                to_charity=Case(
                    When(chosen=Choice.CHARITY, choice="", then=F("standing_charity")),
                    When(chosen=Choice.CHARITY, then=F("charity")),
                    default=None,
                    output_field=models.BigIntegerField(),
                ),
                payable=Case(
                    When(chosen=Choice.DECLINE, then=Value(Decimal("0.00"))),
                    When(chosen=Choice.REDUCE, then=F("reduced_amount")),
                    default=F("amount"),
                    output_field=money,
                ),
            )
        )

    def totals_by_person(self, start, end):
        """What each person is paid, as they chose: a smaller amount where they asked, nothing they declined."""
        return (
            self.filter(activity_date__range=(start, end))
            .with_choice()
            .values("person", "person__full_name", "person__email")
            .annotate(involvement=Sum("payable"))
            .order_by("person__full_name")
        )

    def record_for_meeting(self, meeting):
        """Approve a payment for each volunteer recorded at the meeting who has not declined. Safe to repeat."""
        group_settings = ExpenseSettings.objects.filter(group_id=meeting.group_id, pays_involvement=True).first()
        if group_settings is None:
            raise ValidationError(
                f"{meeting.group} does not pay involvement payments: its members receive expenses only."
            )
        declined = InvolvementPreference.objects.filter(group_id=meeting.group_id, declines=True).values("person")
        people = (
            User.objects.filter(
                attended__meeting=meeting,
                memberships__group_id=meeting.group_id,
                memberships__role__in=Membership.Role.voting(),
            )
            .exclude(pk__in=declined)
            .distinct()
        )
        day = timezone.localdate(meeting.start)
        hours = Decimal((meeting.end - meeting.start) / timedelta(hours=1)).quantize(Decimal("0.1"))
        rate = InvolvementRate.objects.in_force(meeting.group_id, Activity.MEETING, day)
        # Groups without a rate card yet keep their flat payment from the expense settings.
        priced = (
            {"amount": rate.amount_for(hours), "hours": hours, "rate": rate.amount, "rate_unit": rate.unit}
            if rate
            else {"amount": group_settings.involvement_amount(meeting)}
        )
        before = set(self.filter(meeting=meeting).values_list("pk", flat=True))
        self.bulk_create(
            [
                InvolvementPayment(
                    person=person,
                    group_id=meeting.group_id,
                    meeting=meeting,
                    activity_date=day,
                    description=meeting.title,
                    **priced,
                )
                for person in people
            ],
            ignore_conflicts=True,
        )
        added = list(self.filter(meeting=meeting).exclude(pk__in=before))
        for payment in added:
            payment.check_limit()
        return len(added)


class InvolvementPayment(models.Model):
    class Status(models.TextChoices):
        CHECK = "check", "Waiting for a benefits check"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Paid"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvement_payments")
    group = models.ForeignKey(EngagementGroup, on_delete=models.PROTECT, related_name="involvement_payments")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="involvement_payments"
    )
    activity_date = models.DateField("date of the activity")
    description = models.CharField("what it was", max_length=200)
    activity = models.CharField(max_length=10, choices=Activity.choices, default=Activity.MEETING)
    hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # Copied from the rate card when the payment is recorded; empty on payments from before rate cards.
    rate = models.DecimalField("rate (£)", max_digits=7, decimal_places=2, null=True, blank=True, editable=False)
    rate_unit = models.CharField(max_length=10, blank=True, editable=False)
    amount = models.DecimalField("amount (£)", max_digits=8, decimal_places=2)
    # Empty: the member's standing choice for the group applies, until the payment goes to payroll.
    choice = models.CharField("member's choice", max_length=10, choices=Choice.choices, blank=True)
    reduced_amount = models.DecimalField("smaller amount (£)", max_digits=8, decimal_places=2, null=True, blank=True)
    charity = models.ForeignKey(Charity, null=True, blank=True, on_delete=models.PROTECT, related_name="payments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    limit_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    limit_checked_at = models.DateTimeField("benefits check confirmed", null=True, blank=True, editable=False)
    exported_at = models.DateTimeField("sent to payroll", null=True, blank=True, editable=False)
    paid_on = models.DateField("payment date", null=True, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = InvolvementPaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-activity_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="involvement_payment_not_negative"),
            models.UniqueConstraint(
                fields=["person", "meeting"],
                condition=Q(meeting__isnull=False),
                name="one_involvement_payment_per_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | (Q(paid_on__isnull=False) & ~Q(payment_reference="")),
                name="paid_involvement_has_date_and_reference",
            ),
            models.CheckConstraint(
                condition=~Q(choice="reduce")
                | Q(reduced_amount__isnull=False, reduced_amount__gt=0, reduced_amount__lt=F("amount")),
                name="reduced_involvement_is_smaller",
            ),
            models.CheckConstraint(
                condition=~Q(choice="charity") | Q(charity__isnull=False), name="charity_involvement_names_charity"
            ),
        ]

    def __str__(self):
        return f"{self.person}: {pounds(self.amount)} for {self.description}"

    def clean(self):
        errors = {}
        if self.meeting_id and self.group_id and self.meeting.group_id != self.group_id:
            errors["meeting"] = "That meeting is not one of this group's."
        # Checked when a payment is recorded; a later change of settings must not make old payments invalid.
        if self._state.adding and self.person_id and self.group_id:
            if not ExpenseSettings.objects.filter(group_id=self.group_id, pays_involvement=True).exists():
                errors["group"] = f"{self.group} does not pay involvement payments: its members receive expenses only."
            elif InvolvementPreference.objects.filter(
                person_id=self.person_id, group_id=self.group_id, declines=True
            ).exists():
                errors["person"] = f"{self.person} has declined involvement payments for {self.group}."
            elif not Membership.objects.filter(user_id=self.person_id, group_id=self.group_id).exists():
                errors["person"] = f"{self.person} is not a member of {self.group}."
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        """Not sent to payroll yet, so the member's choice can still change it."""
        return self.exported_at is None and self.status != self.Status.PAID

    def limit_standing(self):
        """Against the earnings limit the person recorded: the limit, what this payment and their others in its
        week or month pay them as chosen now, and the period. None when they have recorded no limit."""
        profile = PaymentProfile.objects.filter(person_id=self.person_id, earnings_limit__isnull=False).first()
        if profile is None:
            return None
        start, end = profile.period_of(self.activity_date)
        earnings = (
            type(self)
            .objects.filter(person_id=self.person_id, activity_date__range=(start, end))
            .with_choice()
            .filter(chosen__in=EARNINGS)
        )
        amounts = dict(earnings.values_list("pk", "payable"))
        this = amounts.pop(self.pk, Decimal("0.00"))
        others = sum(amounts.values(), Decimal("0.00"))
        return LimitStanding(profile.earnings_limit, others, this, profile.period_name(self.activity_date))

    def limit_warning(self):
        """The standing when this payment, as chosen now, takes the person over their limit; otherwise None."""
        standing = self.limit_standing()
        return standing if standing and standing.is_over else None

    def check_limit(self):
        """Hold the payment for staff while it takes the person over their earnings limit and nobody has
        confirmed the check; release it when it no longer does. Only before it goes to payroll."""
        if not self.is_open:
            return
        over = self.limit_warning() is not None and self.limit_checked_at is None
        status = self.Status.CHECK if over else self.Status.APPROVED
        if status != self.status:
            type(self).objects.filter(pk=self.pk, exported_at=None).exclude(status=self.Status.PAID).update(
                status=status
            )
            self.status = status

    def mark_paid(self, user, paid_on, reference):
        if not is_engagement_staff(user):
            raise TransitionNotAllowed("Only engagement staff can mark a payment as paid.")
        if not paid_on or not (reference or "").strip():
            raise TransitionNotAllowed("Give the date the payment was made and the payment reference.")
        with transaction.atomic():
            moved = (
                type(self)
                .objects.filter(pk=self.pk, status=self.Status.APPROVED)
                .update(status=self.Status.PAID, paid_on=paid_on, payment_reference=reference.strip())
            )
            if moved != 1:
                raise TransitionNotAllowed("You cannot mark this payment as paid: it is already paid.")
        self.status, self.paid_on, self.payment_reference = self.Status.PAID, paid_on, reference.strip()


# The chair's contract lives in its own module; imported here because Django finds an app's models in models.py.
from .contracts import Contract, ContractPayment  # noqa: E402, F401
