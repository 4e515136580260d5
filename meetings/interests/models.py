"""The register of interests: what each member declares, each group's register settings, and the
declarations made at a meeting against an agenda item.

A person's Declaration is where they stand: the day they last declared, updated or confirmed their
interests; no Declaration means they have not declared yet, and a Declaration with no interests in
the register is "nothing to declare" on that day.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Trim
from simple_history.models import HistoricalRecords

from members.models import EngagementGroup, Membership, User

# NHS England's conflicts of interest guidance keeps an interest on the register for six months after it ends.
KEPT_AFTER_ENDING = timedelta(days=183)
# Members must tell us of a change within this many days (shown on the form).
UPDATE_WITHIN_DAYS = 28


class Declaration(models.Model):
    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="interest_declaration")
    confirmed_on = models.DateField(
        "declared or confirmed on", help_text="The day the person last declared, updated or confirmed their interests."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name"]
        verbose_name = "declaration of interests"
        verbose_name_plural = "declarations of interests"

    def __str__(self):
        return f"{self.person}: declared on {self.confirmed_on:%-d %B %Y}"


class InterestQuerySet(models.QuerySet):
    def in_register(self, on: date):
        """Interests begun by `on` (or with no start given) that have not ended, or ended within six months."""
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=on)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on - KEPT_AFTER_ENDING)
        )

    def of_group(self, group_id):
        return self.filter(declaration__person__in=register_people(group_id))


def register_people(group_id):
    """Whose interests a group's register holds: its chair, vice-chair and members, active or on leave."""
    return User.objects.filter(
        is_active=True,
        memberships__group_id=group_id,
        memberships__status__in=Membership.Status.with_access(),
        memberships__role__in=Membership.Role.voting(),
    )


class Interest(models.Model):
    class Category(models.TextChoices):
        EMPLOYMENT = "employment", "Employment"
        PARTNER_ROLE = "partner_role", "A role in a partner organisation"
        VOLUNTARY = "voluntary", "A voluntary role"
        FINANCIAL = "financial", "A financial interest"
        CLOSE_FAMILY = "close_family", "An interest of a close family member"

    # Shown to the public only as the category: who in the family, and where, is their private detail.
    PRIVATE = (Category.CLOSE_FAMILY,)

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="interests")
    category = models.CharField("type of interest", max_length=20, choices=Category.choices)
    description = models.TextField(
        help_text="For example, “Paid job as a practice manager” or “My daughter is a nurse at the hospital”."
    )
    organisation = models.CharField(max_length=200, help_text="The organisation the interest is with.")
    partner = models.ForeignKey(
        "feedback.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="partner organisation",
        help_text="If the organisation is one of the partners: matched to the projects it brings.",
    )
    started_on = models.DateField("from", null=True, blank=True)
    ended_on = models.DateField("to", null=True, blank=True, help_text="Leave empty if it has not ended.")
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = InterestQuerySet.as_manager()

    class Meta:
        ordering = ["declaration__person__full_name", "category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="interest_ends_after_it_starts",
                violation_error_message="The interest must end on or after the day it starts.",
            )
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.organisation}"

    def save(self, *args, **kwargs):
        # Stripped, so the match with a partner's name at meetings is on the words alone.
        self.organisation = self.organisation.strip()
        super().save(*args, **kwargs)

    @property
    def is_private(self):
        return self.category in self.PRIVATE


def organisation_key(field):
    """How an organisation's name is compared: without case or surrounding spaces."""
    return Lower(Trim(field))


class RegisterSettings(models.Model):
    group = models.OneToOneField(EngagementGroup, on_delete=models.CASCADE, related_name="interest_register")
    publish = models.BooleanField(
        "publish the register",
        default=False,
        help_text="Anyone may read the register without signing in: names, types of interest and organisations, "
        "with no descriptions and nothing about close family. Only members who agreed to be named are listed.",
    )
    review_month = models.PositiveSmallIntegerField(
        "yearly review month",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Members are asked to confirm or update their interests from the first of this month (4 is April).",
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        "remind staff after (days)",
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text="Staff are e-mailed once with anyone who has not replied this many days after the review opened.",
    )
    review_opened_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When members were last asked to review their interests."
    )

    class Meta:
        verbose_name = "register settings"
        verbose_name_plural = "register settings"

    def __str__(self):
        return f"Register of interests: {self.group}"

    @classmethod
    def for_group(cls, group):
        return cls.objects.get_or_create(group=group)[0]

    def review_opens(self, today: date) -> date:
        """The first day of the review month this year, or last year's if this year's is still to come."""
        opens = date(today.year, self.review_month, 1)
        return opens if opens <= today else date(today.year - 1, self.review_month, 1)

    def reminder_due_on(self, opens: date) -> date:
        return opens + timedelta(days=self.reminder_after_days)


class MeetingDeclaration(models.Model):
    """A declaration made at a meeting, against the agenda item it concerns; it appears in the minutes."""

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="interest_declarations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_declarations",
        help_text="Who declared; or give the name of a guest below.",
    )
    guest_name = models.CharField(max_length=150, blank=True)
    declaration = models.TextField(help_text="What they declared, and whether they took part in the item.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item__position", "item__pk", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""), name="meeting_declaration_has_a_name"
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.declaration}"

    @property
    def name(self):
        return self.person.full_name if self.person_id else self.guest_name
