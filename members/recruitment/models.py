"""Recruitment rounds, expressions of interest and the selection that follows.

An application moves through a small state table (TRANSITIONS); every move is
recorded as an ApplicationEvent saying who made it, when, and why. Equality
answers live apart from the application (ApplicantEquality), are never shown
per person, and go when the application goes.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from engagement.core.uploads import EASY_READ_CHECK, easy_read_path
from members.models import (
    AccessNeed,
    EngagementGroup,
    EqualityMonitoring,
    LivedExperienceArea,
    Locality,
    ManagedListItem,
    Membership,
)

# Closed rounds stay on the public index this long, so someone who just missed
# one learns when the next is expected.
RECENTLY_CLOSED = timedelta(days=180)

DEFAULT_NOT_APPOINTED_MESSAGE = (
    "Thank you for your interest in joining us and for the time you gave to your application.\n\n"
    "We had more applications than places, and we have not been able to offer you a place this time. "
    "This is not a judgement of you or your experience: we choose people so that the group, as a whole, "
    "reflects the different areas and experiences of the people it serves.\n\n"
    "We would be glad to hear from you when we next recruit, and there are other ways to have your say "
    "in the meantime. Reply to this e-mail if you would like to know more."
)


class RecruitmentChannel(ManagedListItem):
    """Where people heard about a round: each partner's channels (newsletters, websites, surgeries...)."""

    class Meta(ManagedListItem.Meta):
        verbose_name = "partner channel"


class RoundQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def opening_after(self, day):
        return self.filter(opens_on__gt=day)

    def recently_closed(self, day):
        return self.filter(closes_on__lt=day, closes_on__gte=day - RECENTLY_CLOSED)


class Round(models.Model):
    """One invitation to express interest in a group, open between two dates (Europe/London)."""

    class Role(models.TextChoices):
        MEMBER = Membership.Role.MEMBER.value, Membership.Role.MEMBER.label
        CHAIR = Membership.Role.CHAIR.value, Membership.Role.CHAIR.label

    group = models.ForeignKey(EngagementGroup, on_delete=models.PROTECT, related_name="recruitment_rounds")
    title = models.CharField(max_length=150, help_text="For example “Join the Public Engagement Group”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="The last part of the page address: /join/<slug>/")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    summary = models.CharField(max_length=300, help_text="One or two sentences shown in the list of rounds.")
    about_group = models.TextField("what the group does")
    what_members_do = models.TextField(
        "what members do", help_text="Time needed, how often the group meets, where, and what a meeting is like."
    )
    expenses = models.TextField(
        "expenses and payment",
        help_text="What is paid back and how. Members are volunteers and are paid expenses only.",
    )
    other_formats = models.TextField(
        "other formats",
        blank=True,
        help_text="How to ask for easy read, large print or another format, or to apply another way. "
        "Leave empty to give the engagement team's e-mail address.",
    )
    easy_read = models.FileField(
        "easy-read version",
        upload_to=easy_read_path,
        blank=True,
        validators=[EASY_READ_CHECK],
        max_length=200,
        help_text="A PDF or Word file of this page in easy read, offered on the page.",
    )
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="Applications are accepted until 11:59pm on this day (UK time).")
    next_round_expected = models.CharField(
        "next round expected",
        max_length=150,
        blank=True,
        help_text="Shown after the round closes, for example “spring 2027”. Leave empty if not known.",
    )
    is_published = models.BooleanField("published", default=False, help_text="Shown on the public website.")
    term_years = models.PositiveSmallIntegerField(
        "term (years)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Length of the term for people appointed from this round.",
    )
    annual_remuneration = models.DecimalField(
        "annual remuneration (£)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Chair rounds only: shown on the page and copied into the draft contract.",
    )
    not_appointed_message = models.TextField(
        "message to people not appointed",
        default=DEFAULT_NOT_APPOINTED_MESSAGE,
        help_text="Sent by the “E-mail the not-appointed applicants” action, after “Dear <name>,”.",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_on", "title"]
        verbose_name = "recruitment round"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="recruitment_round_closes_after_opening",
                violation_error_message="The round must close on or after the day it opens.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("recruitment:round_detail", args=[self.slug])

    def clean(self):
        if self.role == self.Role.CHAIR and self.annual_remuneration is None:
            raise ValidationError({"annual_remuneration": "Give the chair's annual remuneration."})

    @property
    def is_for_chair(self):
        return self.role == self.Role.CHAIR

    @property
    def opens_at(self):
        return datetime.combine(self.opens_on, time.min, tzinfo=timezone.get_default_timezone())

    @property
    def closes_at(self):
        """The first moment applications are refused: midnight at the end of the closing day, UK time."""
        return datetime.combine(self.closes_on + timedelta(days=1), time.min, tzinfo=timezone.get_default_timezone())

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at


class SelectionCriterion(models.Model):
    """What the panel looks for, published on the round's page and scored against."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200, help_text="For example “Can listen to and respect different views”.")
    description = models.TextField(blank=True, help_text="A plain-English sentence or two on what this means.")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "selection criterion"
        verbose_name_plural = "selection criteria"

    def __str__(self):
        return self.title


class BalanceTarget(models.Model):
    """“At least N from this locality” or “at least N with this lived experience”, set by staff for a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="targets")
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    lived_experience = models.ForeignKey(
        LivedExperienceArea, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    minimum = models.PositiveSmallIntegerField("at least", default=2, validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["locality__position", "lived_experience__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(locality__isnull=False, lived_experience__isnull=True)
                | Q(locality__isnull=True, lived_experience__isnull=False),
                name="balance_target_one_kind",
                violation_error_message="Choose either a locality or a lived-experience area, not both.",
            ),
            models.UniqueConstraint(
                fields=["round", "locality"],
                condition=Q(locality__isnull=False),
                name="one_target_per_locality",
                violation_error_message="This round already has a target for that locality.",
            ),
            models.UniqueConstraint(
                fields=["round", "lived_experience"],
                condition=Q(lived_experience__isnull=False),
                name="one_target_per_lived_experience",
                violation_error_message="This round already has a target for that lived-experience area.",
            ),
        ]

    def __str__(self):
        return f"At least {self.minimum}: {self.item}"

    @property
    def item(self):
        return self.locality or self.lived_experience


class InterviewPanelMember(models.Model):
    """Someone from a partner organisation on a chair round's interview panel."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="interview_panel")
    name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "interview panel member"

    def __str__(self):
        return f"{self.name}, {self.organisation}"


class ApplicationQuerySet(models.QuerySet):
    def in_the_running(self):
        return self.filter(status__in=Application.Status.in_the_running())

    def expired_unsuccessful(self, closed_before):
        """Unsuccessful applications to rounds that closed before the given day: due for deletion."""
        return self.filter(status__in=Application.Status.unsuccessful(), round__closes_on__lt=closed_before)


class Application(models.Model):
    """One person's expression of interest in one round."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        SHORTLISTED = "shortlisted", "Shortlisted"
        INTERVIEW_ARRANGED = "interview_arranged", "Interview arranged"
        APPOINTED = "appointed", "Appointed"
        NOT_APPOINTED = "not_appointed", "Not appointed"
        WITHDRAWN = "withdrawn", "Withdrawn"

        @classmethod
        def in_the_running(cls):
            """Shortlisted and later, not yet decided: counted in the balance view with the group's members."""
            return [cls.SHORTLISTED, cls.INTERVIEW_ARRANGED]

        @classmethod
        def unsuccessful(cls):
            return [cls.NOT_APPOINTED, cls.WITHDRAWN]

    # Where each status may go next. Steps back are allowed (an interview
    # cancelled, a reserve reconsidered) because every step is recorded.
    TRANSITIONS = {
        Status.RECEIVED: {Status.SHORTLISTED, Status.NOT_APPOINTED, Status.WITHDRAWN},
        Status.SHORTLISTED: {
            Status.RECEIVED,
            Status.INTERVIEW_ARRANGED,
            Status.APPOINTED,
            Status.NOT_APPOINTED,
            Status.WITHDRAWN,
        },
        Status.INTERVIEW_ARRANGED: {Status.SHORTLISTED, Status.APPOINTED, Status.NOT_APPOINTED, Status.WITHDRAWN},
        Status.NOT_APPOINTED: {Status.SHORTLISTED},
        Status.WITHDRAWN: {Status.RECEIVED},
        Status.APPOINTED: set(),
    }

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="applications")
    full_name = models.CharField(max_length=150)
    email = models.EmailField("e-mail address")
    phone = models.CharField("phone number", max_length=30, blank=True)
    address = models.TextField("postal address", max_length=500, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lived_experience = models.ManyToManyField(LivedExperienceArea, blank=True, related_name="+")
    why_interested = models.TextField("why they are interested", max_length=3000)
    access_needs = models.ManyToManyField(
        AccessNeed, blank=True, related_name="+", verbose_name="support needed for an interview"
    )
    access_needs_other = models.TextField("other support needed", max_length=1000, blank=True)
    heard_via = models.ForeignKey(
        RecruitmentChannel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        verbose_name="heard about it through",
    )
    heard_via_other = models.CharField("heard about it somewhere else", max_length=200, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    interview_at = models.DateTimeField("interview", null=True, blank=True)
    outcome_reason = models.TextField(
        "reason", blank=True, help_text="Needed when not appointed: why, in a sentence or two (kept for the panel)."
    )
    appointed_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recruitment_applications",
        editable=False,
    )
    submitted = models.DateTimeField(default=timezone.now, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted"]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self):
        return f"{self.full_name} ({self.round})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Kept so that clean() can check the step from the saved status (Django's documented pattern).
        instance._saved_status = instance.status if "status" in field_names else None
        return instance

    def clean(self):
        self.check_status_change(getattr(self, "_saved_status", None) or self.Status.RECEIVED)

    def check_status_change(self, previous):
        """Raise ValidationError unless moving from `previous` to the current status is allowed and complete."""
        if self.status != previous and self.status not in self.TRANSITIONS[previous]:
            raise ValidationError(
                {
                    "status": f"An application that is “{self.Status(previous).label.lower()}” "
                    f"cannot be marked “{self.Status(self.status).label.lower()}”."
                }
            )
        if self.status == self.Status.INTERVIEW_ARRANGED and not self.interview_at:
            raise ValidationError({"interview_at": "Give the date and time of the interview."})
        if self.status == self.Status.NOT_APPOINTED and not self.outcome_reason.strip():
            raise ValidationError({"outcome_reason": "Give the reason they were not appointed."})

    def move_to(self, status, by, note="", **fields):
        """Change status, checking the step, and record who did it."""
        previous = self.status
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.check_status_change(previous)
        self.save()
        self._saved_status = status
        return self.record_event(previous, by, note)

    def record_event(self, previous, by, note=""):
        return ApplicationEvent.objects.create(
            application=self, by=by, from_status=previous or "", to_status=self.status, note=note
        )

    @property
    def appointment_problem(self):
        """Why this application cannot be appointed yet, in words; empty when it can."""
        if self.status == self.Status.APPOINTED:
            return "They have already been appointed."
        if self.round.is_for_chair:
            # The chair is appointed by competitive interview before a panel of partners.
            if self.status != self.Status.INTERVIEW_ARRANGED:
                return "A chair is appointed after an interview: arrange the interview first."
            if not self.round.interview_panel.exists():
                return "Record the interview panel (on the round) first."
        elif self.status not in self.Status.in_the_running():
            return "Shortlist them first."
        return ""


class ApplicationEvent(models.Model):
    """One step in an application's history: a status change, or a note."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Application.Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "history entry"
        verbose_name_plural = "history"

    def __str__(self):
        return f"{self.get_from_status_display() or 'New'} → {self.get_to_status_display()}"


class Score(models.Model):
    """One panel member's score and note for one application against one published criterion."""

    class Value(models.IntegerChoices):
        NONE = 0, "0 – no evidence"
        LITTLE = 1, "1 – a little evidence"
        SOME = 2, "2 – some evidence"
        GOOD = 3, "3 – good evidence"
        STRONG = 4, "4 – strong evidence"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(SelectionCriterion, on_delete=models.CASCADE, related_name="scores")
    panel_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(choices=Value.choices)
    note = models.TextField(blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__position", "panel_member__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "panel_member"],
                name="one_score_per_panel_member_per_criterion",
                violation_error_message="This panel member has already scored this criterion.",
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"

    def clean(self):
        if self.application_id and self.criterion_id and self.criterion.round_id != self.application.round_id:
            raise ValidationError({"criterion": "Choose one of this round's criteria."})


class ApplicantEquality(models.Model):
    """An applicant's optional equality answers: the same questions as members.EqualityMonitoring.

    Special-category data, stored only with consent, apart from the application,
    reported only in aggregate. It has no admin and no model permissions, so no
    one can be given a way to read one person's answers.
    """

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="equality")
    consent_given_at = models.DateTimeField()
    age_band = models.CharField("age", max_length=20, choices=EqualityMonitoring.AgeBand.choices, blank=True)
    disability = models.CharField(
        "disability or long-term condition", max_length=20, choices=EqualityMonitoring.YesNo.choices, blank=True
    )
    gender_reassignment = models.CharField(
        "gender identity different from sex registered at birth",
        max_length=20,
        choices=EqualityMonitoring.YesNo.choices,
        blank=True,
    )
    marriage_civil_partnership = models.CharField(
        "marriage or civil partnership", max_length=20, choices=EqualityMonitoring.Marriage.choices, blank=True
    )
    pregnancy_maternity = models.CharField(
        "pregnant or had a baby in the last year", max_length=20, choices=EqualityMonitoring.YesNo.choices, blank=True
    )
    ethnic_group = models.CharField(
        "ethnic group", max_length=20, choices=EqualityMonitoring.EthnicGroup.choices, blank=True
    )
    religion = models.CharField(
        "religion or belief", max_length=20, choices=EqualityMonitoring.Religion.choices, blank=True
    )
    sex = models.CharField(max_length=20, choices=EqualityMonitoring.Sex.choices, blank=True)
    sexual_orientation = models.CharField(
        "sexual orientation", max_length=20, choices=EqualityMonitoring.SexualOrientation.choices, blank=True
    )

    class Meta:
        default_permissions = ()
        verbose_name = "applicant's equality answers"
        verbose_name_plural = "applicants' equality answers"

    def __str__(self):
        return "Equality monitoring answers"

    def answers(self):
        return {name: getattr(self, name) for name in EqualityMonitoring.CHARACTERISTICS}


class OutcomeEmail(models.Model):
    """The “not appointed” e-mail to one applicant for one round. The unique row makes it once-only."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="outcome_emails")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="outcome_emails")
    email = models.EmailField()
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="one_outcome_email_per_applicant")]

    def __str__(self):
        return f"Outcome e-mail for {self.application}"


class RetentionRecord(models.Model):
    """That unsuccessful applications were deleted, how many and when. Holds no personal data."""

    round = models.ForeignKey(Round, null=True, on_delete=models.SET_NULL, related_name="retention_records")
    round_title = models.CharField(max_length=150)
    deleted = models.PositiveIntegerField("applications deleted")
    ran_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = "data deletion record"

    def __str__(self):
        return f"{self.deleted} deleted from {self.round_title} on {timezone.localdate(self.ran_at):%-d %B %Y}"
