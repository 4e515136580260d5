"""Projects brought to a group, members' comments on them, and the "You Said, We Did" response.

The loop: staff open a project for comment until a closing date; members
comment; after it closes the project team records, theme by theme, what they
heard, how they reflected it (or why not) and where it is addressed; publishing
that response tells every member whose comment an entry answers.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from engagement.core.dates import end_of_day, local_today
from engagement.core.models import ManagedListItem
from engagement.core.uploads import EASY_READ_CHECK, OFFICE, PDF, FileCheck, easy_read_path, private_name
from members.models import EngagementGroup, Membership, User
from members.rules import is_engagement_staff

PAPER_CHECK = FileCheck(PDF | OFFICE, max_mb=20)
# More reasons a project's response cannot be published yet, each a function of the project returning a
# list of them, added in ready() by apps built on this one (the themes app: drafts not yet rewritten).
PUBLISH_CHECKS = []


class Partner(ManagedListItem):
    """A partner organisation of the integrated care system (nine in the source area)."""

    class Meta(ManagedListItem.Meta):
        verbose_name = "partner organisation"


class Theme(ManagedListItem):
    """A theme a project is tagged with, and the heading response entries are grouped under."""


class ChecklistArea(ManagedListItem):
    """One of the nine areas of the person-centred discussion guide every project is asked about."""

    question = models.TextField(help_text="What the project lead is asked to consider.")

    class Meta(ManagedListItem.Meta):
        verbose_name = "person-centred checklist area"


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user, memberships=None):
        """Projects this user may open on the member site: in one of their groups, and not a draft.
        memberships: as EngagementGroup.objects.visible_to."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.seen_by(is_engagement_staff(user), EngagementGroup.objects.visible_to(user, memberships))

    def seen_by(self, staff, groups):
        """The rule of visible_to() from who is looking: staff see every project, members those of their groups
        (groups: ids or a queryset) that are not drafts. The prepared queries call it with stand-ins."""
        if staff:
            return self
        in_their_groups = Project.groups.through.objects.filter(engagementgroup__in=groups).values("project")
        return self.filter(pk__in=in_their_groups).exclude(status=Project.Status.DRAFT)

    def open_for_comments(self, now=None, today=None):
        return self.filter(status=Project.Status.OPEN, closes_on__gte=today or local_today(now))

    def awaiting_response(self):
        return self.filter(status=Project.Status.CLOSED)

    def overdue(self, now=None):
        """Closed longer ago than the response target, with nothing published yet."""
        return self.awaiting_response().filter(closed_at__lt=(now or timezone.now()) - Project.response_target())

    def close_past_their_date(self, now=None):
        """Close open projects whose closing day has ended; return the ids closed."""
        due = dict(
            self.filter(status=Project.Status.OPEN, closes_on__lt=local_today(now)).values_list("pk", "closes_on")
        )
        # One update per closing day (usually one): comments stopped at the end of that day, not when this ran.
        for day in set(due.values()):
            self.filter(status=Project.Status.OPEN, closes_on=day, pk__in=due).update(
                status=Project.Status.CLOSED, closed_at=end_of_day(day), modified=timezone.now()
            )
        return list(due)

    def public(self):
        return self.filter(status=Project.Status.PUBLISHED, publish_publicly=True)

    def with_comment_count(self):
        # A subquery, not a join and GROUP BY: counted only for the rows a page shows, after ordering and
        # slicing, and a pager's count() leaves it out, rather than every visible project's comments counted.
        comments = (
            Comment.objects.filter(project=OuterRef("pk"), withdrawn_at=None, hidden_at=None)
            .order_by()
            .values("project")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(comments), 0))

    def with_commented_by(self, user_id):
        return self.annotate(
            commented_by_me=Exists(Comment.objects.filter(project=OuterRef("pk"), author=user_id, withdrawn_at=None))
        )

    def for_listing(self):
        """Open projects first, closing soonest first; then the rest, most recently closed first."""
        is_open = Q(status=Project.Status.OPEN)
        return self.select_related("partner").order_by(
            models.Case(models.When(is_open, then=models.Value(0)), default=models.Value(1)),
            models.Case(models.When(is_open, then="closes_on")).asc(nulls_last=True),
            models.F("closes_on").desc(nulls_last=True),
            "-pk",
        )


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for comments"
        CLOSED = "closed", "Closed"
        PUBLISHED = "published", "Response published"

    class Gathered(models.TextChoices):
        ONLINE = "online", "Comments on this website"
        MEETING = "meeting", "At a meeting"
        WORKSHOP = "workshop", "At a workshop"
        PAPER = "paper", "On paper"

    title = models.CharField(max_length=200)
    groups = models.ManyToManyField(
        EngagementGroup, related_name="projects", help_text="The groups this project is brought to."
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="projects")
    lead_name = models.CharField("project lead", max_length=150)
    lead_role = models.CharField("project lead's role", max_length=150, blank=True)
    lead_email = models.EmailField(
        "project lead's e-mail address", blank=True, help_text="Reminders to write the response go here."
    )
    summary = models.TextField(help_text="What the project is about, in plain English.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    closes_on = models.DateField(
        "comments close on",
        null=True,
        blank=True,
        help_text="Comments close at the end of this day. Needed before the project can open.",
    )
    gathered = models.CharField(
        "how views were gathered",
        max_length=10,
        choices=Gathered.choices,
        default=Gathered.ONLINE,
        help_text="For views gathered away from this website, write what was heard in the response entries "
        "below, then publish the response: comments never open online and no one is e-mailed.",
    )
    gathered_on = models.DateField("date views were gathered", null=True, blank=True)
    publish_publicly = models.BooleanField(
        "show the response on the public page",
        default=False,
        help_text="Once published, the response (naming no member) appears on the group's public page.",
    )
    easy_read = models.FileField(
        "easy-read version of the project",
        upload_to=easy_read_path,
        blank=True,
        validators=[EASY_READ_CHECK],
        max_length=200,
        help_text="A PDF or Word file. Members whose format needs include easy read are offered it.",
    )
    response_easy_read = models.FileField(
        "easy-read version of the response",
        upload_to=easy_read_path,
        blank=True,
        validators=[EASY_READ_CHECK],
        max_length=200,
        help_text="A PDF or Word file. Offered to members whose format needs include easy read, "
        "and to everyone on the public page.",
    )
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    response_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "closes_on"]), models.Index(fields=["status", "closed_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("feedback:project_detail", args=[self.pk])

    def get_response_url(self):
        return reverse("feedback:project_response", args=[self.pk])

    @staticmethod
    def response_target():
        return timedelta(weeks=settings.FEEDBACK_RESPONSE_TARGET_WEEKS)

    @property
    def comments_close_at(self):
        return end_of_day(self.closes_on) if self.closes_on else None

    @property
    def comments_closed_on(self):
        """The last day comments were taken: the closing day, or the day staff closed them early."""
        if self.closed_at and self.closed_at < self.comments_close_at:
            return local_today(self.closed_at)
        return self.closes_on

    def is_open_for_comments(self, now=None):
        return Project.open_at(self.status, self.closes_on, now or timezone.now())

    @classmethod
    def open_at(cls, status, closes_on, now):
        """is_open_for_comments() from the columns, for pages that read them as values."""
        # The hourly closing task may not have run yet: the clock decides, not only the status.
        return status == cls.Status.OPEN and closes_on is not None and now < end_of_day(closes_on)

    @property
    def response_due_on(self):
        if self.closed_at is None:
            return None
        return local_today(self.closed_at + self.response_target())

    def is_overdue(self, now=None):
        return Project.overdue_at(self.status, self.closed_at, now or timezone.now())

    @classmethod
    def overdue_at(cls, status, closed_at, now):
        """is_overdue() from the columns, for pages that read them as values."""
        return status == cls.Status.CLOSED and closed_at is not None and now - closed_at > cls.response_target()

    @property
    def status_tag(self):
        """(colour, words) of the NHS.UK tag saying where the project has got to, as members see it:
        silence after the response target shows as "Awaiting response"."""
        return Project.tag_at(self.status, self.closes_on, self.closed_at, timezone.now())

    @classmethod
    def tag_at(cls, status, closes_on, closed_at, now):
        """status_tag from the columns, for pages that read them as values."""
        if status == cls.Status.DRAFT:
            return "grey", "Draft"
        if cls.open_at(status, closes_on, now):
            return "green", "Open for comments"
        if status == cls.Status.PUBLISHED:
            return "blue", "Response published"
        if cls.overdue_at(status, closed_at, now):
            return "orange", "Awaiting response"
        return "grey", "Closed"

    @property
    def days_to_response(self):
        if self.closed_at is None or self.response_published_at is None:
            return None
        return (local_today(self.response_published_at) - local_today(self.closed_at)).days

    def problems_opening(self, now=None):
        """Plain-English reasons this project cannot open for comments now (empty if it can)."""
        problems = []
        if self.is_gathered_offline:
            problems.append(f"its views were gathered {self.get_gathered_display().lower()}, not online")
        if self.status not in (self.Status.DRAFT, self.Status.CLOSED):
            problems.append(f"it is already {self.get_status_display().lower()}")
        if self.closes_on is None or self.closes_on < local_today(now):
            problems.append("its closing date must be today or later")
        if not self.groups.exists():
            problems.append("it has not been brought to any group")
        return problems

    def mark_closed(self, now=None):
        self.status = self.Status.CLOSED
        self.closed_at = now or timezone.now()
        self.save(update_fields=["status", "closed_at", "modified"])

    def mark_open(self, now=None):
        self.status = self.Status.OPEN
        self.opened_at = self.opened_at or now or timezone.now()
        self.closed_at = None
        self.save(update_fields=["status", "opened_at", "closed_at", "modified"])

    @property
    def is_gathered_offline(self):
        return self.gathered != self.Gathered.ONLINE

    def problems_publishing(self):
        problems = []
        # Views gathered offline need no comment period: their response is published straight from the draft.
        ready = self.Status.DRAFT if self.is_gathered_offline else self.Status.CLOSED
        if self.status not in (ready, self.Status.PUBLISHED):
            problems.append("comments must be closed first")
        if not self.response_entries.exists():
            problems.append("it has no response entries yet")
        for check in PUBLISH_CHECKS:
            problems.extend(check(self))
        return problems

    def mark_published(self, now=None):
        self.status = self.Status.PUBLISHED
        # The first publication date is what the impact figures measure.
        self.response_published_at = self.response_published_at or now or timezone.now()
        self.save(update_fields=["status", "response_published_at", "modified"])

    def members(self):
        """People who take part in this project's groups, for e-mails about it (staff are not told)."""
        return User.objects.filter(
            is_active=True,
            memberships__group__in=self.groups.all(),
            memberships__status__in=Membership.Status.with_access(),
            memberships__role__in=COMMENTING_ROLES,
        ).distinct()

    def checklist(self):
        """Every checklist area, each with this project's `answer` (None if not answered yet): one query."""
        answers = ChecklistAnswer.objects.filter(project=self, area=OuterRef("pk")).order_by().values("answer")[:1]
        return ChecklistArea.objects.annotate(answer=Subquery(answers))

    def discussion(self, comments, questions, can_see):
        """Arrange comments into sections (the whole project, then each question) of threads:
        (number, question, threads), numbered as the questions are asked; None for the whole project.

        `comments` is every comment on the project, already fetched; each top-level
        one gets `replies`. A comment `can_see` rejects is left out, or kept as a
        placeholder when it has replies, so the replies keep their context.
        """
        replies = {}
        for comment in comments:
            comment.is_visible = can_see(comment)
            if comment.parent_id and comment.is_visible:
                replies.setdefault(comment.parent_id, []).append(comment)
        threads = {None: []} | {question.pk: [] for question in questions}
        for comment in comments:
            if comment.parent_id is None:
                comment.visible_replies = replies.get(comment.pk, [])
                if comment.is_visible or comment.visible_replies:
                    threads.setdefault(comment.question_id, []).append(comment)
        numbered = {question.pk: (number, question) for number, question in enumerate(questions, 1)}
        return [(*numbered.get(key, (None, None)), section) for key, section in threads.items()]


# Roles that take part in discussions; observers and staff follow them but do not comment.
COMMENTING_ROLES = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR, Membership.Role.MEMBER]


class Question(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField("question")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are asked first.")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


def paper_path(paper, filename):
    return private_name("project-papers", filename)


class Paper(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path, blank=True, validators=[PAPER_CHECK], max_length=200)
    url = models.URLField("or a link", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError("Upload a file or give a link, but not both.")

    def get_absolute_url(self):
        if self.url:
            return self.url
        return reverse("feedback:download_paper", args=[self.project_id, self.pk])


class ChecklistAnswer(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="checklist_answers")
    area = models.ForeignKey(ChecklistArea, on_delete=models.PROTECT, related_name="answers")
    answer = models.TextField(help_text="The project lead's answer, shown to members.")

    class Meta:
        ordering = ["area__position", "area__name"]
        constraints = [models.UniqueConstraint(fields=["project", "area"], name="one_answer_per_checklist_area")]

    def __str__(self):
        return f"{self.area} – {self.project}"


class MemberComment(models.Model):
    """What a member writes, on a project or on a plan: edited with what it said before kept as a
    revision (the concrete model has a `revisions` relation), or withdrawn."""

    body = models.TextField("comment")
    created = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        text = " ".join(self.body.split())
        return f"{self.author}: {text[:60]}{'…' if len(text) > 60 else ''}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @transaction.atomic
    def edit(self, body):
        """Change the text, keeping what it said before."""
        if body != self.body:
            self.revisions.create(body=self.body)
            self.body = body
            self.edited_at = timezone.now()
            self.save(update_fields=["body", "edited_at"])

    def withdraw(self):
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_at"])


class CommentRevisionBase(models.Model):
    """What a comment said before its author edited it."""

    body = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created", "pk"]

    def __str__(self):
        return f"Earlier version of comment {self.comment_id}"


class Comment(MemberComment):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text="Leave empty for a comment on the project as a whole.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name="reply to"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_comments")
    areas = models.ManyToManyField(
        ChecklistArea, blank=True, related_name="comments", verbose_name="person-centred areas"
    )
    said_at_meeting_on = models.DateField(
        "said at the meeting on", null=True, blank=True, help_text="For a comment made at a meeting, recorded by staff."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_reason = models.TextField(blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "pk"]
        # The second index serves the staff admin's list of all comments, newest or oldest first; the third,
        # "you have commented" on project lists (one look-up a project, however much either side has written);
        # the fourth, a page of a project's discussion: one section's threads in order, read from the index
        # rather than all of a busy project's threads sorted for every page; the fifth, the project page's
        # counts of them by question (feedback.views.COMMENT_COUNTS), from the index alone on PostgreSQL
        # (its included columns are all that query reads), not from every comment's row.
        indexes = [
            models.Index(fields=["project", "created"]),
            models.Index(fields=["created", "id"]),
            models.Index(fields=["project", "author"]),
            models.Index(
                fields=["project", "question", "created", "id"], condition=Q(parent=None), name="comment_thread_order"
            ),
            models.Index(
                fields=["project", "question"],
                include=["id", "parent", "hidden_at", "withdrawn_at", "created", "edited_at"],
                name="comment_counts",
            ),
        ]

    def get_absolute_url(self):
        # ?comment= opens the page of the discussion that holds this comment.
        return f"{self.project.get_absolute_url()}?comment={self.pk}#comment-{self.pk}"

    def clean(self):
        errors = {}
        if self.question_id and self.project_id and self.question.project_id != self.project_id:
            errors["question"] = "That question belongs to another project."
        if self.parent_id:
            if self.parent.parent_id:
                errors["parent"] = "Reply to the first comment in the thread: replies cannot have replies."
            if self.parent.project_id != self.project_id:
                errors["parent"] = "That comment belongs to another project."
        if errors:
            raise ValidationError(errors)

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @transaction.atomic
    def edit(self, body, areas=None):
        super().edit(body)
        if areas is not None:
            self.areas.set(areas)

    @transaction.atomic
    def move_to(self, question):
        """Put a thread under another of the project's questions (None: the project as a whole).
        Its replies go with it: a reply is always under its thread's question."""
        if (question.pk if question else None) != self.question_id:
            self.question = question
            self.save(update_fields=["question"])
            self.replies.update(question=question)

    def hide(self, by, reason):
        self.hidden_at = timezone.now()
        self.hidden_by = by
        self.hidden_reason = reason
        self.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])

    def unhide(self):
        self.hidden_at = None
        self.hidden_by = None
        self.save(update_fields=["hidden_at", "hidden_by"])


class CommentRevision(CommentRevisionBase):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")


class ResponseEntry(models.Model):
    """One row of the "You Said, We Did" response: what was heard and what was done about it."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", "Adopted"
        PARTLY_ADOPTED = "partly_adopted", "Partly adopted"
        NOT_ADOPTED = "not_adopted", "Not adopted"
        UNDER_CONSIDERATION = "under_consideration", "Still being considered"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="response_entries")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="response_entries")
    what_we_heard = models.TextField("what we heard", help_text="A summary of the comments this entry answers.")
    how_we_reflected = models.TextField(
        "how we reflected this, or why not",
        help_text="What changed because of it. If the view was not used, say why: the guidance requires it.",
    )
    where_addressed = models.CharField(
        "where this is addressed",
        max_length=250,
        blank=True,
        help_text="The document or section, e.g. “Section 4: Access”.",
    )
    where_addressed_url = models.URLField("link to where this is addressed", blank=True)
    outcome = models.CharField(
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text="Leave empty where no outcome fits, for example a view that only needed an answer.",
    )
    comments = models.ManyToManyField(
        Comment, blank=True, related_name="response_entries", verbose_name="comments it answers"
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within its theme.")
    followed_up_on = models.DateField("date of the follow-up", null=True, blank=True)
    difference_made = models.TextField(
        "what difference it made",
        blank=True,
        help_text="Added later, once the change has happened: what is different now for patients or the public.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__position", "theme__name", "position", "pk"]
        verbose_name = "response entry"
        verbose_name_plural = "response entries"

    def __str__(self):
        text = " ".join(self.what_we_heard.split())
        return f"{self.theme}: {text[:60]}{'…' if len(text) > 60 else ''}"

    def get_absolute_url(self):
        return f"{self.project.get_response_url()}#entry-{self.pk}"

    def clean(self):
        # A follow-up is a dated statement: "what changed" without a date, or a date alone, says too little.
        if self.difference_made.strip() and not self.followed_up_on:
            raise ValidationError({"followed_up_on": "Enter the date of the follow-up, for example 3/4/2027"})
        if self.followed_up_on and not self.difference_made.strip():
            raise ValidationError({"difference_made": "Say what difference it made, or remove the date"})

    @property
    def outcome_colour(self):
        return OUTCOME_COLOURS.get(self.outcome)


# NHS.UK tag colours for each outcome, so the same outcome looks the same on every page.
OUTCOME_COLOURS = {
    ResponseEntry.Outcome.ADOPTED: "green",
    ResponseEntry.Outcome.PARTLY_ADOPTED: "blue",
    ResponseEntry.Outcome.NOT_ADOPTED: "grey",
    ResponseEntry.Outcome.UNDER_CONSIDERATION: "yellow",
}


class ResponseChase(models.Model):
    """One reminder to a project lead to write the response: at most one per project per event.

    The lead is a name and an address, not an account, so the Notification table
    (which is per person) cannot make these once-only; this unique row does.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="response_chases")
    event = models.CharField(max_length=80, help_text="response-due, or response-chase-<ISO week> once overdue.")
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["project", "event"], name="one_lead_chase_per_event")]

    def __str__(self):
        return f"{self.event} to {self.email}"


class FeedbackPreference(models.Model):
    """A member's choices about project e-mails (kept here so the feedback app owns them)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_preference")
    closing_reminders = models.BooleanField(
        "remind me before comments close",
        default=True,
        help_text="An e-mail 3 days before comments close on a project you have not commented on.",
    )

    def __str__(self):
        return f"Project e-mail choices for {self.user}"
