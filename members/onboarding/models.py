"""A member's onboarding: the involvement agreement they signed, their induction, training and,
for the roles that need one, a DBS check.

Nothing more sensitive than a DBS check's level and dates is kept: no certificate number and
nothing the check found. Staff who need more look at the certificate the person shows them.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q

from engagement.core.uploads import OFFICE, PDF, FileCheck, private_name
from members.models import EngagementGroup, Membership, User

# How long before a training course or DBS check runs out staff are reminded, and the admin's filter looks ahead.
EXPIRY_WARNING = timedelta(days=30)
AGREEMENT_CHECK = FileCheck(PDF | OFFICE, max_mb=20)


def agreement_path(instance, filename):
    return private_name("agreements", filename)


class AgreementVersionQuerySet(models.QuerySet):
    def current(self, today):
        """The version members sign now: the newest in force; None before the first."""
        return self.filter(in_force_from__lte=today).order_by("-in_force_from", "-pk").first()


class AgreementVersion(models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="How staff and members tell versions apart, e.g. “2026”."
    )
    in_force_from = models.DateField(
        help_text="From this day members are asked to sign this version, even if they signed an earlier one."
    )
    text = models.TextField(blank=True, help_text="The agreement as members read it on the signing page.")
    file = models.FileField(
        upload_to=agreement_path,
        validators=[AGREEMENT_CHECK],
        blank=True,
        max_length=200,
        help_text="The agreement as a PDF or Word document, if members should read it as a file.",
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-in_force_from"]
        verbose_name = "involvement agreement version"

    def __str__(self):
        return f"Involvement agreement {self.name}"

    def clean(self):
        if not self.text and not self.file:
            raise ValidationError("Give the agreement's text, or attach it as a file.")


class AgreementSignature(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agreement_signatures")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signatures")
    typed_name = models.CharField(max_length=150, help_text="The full name the member typed to sign.")
    signed_on = models.DateField()

    class Meta:
        ordering = ["-signed_on"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_signature_per_version")]
        verbose_name = "signed agreement"

    def __str__(self):
        return f"{self.user} signed {self.version.name}"


class Induction(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="induction")
    completed_on = models.DateField("induction done on")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    def __str__(self):
        return f"Induction for {self.user}"


class ExpiringQuerySet(models.QuerySet):
    def expiring(self, today):
        """Records that run out within the warning period (or ran out today)."""
        return self.filter(**{f"{self.model.EXPIRY_FIELD}__range": (today, today + EXPIRY_WARNING)})


class TrainingRecord(models.Model):
    EXPIRY_FIELD = "expires_on"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_records")
    course = models.CharField(max_length=150)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, help_text="Leave blank if the course does not need renewing.")

    objects = ExpiringQuerySet.as_manager()

    class Meta:
        ordering = ["course", "-completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "completed_on"], name="one_record_per_course_date"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("completed_on")),
                name="training_expires_after_completion",
                violation_error_message="The expiry date must be after the date the course was done.",
            ),
        ]

    def __str__(self):
        return f"{self.course} ({self.user})"

    @property
    def expires(self):
        return self.expires_on


class DbsCheck(models.Model):
    EXPIRY_FIELD = "renewal_due"

    class Level(models.TextChoices):
        BASIC = "basic", "Basic"
        STANDARD = "standard", "Standard"
        ENHANCED = "enhanced", "Enhanced"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dbs_checks",
        help_text="Only the level and dates are kept: never the certificate number or what the check found.",
    )
    level = models.CharField(max_length=10, choices=Level.choices)
    certificate_date = models.DateField(help_text="The date printed on the certificate (not its number).")
    renewal_due = models.DateField(null=True, blank=True, help_text="When the check should be done again, if ever.")

    objects = ExpiringQuerySet.as_manager()

    class Meta:
        ordering = ["-certificate_date"]
        verbose_name = "DBS check"
        constraints = [
            models.CheckConstraint(
                condition=Q(renewal_due__isnull=True) | Q(renewal_due__gt=models.F("certificate_date")),
                name="dbs_renewal_after_certificate",
                violation_error_message="The renewal date must be after the certificate date.",
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} DBS check ({self.user})"

    def clean(self):
        # Kept only where a role needs it: a check on record is personal data that needs a reason to hold.
        if self._state.adding and self.user_id and not dbs_requirements_for(self.user_id).exists():
            raise ValidationError("This person holds no role that needs a DBS check, so none is recorded.")

    @property
    def course(self):
        """What the record is, in the words the reminder uses for a training course too."""
        return f"{self.get_level_display()} DBS check"

    @property
    def expires(self):
        return self.renewal_due


class DbsRequirement(models.Model):
    """A role in a group whose members need a DBS check (for example visiting wards or children's services)."""

    group = models.ForeignKey(EngagementGroup, on_delete=models.CASCADE, related_name="dbs_requirements")
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    level = models.CharField(max_length=10, choices=DbsCheck.Level.choices, default=DbsCheck.Level.BASIC)

    class Meta:
        ordering = ["group__name", "role"]
        constraints = [models.UniqueConstraint(fields=["group", "role"], name="one_dbs_requirement_per_role")]
        verbose_name = "role needing a DBS check"

    def __str__(self):
        return f"{self.get_role_display()}, {self.group}: {self.get_level_display().lower()} DBS check"


def dbs_requirements_for(user):
    """The DBS checks the person's roles in their groups need now: none for most people."""
    holds_role = Membership.objects.filter(
        user=user, group=OuterRef("group"), role=OuterRef("role"), status__in=Membership.Status.with_access()
    )
    return DbsRequirement.objects.filter(Exists(holds_role))


class Onboarding(User):
    """A person seen from their onboarding: the admin's list of who has signed, been inducted and trained."""

    class Meta:
        proxy = True
        verbose_name = "member's onboarding"
        verbose_name_plural = "members' onboarding"
