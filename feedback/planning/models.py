"""Engagement plans (the six-step template); the self-assessment survey is in survey.py.

A plan belongs to one project and starts as a copy of the template's actions,
which staff edit for their deployment; from then on the plan's actions are its
own, so changing the template never rewrites a plan already under way.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse

from engagement.core.dates import local_today
from feedback.models import CommentRevisionBase, MemberComment, Project
from members.models import User


class Step(models.IntegerChoices):
    """The six steps of the engagement planning template, in order."""

    AUDIENCE = 1, "Audience analysis"
    EXISTING_FEEDBACK = 2, "Existing feedback"
    WORKSHOPS = 3, "Stakeholder workshops"
    USING_FEEDBACK = 4, "Using feedback to inform proposals"
    INFORMING = 5, "Informing, engaging or consulting"
    ONGOING = 6, "On-going communication"


# What each step is for, in a sentence, for members reading a plan.
STEP_PURPOSES = {
    Step.AUDIENCE: "Work out who should be involved or kept informed at each stage, and how to reach them.",
    Step.EXISTING_FEEDBACK: "Gather what people have told us in the last year and pick out the main themes.",
    Step.WORKSHOPS: "Ask local stakeholders what they think of services now and of the first ideas for change.",
    Step.USING_FEEDBACK: "Use what we heard to shape the proposals, and say what changed because of it and what "
    "did not.",
    Step.INFORMING: "Tell people about the proposals, or involve or consult them more widely if the change is large.",
    Step.ONGOING: "Keep people up to date and keep listening while the work goes on.",
}


class TemplateAction(models.Model):
    """An action every new plan starts with. Existing plans keep their own copies."""

    step = models.PositiveSmallIntegerField(choices=Step.choices)
    description = models.TextField("what needs doing")
    time_needed = models.CharField(max_length=60, blank=True, help_text="For example: half a day, 1 week, 6 weeks.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the step; lower numbers first.")

    class Meta:
        ordering = ["step", "position", "pk"]
        verbose_name = "template action"

    def __str__(self):
        text = " ".join(self.description.split())
        return f"Step {self.step}: {text[:60]}{'…' if len(text) > 60 else ''}"


class EngagementPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans whose project the user may open: the project's groups once it is not a draft; staff always."""
        return self.filter(project__in=Project.objects.visible_to(user))

    def with_progress(self, today=None):
        today = today or local_today()
        done = Q(actions__status=PlanAction.Status.DONE)
        return self.annotate(
            action_count=Count("actions"),
            done_count=Count("actions", filter=done),
            overdue_count=Count("actions", filter=~done & Q(actions__target_date__lt=today)),
        )

    @transaction.atomic
    def start(self, project, **fields):
        """A new plan for the project with every template action copied in."""
        plan = self.create(project=project, **fields)
        plan.add_template_actions()
        return plan


@dataclass
class StepProgress:
    step: Step
    actions: list = field(default_factory=list)
    overdue: int = 0

    @property
    def purpose(self):
        return STEP_PURPOSES[self.step]

    @property
    def done(self):
        return sum(1 for action in self.actions if action.status == PlanAction.Status.DONE)


class EngagementPlan(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="engagement_plan")
    summary = models.TextField(
        blank=True, help_text="Shown to members: what the engagement is for and who leads it, in plain English."
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = EngagementPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "engagement plan"

    def __str__(self):
        return f"Engagement plan: {self.project}"

    def get_absolute_url(self):
        return reverse("planning:plan_detail", args=[self.project_id])

    def add_template_actions(self):
        PlanAction.objects.bulk_create(
            [
                PlanAction(
                    plan=self,
                    step=template.step,
                    description=template.description,
                    time_needed=template.time_needed,
                    position=template.position,
                )
                for template in TemplateAction.objects.all()
            ]
        )

    @staticmethod
    def progress(actions, today=None):
        """Every step, in order, with its actions (already fetched) and how many are overdue."""
        today = today or local_today()
        steps = {step: StepProgress(step) for step in Step}
        for action in actions:
            progress = steps[Step(action.step)]
            progress.actions.append(action)
            # Kept on the action for the page, which shows it on each row.
            action.overdue = action.is_overdue(today)
            progress.overdue += action.overdue
        return list(steps.values())


class PlanAction(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="actions")
    step = models.PositiveSmallIntegerField(choices=Step.choices)
    description = models.TextField("what needs doing")
    time_needed = models.CharField(max_length=60, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_actions",
        limit_choices_to={"is_staff": True},
        help_text="A member of staff, or give a name below instead.",
    )
    owner_name = models.CharField(
        "or the owner's name",
        max_length=150,
        blank=True,
        help_text="For someone without an account, such as the project lead.",
    )
    starts_on = models.DateField(
        "start date", null=True, blank=True, help_text="Optional. With a start date the timeline draws a bar."
    )
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["step", "position", "pk"]
        verbose_name = "action"
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(target_date__isnull=True)
                | Q(starts_on__lte=models.F("target_date")),
                name="plan_action_starts_before_target",
                violation_error_message="The start date must be on or before the target date.",
            )
        ]
        indexes = [models.Index(fields=["plan", "step"])]

    def __str__(self):
        text = " ".join(self.description.split())
        return f"{text[:60]}{'…' if len(text) > 60 else ''}"

    # The columns the plan page reads of each action, as values (from_row): its own, then its owner's name.
    OWN_FIELDS = (
        "pk",
        "step",
        "description",
        "time_needed",
        "owner_id",
        "owner_name",
        "starts_on",
        "target_date",
        "status",
    )
    ROW_FIELDS = (*OWN_FIELDS, "owner__preferred_name", "owner__full_name")

    @classmethod
    def from_row(cls, row):
        """An action from its ROW_FIELDS, with `owner_label`: its owner's display name, else owner_name."""
        action = cls(**{name: row[name] for name in cls.OWN_FIELDS})
        action.owner_label = (
            User.name_shown(row["owner__preferred_name"], row["owner__full_name"])
            if row["owner_id"]
            else row["owner_name"]
        )
        return action

    def is_overdue(self, today=None):
        """Not done, and its target date has passed in the UK (not by the server's clock)."""
        return (
            self.status != self.Status.DONE
            and self.target_date is not None
            and self.target_date < (today or local_today())
        )


class Stakeholder(models.Model):
    """Someone to involve or inform (the audience analysis), and at which steps."""

    class Category(models.TextChoices):
        LOCAL_COUNCILLOR = "local_councillor", "Local councillor"
        PARISH_COUNCIL = "parish_council", "Parish or town council"
        PPG = "ppg", "Patient participation group chair or member"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector organisation"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        COMMUNITY_CHAMPION = "community_champion", "Community champion or wayfinder"
        PRACTICE_STAFF = "practice_staff", "GP practice or locality staff"
        SCRUTINY = "scrutiny", "Health overview and scrutiny committee"
        PARTNER = "partner", "Partner organisation"
        OTHER = "other", "Other"

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=150, blank=True)
    category = models.CharField(max_length=30, choices=Category.choices)
    email = models.EmailField("e-mail address", blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    steps = models.JSONField(
        "involved at steps",
        default=list,
        blank=True,
        help_text="The steps at which they are involved or kept informed.",
    )

    class Meta:
        ordering = ["category", "name", "pk"]

    def __str__(self):
        return f"{self.name}, {self.organisation}" if self.organisation else self.name

    def clean(self):
        valid = set(Step.values)
        if not isinstance(self.steps, list) or not all(step in valid for step in self.steps):
            raise ValidationError({"steps": f"Choose steps by their numbers, 1 to {len(valid)}."})
        self.steps = sorted(set(self.steps))

    @property
    def step_labels(self):
        return [Step(step).label for step in sorted(self.steps)]


class FeedbackSource(models.Model):
    """Feedback people have already given (step 2), collated with its key themes."""

    class Kind(models.TextChoices):
        FRIENDS_AND_FAMILY = "friends_and_family", "Friends and family test"
        SURVEY = "survey", "Patient or carer survey"
        INSPECTION = "inspection", "Inspection report"
        COMPLAINTS = "complaints", "Compliments and complaints"
        EVENT = "event", "Earlier engagement event"
        OTHER = "other", "Other"

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="feedback_sources")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    date = models.DateField(null=True, blank=True, help_text="When it was gathered or published.")
    key_themes = models.TextField(help_text="The main themes, one per line.")

    class Meta:
        ordering = ["kind", "-date", "pk"]
        verbose_name = "existing feedback source"

    def __str__(self):
        return self.title

    @property
    def theme_list(self):
        return [line.strip(" -•\t") for line in self.key_themes.splitlines() if line.strip(" -•\t")]


class PlanComment(MemberComment):
    """A member's comment on the plan itself (how the project team means to involve people)."""

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_comments")

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = "comment on a plan"
        verbose_name_plural = "comments on plans"

    def get_absolute_url(self):
        # ?comment= opens the page of the discussion that holds it (see planning.views._comment_page).
        return (
            f"{reverse('planning:plan_detail', args=[self.plan.project_id])}?comment={self.pk}#plan-comment-{self.pk}"
        )


class PlanCommentRevision(CommentRevisionBase):
    comment = models.ForeignKey(PlanComment, on_delete=models.CASCADE, related_name="revisions")


# The self-assessment survey lives in its own module; imported here because Django finds an app's models in models.py.
from .survey import (  # noqa: E402, F401
    Answer,
    Area,
    CodedTheme,
    Coding,
    Invitation,
    Survey,
    SurveyResponse,
    SurveyResponseQuerySet,
    new_token,
)
