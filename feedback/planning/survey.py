"""The self-assessment survey: how well the system involves the public, asked of partners.

Survey links need no account. Each invitation's token works once: it is
claimed in the database before anything is saved, so a double click, a second
tab or a forwarded e-mail cannot record two responses for one invitation.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from engagement.core.dates import local_today
from engagement.core.models import ManagedListItem
from members.models import EngagementGroup


class Survey(models.Model):
    """A self-assessment of how well partners engage the public, area by area."""

    title = models.CharField(max_length=200)
    group = models.ForeignKey(
        EngagementGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
        help_text="Optional: the group this survey is run for.",
    )
    introduction = models.TextField(blank=True, help_text="Shown at the top of the survey, above the questions.")
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="Answers are taken until the end of this day, UK time.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = "self-assessment survey"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
                violation_error_message="The survey must close on or after the day it opens.",
            )
        ]

    def __str__(self):
        return self.title

    def get_report_url(self):
        return reverse("planning:survey_report", args=[self.pk])

    def is_open(self, now=None):
        return self.opens_on <= local_today(now) <= self.closes_on


class Area(ManagedListItem):
    """One area of a good public engagement approach, asked about in every survey."""

    description = models.TextField(blank=True, help_text="What the area means, shown under its name in the survey.")

    class Meta(ManagedListItem.Meta):
        verbose_name = "engagement area"


def new_token():
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A private link to one survey for one person; it works once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(max_length=150)
    email = models.EmailField("e-mail address")
    organisation = models.CharField(max_length=150, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "survey invitation"
        constraints = [models.UniqueConstraint(fields=["survey", "email"], name="one_invitation_per_address")]

    def __str__(self):
        return f"{self.name} ({self.survey})"

    def get_absolute_url(self):
        return reverse("planning:survey_response", args=[self.token])

    @property
    def link(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def is_used(self):
        return self.used_at is not None

    def claim(self, now):
        """True for the one caller that gets to record this invitation's response."""
        taken = type(self).objects.filter(pk=self.pk, used_at=None).update(used_at=now)
        if taken == 1:
            self.used_at = now
        return taken == 1


class SurveyResponseQuerySet(models.QuerySet):
    @transaction.atomic
    def record(self, survey, answers, invitation=None, entered_by=None, name="", organisation=""):
        """Save one response; `answers` maps each area to (what works well, what could be better).

        Returns None, saving nothing, when the invitation has already been used.
        Staff entering answers given by telephone are recorded as having done so.
        """
        now = timezone.now()
        if invitation is not None and not invitation.claim(now):
            return None
        response = self.create(
            survey=survey,
            invitation=invitation,
            respondent_name=name or invitation.name,
            organisation=organisation or (invitation.organisation if invitation else ""),
            channel=SurveyResponse.Channel.TELEPHONE if entered_by else SurveyResponse.Channel.ONLINE,
            entered_by=entered_by,
            submitted_at=now,
        )
        Answer.objects.bulk_create(
            [
                Answer(response=response, area=area, working_well=well, could_be_better=better)
                for area, (well, better) in answers.items()
                if well or better
            ]
        )
        return response


class SurveyResponse(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", "Online, by private link"
        TELEPHONE = "telephone", "Entered by staff (telephone)"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    respondent_name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=150, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "survey response"
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="telephone") | Q(entered_by__isnull=False),
                name="telephone_response_says_who_entered_it",
            )
        ]

    def __str__(self):
        return f"{self.respondent_name} ({self.survey})"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="answers")
    working_well = models.TextField("what is working well", blank=True)
    could_be_better = models.TextField("what could be better", blank=True)

    class Meta:
        ordering = ["area__position", "area__name", "pk"]
        verbose_name = "survey answer"
        constraints = [models.UniqueConstraint(fields=["response", "area"], name="one_answer_per_area")]

    def __str__(self):
        return f"{self.area}: {self.response.respondent_name}"


class CodedTheme(models.Model):
    """A theme staff tag answers with when analysing one survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = "analysis theme"
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="theme_names_unique_per_survey")]

    def __str__(self):
        return self.name


class Coding(models.Model):
    class Marker(models.TextChoices):
        STRENGTH = "strength", "Strength"
        WEAKNESS = "weakness", "Weakness"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="codings")
    theme = models.ForeignKey(CodedTheme, on_delete=models.CASCADE, related_name="codings")
    marker = models.CharField(max_length=10, choices=Marker.choices)

    class Meta:
        ordering = ["theme__name", "marker"]
        verbose_name = "theme tag"
        constraints = [
            models.UniqueConstraint(fields=["answer", "theme", "marker"], name="one_tag_per_theme_and_marker")
        ]

    def __str__(self):
        return f"{self.theme} ({self.get_marker_display().lower()})"

    def clean(self):
        if self.answer_id and self.theme_id and self.theme.survey_id != self.answer.response.survey_id:
            raise ValidationError({"theme": "Use a theme from this answer’s survey."})

    @property
    def quote(self):
        """The words that show the theme: a strength in what works well, a weakness in what could be better."""
        answer = self.answer
        if self.marker == self.Marker.STRENGTH:
            return answer.working_well or answer.could_be_better
        return answer.could_be_better or answer.working_well
