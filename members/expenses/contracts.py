"""The chair's (and vice-chair's) paid contract: confidential, seen only by the Contracts role.

Kept apart from claims, which every member makes; the two share only the rounding of money.
"""

from decimal import ROUND_HALF_UP

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from engagement.core.templatetags.money import pounds
from members.models import EngagementGroup, Membership

from .money import PENCE


class Contract(models.Model):
    """The chair's (or vice-chair's) contract for remuneration. Volunteers are paid expenses only, never this."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUALLY = "annually", "Annually"

    PAYMENTS_A_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUALLY: 1}
    ROLES = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts")
    group = models.ForeignKey(EngagementGroup, on_delete=models.PROTECT, related_name="contracts")
    role = models.CharField(
        max_length=20, choices=[(role.value, role.label) for role in ROLES], default=Membership.Role.CHAIR
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Leave empty if the contract has no end date yet.")
    annual_remuneration = models.DecimalField("annual remuneration (£)", max_digits=9, decimal_places=2)
    payment_frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    notes = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="contract_ends_after_start",
                violation_error_message="The contract must end on or after the day it starts.",
            ),
            models.CheckConstraint(condition=Q(annual_remuneration__gte=0), name="contract_remuneration_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} of {self.group}: {self.person}"

    def clean(self):
        errors = {}
        if self.person_id and self.group_id:
            membership = Membership.objects.filter(user_id=self.person_id, group_id=self.group_id)
            role = membership.values_list("role", flat=True).first()
            if role is None:
                errors["person"] = f"{self.person} is not a member of {self.group}."
            elif role not in self.ROLES:
                errors["person"] = (
                    f"{self.person} is a {Membership.Role(role).label.lower()} of {self.group}, "
                    "not its chair or vice-chair. "
                    "Volunteers are paid expenses only, never remuneration."
                )
            elif role != self.role:
                held = Membership.Role(role).label.lower()
                errors["role"] = f"{self.person} is the {held} of {self.group}: give the contract that role."
        if self.group_id and self.start and self.role:
            overlapping = Contract.objects.filter(group_id=self.group_id, role=self.role).exclude(pk=self.pk)
            overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            other = overlapping.select_related("person").first()
            if other:
                errors["start"] = (
                    f"This overlaps {other.person}'s {other.get_role_display().lower()} contract, "
                    f"from {other.start:%-d %B %Y}{f' to {other.end:%-d %B %Y}' if other.end else ' with no end date'}. "
                    "End that contract first."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def payment_per_period(self):
        each = self.annual_remuneration / self.PAYMENTS_A_YEAR[self.payment_frequency]
        return each.quantize(PENCE, rounding=ROUND_HALF_UP)


class ContractPayment(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField("date paid")
    amount = models.DecimalField("amount (£)", max_digits=9, decimal_places=2)
    reference = models.CharField("payment reference", max_length=100)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = "contract payment"
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="contract_payment_not_negative")]

    def __str__(self):
        return f"{pounds(self.amount)} on {self.paid_on:%-d %B %Y}"
