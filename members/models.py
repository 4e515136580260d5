from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from engagement.core.models import ManagedListItem
from engagement.core.prepared import PreparedQuery
from engagement.core.uploads import OFFICE, PDF, FileCheck, private_name

from .mobile_numbers import MobileNumberField
from .roles import is_engagement_staff


class Locality(ManagedListItem):
    class Meta(ManagedListItem.Meta):
        verbose_name_plural = "localities"


class LivedExperienceArea(ManagedListItem):
    class Meta(ManagedListItem.Meta):
        verbose_name = "lived-experience area"


class AccessNeed(ManagedListItem):
    class Meta(ManagedListItem.Meta):
        verbose_name = "format or access need"


def asks_for_format(words):
    """People whose format needs include `words` ("large print", "easy read"): chosen from the list, or
    in their own words. A condition, so a list of people can be annotated with it in the same query."""
    listed = AccessNeed.objects.filter(people=OuterRef("pk"), name__icontains=words)
    return Q(Exists(listed)) | Q(access_needs_other__icontains=words)


def wants_large_print():
    return asks_for_format("large print")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        # E-mail is the login, so "Jo@Example.org" and "jo@example.org" must be one person.
        return super().normalize_email(email).strip().lower()

    def get_by_natural_key(self, email):
        return self.get(email=self.normalize_email(email))

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    class CommunicationPreference(models.TextChoices):
        EMAIL = "email", "E-mail"
        POST = "post", "Post"
        PHONE = "phone", "Phone"

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150)
    preferred_name = models.CharField(
        max_length=80, blank=True, help_text="What you would like us to call you, if not your full name."
    )
    phone = models.CharField("phone number", max_length=30, blank=True)
    # E.164 ("+447700900982"), so GOV.UK Notify can text it (members/mobile_numbers.py).
    mobile_number = MobileNumberField(
        "mobile number", max_length=20, blank=True, help_text="For text message reminders. A UK mobile number."
    )
    text_reminders = models.BooleanField(
        "Text me meeting reminders",
        default=False,
        help_text="A short text message a few days before each meeting.",
    )
    address = models.TextField("postal address", blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="people")
    lived_experience = models.ManyToManyField(
        LivedExperienceArea, blank=True, related_name="people", verbose_name="lived experience"
    )
    communication_preference = models.CharField(
        "how we contact you",
        max_length=10,
        choices=CommunicationPreference.choices,
        default=CommunicationPreference.EMAIL,
    )
    access_needs = models.ManyToManyField(
        AccessNeed, blank=True, related_name="people", verbose_name="format and access needs"
    )
    access_needs_other = models.TextField(
        "other needs", blank=True, help_text="Anything else that helps you take part."
    )

    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "staff", default=False, help_text="Can sign in to the staff admin (engagement staff only)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When this person's personal data was erased after they left."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)

    @property
    def display_name(self):
        return User.name_shown(self.preferred_name, self.full_name)

    @staticmethod
    def name_shown(preferred_name, full_name):
        """display_name from the two columns, for pages that read them as values rather than a User."""
        return preferred_name or full_name

    @cached_property
    def wants_easy_read(self):
        """Whether to offer this person the easy-read versions staff attach to projects and responses."""
        return bool(ASKS_FOR_EASY_READ.rows(None, pk=self.pk))

    @cached_property
    def wants_large_print(self):
        """Whether to offer this person large print first (documents/download_links.html)."""
        return bool(ASKS_FOR_LARGE_PRINT.rows(None, pk=self.pk))

    @property
    def wants_email(self):
        """Whether to e-mail this person; core.notifications sends only to those who do."""
        return self.communication_preference == self.CommunicationPreference.EMAIL

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.display_name


# Asked on every page with download links: built once per process (engagement.core.prepared).
ASKS_FOR_EASY_READ = PreparedQuery(
    lambda shape, pk: User.objects.filter(asks_for_format("easy read"), pk=pk).values("pk")[:1]
)
ASKS_FOR_LARGE_PRINT = PreparedQuery(lambda shape, pk: User.objects.filter(wants_large_print(), pk=pk).values("pk")[:1])


class EngagementGroupQuerySet(models.QuerySet):
    def visible_to(self, user, memberships=None):
        """Groups whose pages this user may open on the member site.

        memberships: the user's memberships, if the page has read them already (the dashboard). Their
        groups are then named in the query: a list of ids costs less to build, and to plan, than the
        subquery that would find the same memberships again.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_engagement_staff(user):
            return self
        if memberships is not None:
            return self.seen_by(*viewer(user, memberships))
        # A subquery rather than a join: no duplicate rows, so no DISTINCT, and a smaller query to build.
        return self.filter(pk__in=groups_with_access(user.pk))

    def seen_by(self, staff, group_ids):
        """The rule of visible_to() from who is looking (see viewer()), for the prepared queries
        (engagement.core.prepared), which are built from stand-ins rather than a person."""
        return self if staff else self.filter(pk__in=group_ids)

    def public(self):
        """Groups whose public pages anyone may open, signed in or not."""
        return self.filter(is_active=True, is_public=True)


def groups_with_access(user_id):
    """The groups someone who is not staff may open, by visible_to()'s rule, as a subquery of their id: for the
    seen_by() rules of the prepared queries, which know the person only by a stand-in."""
    return Membership.objects.filter(user=user_id, status__in=Membership.Status.with_access()).values("group_id")


def viewer(user, memberships):
    """(staff, group ids) for the seen_by() rules, from a signed-in person and the memberships a page has read."""
    if is_engagement_staff(user):
        return True, []
    with_access = Membership.Status.with_access()
    return False, [m.group_id for m in memberships if m.user_id == user.pk and m.status in with_access]


TERMS_OF_REFERENCE_CHECK = FileCheck(PDF | OFFICE, max_mb=20)


def terms_of_reference_path(instance, filename):
    return private_name("terms-of-reference", filename)


class EngagementGroup(models.Model):
    class Kind(models.TextChoices):
        ENGAGEMENT_GROUP = "engagement_group", "Public engagement group"
        READING_PANEL = "reading_panel", "Reading panel"
        FORUM = "forum", "Patient and carer forum"
        CHAMPIONS = "champions", "Engagement champions"
        LOCALITY = "locality", "Locality transformation group"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.ENGAGEMENT_GROUP)
    description = models.TextField(blank=True, help_text="A plain-English paragraph shown to members.")
    is_active = models.BooleanField(default=True)
    quorum_percent = models.PositiveSmallIntegerField(
        "quorum (% of active members)",
        default=33,
        validators=[MaxValueValidator(100)],
        help_text="A meeting is quorate when at least this share of active members attend (rounded up): 33 means a third.",
    )
    reminder_days = models.CharField(
        max_length=30,
        default="7,1",
        validators=[RegexValidator(r"^\d{1,2}(,\d{1,2})*$", "Whole numbers of days separated by commas, e.g. 7,1")],
        help_text="How many days before each meeting to remind members who have not sent apologies.",
    )
    missed_meetings_alert = models.PositiveSmallIntegerField(
        "missed meetings in a row before staff are told",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="From the terms of reference: when the attendance register shows a member has missed this many "
        "meetings in a row (with or without apologies), the group's staff (its members with the Staff role) "
        "are e-mailed once.",
    )
    minutes_reminder_days = models.PositiveSmallIntegerField(
        "days after a meeting before staff are reminded of unpublished minutes",
        default=14,
        validators=[MinValueValidator(1)],
        help_text="If a meeting's minutes are still not approved this many days after it, "
        "the group's staff are e-mailed once.",
    )
    action_reminders = models.BooleanField(
        "remind owners of their actions",
        default=True,
        help_text="E-mail each open action's owner before it is due and on the day it is due.",
    )
    # The daily job looks this far ahead for actions to remind owners of.
    MOST_ACTION_REMINDER_DAYS = 28
    action_reminder_days = models.PositiveSmallIntegerField(
        "days before an action is due to remind its owner",
        default=7,
        validators=[MaxValueValidator(MOST_ACTION_REMINDER_DAYS)],
        help_text="7 means a week before. 0 means on the day it is due only.",
    )
    is_public = models.BooleanField(
        "has a public page",
        default=False,
        help_text="Visitors without an account see what the group does, the members who agreed to be named, "
        "meeting dates, approved minutes and the group's published responses.",
    )
    # The rest of the terms of reference: with the quorum and missed_meetings_alert above, what members
    # read in the "Terms of reference" section of the group's page.
    purpose = models.TextField(blank=True, help_text="What the group is for, as its terms of reference say.")
    term_years = models.PositiveSmallIntegerField(
        "term length (years)",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="How long a member serves before they step down or are reappointed.",
    )
    meets = models.CharField(
        "how often it meets", max_length=100, blank=True, help_text="e.g. Every two months, on a weekday evening"
    )
    terms_of_reference = models.FileField(
        "terms of reference document",
        upload_to=terms_of_reference_path,
        validators=[TERMS_OF_REFERENCE_CHECK],
        max_length=200,
        blank=True,
        help_text="The signed-off document, as a PDF or Word file. Members of the group can download it.",
    )

    objects = EngagementGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "group"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("group_detail", args=[self.slug])

    @property
    def reminder_day_list(self):
        return sorted({int(day) for day in self.reminder_days.split(",") if day.strip()}, reverse=True)

    def quorum_for(self, active_members):
        """How many must attend for a meeting to be quorate, rounding up."""
        return -(-active_members * self.quorum_percent // 100)


class MembershipQuerySet(models.QuerySet):
    def with_access(self):
        return self.filter(status__in=Membership.Status.with_access())

    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        STAFF = "staff", "Staff"
        OBSERVER = "observer", "Observer"

        @classmethod
        def voting(cls):
            """The roles that make up the group: invited to meetings and counted for quorum."""
            return [cls.CHAIR, cls.VICE_CHAIR, cls.MEMBER]

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ON_LEAVE = "on_leave", "On leave"
        STEPPED_DOWN = "stepped_down", "Stepped down"

        @classmethod
        def with_access(cls):
            # Someone on leave still reads papers; someone who stepped down does not.
            return [cls.ACTIVE, cls.ON_LEAVE]

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(EngagementGroup, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    named_publicly = models.BooleanField(
        "agreed to be named on the public page",
        default=False,
        help_text="Tick only once the member has agreed to their name and role appearing on the group's public page.",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_membership_per_group"),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="membership_term_ends_after_start",
                violation_error_message="The term must end on or after the day it starts.",
            ),
        ]
        indexes = [models.Index(fields=["group", "status", "role"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.group}"

    @property
    def gives_access(self):
        return self.status in Membership.Status.with_access()


class EqualityMonitoring(models.Model):
    """Answers to the nine protected characteristics of the Equality Act 2010.

    Special-category data: kept apart from the profile, every answer optional,
    stored only with consent, and reported only in aggregate (see equality.py).
    """

    PREFER_NOT_TO_SAY = "prefer_not_to_say"

    class AgeBand(models.TextChoices):
        UNDER_25 = "under_25", "Under 25"
        AGE_25_34 = "25_34", "25 to 34"
        AGE_35_44 = "35_44", "35 to 44"
        AGE_45_54 = "45_54", "45 to 54"
        AGE_55_64 = "55_64", "55 to 64"
        AGE_65_74 = "65_74", "65 to 74"
        AGE_75_PLUS = "75_plus", "75 or over"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class YesNo(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class Marriage(models.TextChoices):
        MARRIED = "married", "Married"
        CIVIL_PARTNERSHIP = "civil_partnership", "In a civil partnership"
        NEITHER = "neither", "Neither"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class EthnicGroup(models.TextChoices):
        ASIAN = "asian", "Asian or Asian British"
        BLACK = "black", "Black, Black British, Caribbean or African"
        MIXED = "mixed", "Mixed or multiple ethnic groups"
        WHITE = "white", "White"
        OTHER = "other", "Another ethnic group"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class Religion(models.TextChoices):
        NONE = "none", "No religion"
        BUDDHIST = "buddhist", "Buddhist"
        CHRISTIAN = "christian", "Christian"
        HINDU = "hindu", "Hindu"
        JEWISH = "jewish", "Jewish"
        MUSLIM = "muslim", "Muslim"
        SIKH = "sikh", "Sikh"
        OTHER = "other", "Another religion or belief"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    class SexualOrientation(models.TextChoices):
        STRAIGHT = "straight", "Straight or heterosexual"
        GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
        BISEXUAL = "bisexual", "Bisexual"
        OTHER = "other", "Another sexual orientation"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="equality_monitoring")
    consent_given_at = models.DateTimeField(help_text="When the person agreed to us keeping these answers.")
    age_band = models.CharField("age", max_length=20, choices=AgeBand.choices, blank=True)
    disability = models.CharField("disability or long-term condition", max_length=20, choices=YesNo.choices, blank=True)
    gender_reassignment = models.CharField(
        "gender identity different from sex registered at birth", max_length=20, choices=YesNo.choices, blank=True
    )
    marriage_civil_partnership = models.CharField(
        "marriage or civil partnership", max_length=20, choices=Marriage.choices, blank=True
    )
    pregnancy_maternity = models.CharField(
        "pregnant or had a baby in the last year", max_length=20, choices=YesNo.choices, blank=True
    )
    ethnic_group = models.CharField("ethnic group", max_length=20, choices=EthnicGroup.choices, blank=True)
    religion = models.CharField("religion or belief", max_length=20, choices=Religion.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    sexual_orientation = models.CharField(
        "sexual orientation", max_length=20, choices=SexualOrientation.choices, blank=True
    )
    modified = models.DateTimeField(auto_now=True)

    CHARACTERISTICS = [
        "age_band",
        "disability",
        "gender_reassignment",
        "marriage_civil_partnership",
        "pregnancy_maternity",
        "ethnic_group",
        "religion",
        "sex",
        "sexual_orientation",
    ]

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring"
        permissions = [("view_equality_report", "Can see equality monitoring figures in aggregate")]

    def __str__(self):
        return "Equality monitoring answers"


class EqualityReportView(models.Model):
    """A record of each time someone looked at the equality-monitoring figures (special-category data)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(EngagementGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = "view of the equality figures"
        verbose_name_plural = "views of the equality figures"

    def __str__(self):
        return f"{self.user} viewed the equality figures"
