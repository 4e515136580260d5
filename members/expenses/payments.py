"""Involvement payments as NHS policy expects: a rate card per group with dates it applies from, the member's
choice for each payment (accept, a smaller amount, decline, or a charity), and an earnings limit for people on
benefits.

The rate in force on the activity's date is copied onto the payment, so a new rate never alters an old payment.
A payment without its own choice follows the member's standing choice until it goes to payroll, when the choice
in force is written onto it.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from math import ceil

from django.conf import settings
from django.db import models
from django.db.models import Q

from members.models import EngagementGroup

from .money import PENCE


class Activity(models.TextChoices):
    MEETING = "meeting", "Meeting, including preparation"
    PAPERS = "papers", "Reviewing papers"
    CHAIRING = "chairing", "Chairing"
    TRAINING = "training", "Training"
    INTERVIEW = "interview", "Interview panel"
    OTHER = "other", "Other"


class RateUnit(models.TextChoices):
    HOUR = "hour", "Per hour"
    HALF_DAY = "half_day", "Per half day (up to 4 hours)"
    DAY = "day", "Per day (up to 8 hours)"


HOURS_IN = {RateUnit.HALF_DAY: 4, RateUnit.DAY: 8}


class Choice(models.TextChoices):
    ACCEPT = "accept", "Accept the payment"
    REDUCE = "reduce", "Accept a smaller amount"
    DECLINE = "decline", "Decline the payment"
    CHARITY = "charity", "Pay it to a charity instead"


# What the member is paid, and so what counts towards an earnings limit: a payment to a charity is not theirs.
EARNINGS = [Choice.ACCEPT, Choice.REDUCE]


class Charity(models.Model):
    """A charity the engagement team will pay an involvement payment to, on the member's behalf."""

    name = models.CharField(max_length=150, unique=True)
    registered_number = models.CharField("registered charity number", max_length=20, blank=True)
    active = models.BooleanField("offered to members", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "charities"

    def __str__(self):
        return self.name


class InvolvementRateQuerySet(models.QuerySet):
    def in_force(self, group_id, activity, on):
        """The group's rate for the activity on that day: the latest that started on or before it, or None."""
        return (
            self.filter(group_id=group_id, activity=activity, effective_from__lte=on)
            .order_by("-effective_from")
            .first()
        )

    def card(self, group_id, on):
        """The group's rates in force on the day, one per activity, in the rate card's order."""
        rates = {}
        for rate in self.filter(group_id=group_id, effective_from__lte=on).order_by("activity", "-effective_from"):
            rates.setdefault(rate.activity, rate)
        return [rates[activity] for activity in Activity.values if activity in rates]


class InvolvementRate(models.Model):
    """One line of a group's rate card. A change of rate is a new line from a later date, never an edit."""

    group = models.ForeignKey(EngagementGroup, on_delete=models.CASCADE, related_name="involvement_rates")
    activity = models.CharField(max_length=10, choices=Activity.choices)
    unit = models.CharField(max_length=10, choices=RateUnit.choices)
    amount = models.DecimalField("amount (£)", max_digits=7, decimal_places=2)
    effective_from = models.DateField("applies from")

    objects = InvolvementRateQuerySet.as_manager()

    class Meta:
        ordering = ["group__name", "activity", "-effective_from"]
        verbose_name = "involvement rate"
        constraints = [
            models.UniqueConstraint(
                fields=["group", "activity", "effective_from"],
                name="one_involvement_rate_per_activity_and_date",
                violation_error_message="This group already has a rate for that activity from that date.",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="involvement_rate_positive"),
        ]

    def __str__(self):
        return f"{self.get_activity_display()}: £{self.amount} {self.get_unit_display().lower()}"

    def amount_for(self, hours):
        """Hours are paid as they are; half days and days round up, and any activity is at least one."""
        units = hours if self.unit == RateUnit.HOUR else max(1, ceil(hours / HOURS_IN[self.unit]))
        return (self.amount * Decimal(units)).quantize(PENCE, rounding=ROUND_HALF_UP)


class PaymentProfile(models.Model):
    """Per person, across their groups: the payroll reference staff enter, and an earnings limit the member
    may record (such as the permitted-work limit) with the date benefits advice was offered."""

    class Period(models.TextChoices):
        WEEK = "week", "A week (Monday to Sunday)"
        MONTH = "month", "A calendar month"

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_profile")
    payroll_reference = models.CharField(
        max_length=50, blank=True, help_text="Entered by staff from the payroll system; sent with each payment."
    )
    earnings_limit = models.DecimalField("earnings limit (£)", max_digits=8, decimal_places=2, null=True, blank=True)
    limit_period = models.CharField(max_length=5, choices=Period.choices, default=Period.WEEK)
    advice_offered_on = models.DateField("benefits advice offered on", null=True, blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "payment preferences"
        verbose_name_plural = "payment preferences"
        constraints = [
            models.CheckConstraint(
                condition=Q(earnings_limit__isnull=True) | Q(earnings_limit__gte=0), name="earnings_limit_not_negative"
            )
        ]

    def __str__(self):
        return f"Payment preferences of {self.person}"

    def period_of(self, day):
        """The first and last day of the week or month the day falls in."""
        if self.limit_period == self.Period.WEEK:
            start = day - timedelta(days=day.weekday())
            return start, start + timedelta(days=6)
        return date(day.year, day.month, 1), date(day.year, day.month, monthrange(day.year, day.month)[1])

    def period_name(self, day):
        start, _ = self.period_of(day)
        if self.limit_period == self.Period.WEEK:
            return f"the week starting {start:%-d %B %Y}"
        return f"{start:%B %Y}"


@dataclass(frozen=True)
class LimitStanding:
    limit: Decimal
    others: Decimal
    this: Decimal
    period: str

    @property
    def total(self):
        return self.others + self.this

    @property
    def is_over(self):
        return self.this > 0 and self.total > self.limit

    @property
    def room(self):
        """How much of this payment the person can take without going over."""
        return max(self.limit - self.others, Decimal("0.00"))
