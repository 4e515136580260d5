"""Suggested themes: one run of the engine over one source's texts, what staff confirmed from it,
and the "what we heard" entries drafted from it that staff must rewrite before publishing."""

import hashlib
import re

from django.conf import settings
from django.db import models

from feedback.models import Comment, ResponseEntry, Theme
from feedback.planning.models import PlanComment

from .bounds import MAX_THEMES, MIN_THEMES


class Run(models.Model):
    """Suggestions for one source's texts (sources.py), worked out in the background (jobs.py).

    Only text ids are kept here, never the texts: every page reads them afresh from the
    source, so a comment hidden, withdrawn or erased since the run drops out of it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Finding themes"
        READY = "ready", "Suggestions ready to check"
        CONFIRMED = "confirmed", "Confirmed"
        FAILED = "failed", "Stopped before it finished"

    RUNNING = (Status.QUEUED, Status.RUNNING)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, help_text="Which kind of texts: a key of sources.SOURCES.")
    object_id = models.PositiveIntegerField()
    part = models.CharField(max_length=40, blank=True, help_text="For a survey: the area and which answers.")
    title = models.CharField(max_length=300)
    min_themes = models.PositiveSmallIntegerField(default=MIN_THEMES)
    max_themes = models.PositiveSmallIntegerField(default=MAX_THEMES)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    texts_total = models.PositiveIntegerField(null=True, blank=True)
    # [{"key", "label", "words", "ids", "quotes"}], largest first; keys stay the same through edits.
    suggestions = models.JSONField(default=list, blank=True)
    unassigned = models.JSONField(default=list, blank=True, help_text="Ids of texts in no suggestion.")
    problem = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(
        null=True, blank=True, help_text="When draft response entries were made from the confirmed themes."
    )

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["source", "object_id", "created"])]
        verbose_name = "theme suggestion run"

    def __str__(self):
        return f"Suggested themes: {self.title}"

    @property
    def is_running(self):
        return self.status in self.RUNNING


class ConfirmedTheme(models.Model):
    """A theme staff confirmed for comments on a project or a plan (survey answers and event feedback
    are tagged in their own apps' records)."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="confirmed_themes")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="confirmed_from_suggestions")
    comments = models.ManyToManyField(Comment, blank=True, related_name="confirmed_themes")
    plan_comments = models.ManyToManyField(PlanComment, blank=True, related_name="confirmed_themes")
    quotes = models.JSONField(default=list, blank=True, help_text="Ids of the representative texts.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "theme__name"]
        constraints = [models.UniqueConstraint(fields=["run", "theme"], name="one_confirmed_theme_per_run")]

    def __str__(self):
        return str(self.theme)


def fingerprint(text):
    """Whitespace does not count as rewriting."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


WORD = re.compile(r"\w+")


def words_of(text):
    """The text's words in lower case, to compare without capitals, spacing or punctuation."""
    return " ".join(WORD.findall(text.casefold()))


# A quote this long still found word for word in "what we heard" has been copied, not summarised.
QUOTED_WORDS = 7


class DraftEntry(models.Model):
    """A response entry drafted from representative quotes (drafts.py): it cannot be published
    while either of its texts is still as drafted, or while it still copies a quote word for word.

    The quotes are members' comments as drafted; they go with the entry.
    """

    entry = models.OneToOneField(ResponseEntry, on_delete=models.CASCADE, related_name="theme_draft")
    drafted = models.CharField(max_length=64, help_text="fingerprint() of the drafted what we heard.")
    reflected = models.CharField(
        max_length=64, blank=True, help_text="fingerprint() of the drafted how we reflected this."
    )
    quotes = models.JSONField(
        default=list, blank=True, help_text="words_of() each quote in the draft long enough to count as copied."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "drafted response entry"

    def __str__(self):
        return f"Draft: {self.entry}"

    @property
    def is_rewritten(self):
        """Whether "what we heard" is a summary: changed from the draft and copying none of its quotes."""
        heard = self.entry.what_we_heard
        if fingerprint(heard) == self.drafted:
            return False
        padded = f" {words_of(heard)} "
        return not any(f" {quote} " in padded for quote in self.quotes)

    @property
    def is_reflected(self):
        """Whether the project team has written "how we reflected this" over the placeholder."""
        return fingerprint(self.entry.how_we_reflected) != self.reflected
