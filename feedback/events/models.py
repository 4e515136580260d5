"""Workshops and public events that a project's engagement plan runs (planning template, steps 3 and 5).

An event belongs to a plan. Stakeholders from the plan's audience analysis are invited by private
link (no account); public events also take sign-ups from anyone, up to a capacity, with a waiting
list. What people said at or after the event is recorded against it, themed, and becomes the
project's "what we heard"; the event report says who came by category, never by name.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.models import Theme
from feedback.planning.models import EngagementPlan, Stakeholder, Step
from meetings.models import Venue


def new_token():
    return secrets.token_urlsafe(24)


class EventQuerySet(models.QuerySet):
    def ahead(self):
        """Events not over yet, and not cancelled."""
        return self.filter(end__gte=timezone.now(), cancelled_at=None)

    def open_for_sign_up(self):
        """Public events anyone can sign up for now: open, and not started yet."""
        return self.filter(
            audience=Event.Audience.PUBLIC, sign_up_open=True, cancelled_at=None, start__gt=timezone.now()
        )

    def with_counts(self):
        """Each event with how many people are coming, waiting, not coming, and have not replied."""
        Status = Registration.Status
        return self.annotate(
            coming_count=Count("registrations", filter=Q(registrations__status=Status.COMING)),
            waiting_count=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            not_coming_count=Count(
                "registrations", filter=Q(registrations__status__in=[Status.NOT_COMING, Status.CANCELLED])
            ),
            no_reply_count=Count("registrations", filter=Q(registrations__status=Status.INVITED)),
        )


class Event(models.Model):
    class Audience(models.TextChoices):
        INVITED = "invited", "Invited stakeholders only"
        PUBLIC = "public", "Open to the public"

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="events")
    step = models.PositiveSmallIntegerField(choices=Step.choices, default=Step.WORKSHOPS)
    title = models.CharField(max_length=150)
    purpose = models.TextField(help_text="What the event is for, in a sentence or two, as invitees will read it.")
    start = models.DateTimeField(help_text="UK time.")
    end = models.DateTimeField(help_text="UK time.")
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    online_link = models.URLField("online joining link", blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Places available. Leave empty for no limit."
    )
    audience = models.CharField("who it is for", max_length=10, choices=Audience.choices, default=Audience.INVITED)
    sign_up_open = models.BooleanField(
        "public sign-up open", default=False, help_text="Public events only: show the sign-up page."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_steps = models.TextField(
        blank=True, help_text="What happens now, for the event report: what the project team will do and when."
    )
    # The link attendees use to send feedback and the evaluation after the event (no account needed).
    feedback_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    uid = models.CharField(max_length=64, unique=True, default=new_token, editable=False)  # calendar files
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["audience", "sign_up_open", "start"])]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The end must be after the start."
        if not self.venue_id and not self.online_link:
            errors["venue"] = "Choose a venue, or give an online joining link, or both."
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = "Give the number of places (1 or more), or leave it empty for no limit."
        if self.sign_up_open and self.audience != self.Audience.PUBLIC:
            errors["sign_up_open"] = "Only events open to the public have a sign-up page."
        if errors:
            raise ValidationError(errors)

    @property
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def register_opens_on(self):
        """The register is taken on the day: it opens on the event's own (UK) day, not before."""
        return timezone.localdate(self.start)

    @property
    def register_is_open(self):
        return not self.is_cancelled and local_today() >= self.register_opens_on

    @property
    def takes_replies(self):
        """Replies and changes are taken until the event starts (the register is taken on the day)."""
        return not self.has_started and not self.is_cancelled

    @property
    def project(self):
        return self.plan.project

    @property
    def is_public(self):
        return self.audience == self.Audience.PUBLIC

    def get_public_url(self):
        return reverse("events:sign_up", args=[self.pk])


class Registration(models.Model):
    """One person invited to, or signed up for, one event; their private link is the token."""

    # The plan's stakeholder categories (copied from an invitee's), and three the public sign-up form offers
    # that no stakeholder list has; "Other" stays last. The report counts people by these.
    CATEGORIES = [
        *Stakeholder.Category.choices[:-1],
        ("public", "Member of the public"),
        ("carer", "Carer"),
        ("health_care_staff", "Works in health or care"),
        (Stakeholder.Category.OTHER, Stakeholder.Category.OTHER.label),
    ]

    class Status(models.TextChoices):
        INVITED = "invited", "Invited, no reply yet"
        COMING = "coming", "Coming"
        NOT_COMING = "not_coming", "Not coming"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled their place"

    class AccessNeed(models.TextChoices):
        INTERPRETER = "interpreter", "A spoken language interpreter"
        BSL = "bsl", "A British Sign Language interpreter"
        HEARING_LOOP = "hearing_loop", "A hearing loop"
        STEP_FREE = "step_free", "Step-free access"
        DIETARY = "dietary", "A special diet"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    stakeholder = models.ForeignKey(
        Stakeholder, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    name = models.CharField(max_length=150)
    email = models.EmailField("e-mail address", blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    organisation = models.CharField(max_length=150, blank=True)
    # Copied from the stakeholder, or chosen on the public form: the report counts people by it.
    category = models.CharField(max_length=30, choices=CATEGORIES, default=Stakeholder.Category.OTHER)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INVITED)
    access_needs = models.JSONField(default=list, blank=True)
    access_details = models.TextField("more about access needs", blank=True)
    anything_else = models.TextField(blank=True)
    wants_outcomes = models.BooleanField(
        "wants to hear the outcome", default=False, help_text="They agreed to be told what changed because of it."
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    replied_at = models.DateTimeField(null=True, blank=True)
    # When they joined the waiting list: freed places are offered in this order.
    waiting_since = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "stakeholder"], condition=models.Q(stakeholder__isnull=False), name="one_invite_each"
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "waiting_since"])]

    def __str__(self):
        return f"{self.name}, {self.event}"

    def get_reply_url(self):
        return reverse("events:reply", args=[self.token])

    @property
    def access_need_labels(self):
        labels = dict(self.AccessNeed.choices)
        return [labels[need] for need in self.access_needs if need in labels]


class EventFeedback(models.Model):
    """One thing heard at or after the event: typed in by staff from flipcharts or forms, or sent by an attendee."""

    class Source(models.TextChoices):
        FLIPCHART = "flipchart", "Flipchart or table notes"
        FORM = "form", "Paper feedback form"
        ONLINE = "online", "Sent by an attendee after the event"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField("what was said")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.FLIPCHART)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_feedback")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created", "pk"]
        verbose_name = "feedback from an event"
        verbose_name_plural = "feedback from events"

    def __str__(self):
        text = " ".join(self.text.split())
        return text[:60] + ("…" if len(text) > 60 else "")


class Evaluation(models.Model):
    """An attendee's short evaluation of the event, anonymous: no link to their registration."""

    class Usefulness(models.IntegerChoices):
        VERY = 4, "Very useful"
        QUITE = 3, "Quite useful"
        NOT_VERY = 2, "Not very useful"
        NOT_AT_ALL = 1, "Not useful at all"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evaluations")
    usefulness = models.PositiveSmallIntegerField(choices=Usefulness.choices)
    what_to_change = models.TextField("what we should change next time", blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created", "pk"]

    def __str__(self):
        return f"{self.get_usefulness_display()}: {self.event}"
