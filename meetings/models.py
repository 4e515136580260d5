import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, FilteredRelation, Func, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from engagement.core.uploads import MB, OFFICE, PDF, FileCheck, private_name
from members.models import EngagementGroup, Membership, User

from . import wording

PAPER_CHECK = FileCheck(PDF | OFFICE, max_mb=20)


class Venue(models.Model):
    name = models.CharField(max_length=150)
    address = models.TextField()
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField("hearing loop", default=False)
    accessible_toilet = models.BooleanField("accessible toilet", default=False)
    parking = models.CharField(max_length=200, blank=True, help_text="e.g. Free car park, 4 blue badge spaces")
    public_transport = models.CharField(max_length=200, blank=True, help_text="e.g. Bus 12 stops outside")
    notes = models.TextField("other access information", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def access_summary(self):
        """Plain-English access facts, for pages and e-mails."""
        facts = [
            "Step-free access" if self.step_free else "No step-free access",
            "Hearing loop" if self.hearing_loop else "No hearing loop",
        ]
        if self.accessible_toilet:
            facts.append("Accessible toilet")
        facts += [text for text in (self.parking, self.public_transport, self.notes) if text]
        return facts


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user, memberships=None):
        """memberships: as EngagementGroup.objects.visible_to."""
        return self.filter(group__in=EngagementGroup.objects.visible_to(user, memberships))

    def seen_by(self, staff, groups):
        """visible_to()'s rule from who is looking, for the prepared queries (engagement.core.prepared): the
        meetings of the groups EngagementGroup.objects.seen_by() gives (groups: ids, or groups_with_access())."""
        return self.filter(group__in=EngagementGroup.objects.seen_by(staff, groups))

    def ahead(self, now=None):
        """Meetings not yet over, cancelled ones included: the list shows them as cancelled."""
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def upcoming(self, now=None):
        """Meetings still to come and still happening."""
        return self.ahead(now).exclude(status=Meeting.Status.CANCELLED)

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")

    def table_rows(self):
        """What the table of past meetings shows (templates/meetings/meeting_list.html): less than a card,
        so no venue or reply to join. Meeting.table_row() adds the link and the words."""
        return self.values("pk", "title", "start", "status", "minutes_status", "group__name")

    def with_readiness(self):
        """For the staff home, each meeting's readiness counted in the database: one query for any number of
        meetings. Invitees as Meeting.invitees(), and the counts as the meeting page's arrangements
        (meetings/views.py): attending counts invitees only, apologies count everyone's."""
        invitees = Membership.objects.filter(
            group=OuterRef("group"),
            status=Membership.Status.ACTIVE,
            role__in=Membership.Role.voting(),
            user__is_active=True,
        )
        replies = Reply.objects.filter(meeting=OuterRef("pk"))
        attending = replies.filter(response=Reply.Response.ATTENDING)
        # One filter() call, so the membership conditions hold for one and the same membership.
        attending_invitees = attending.filter(
            user__is_active=True,
            user__memberships__group=OuterRef("group"),
            user__memberships__status=Membership.Status.ACTIVE,
            user__memberships__role__in=Membership.Role.voting(),
        )
        replied = Reply.objects.filter(meeting=OuterRef(OuterRef("pk")), user=OuterRef("user"))
        return self.annotate(
            invitee_count=_count(invitees),
            attending_count=_count(attending_invitees),
            apologies_count=_count(replies.filter(response=Reply.Response.APOLOGIES)),
            no_reply_count=_count(invitees.exclude(Exists(replied))),
            needs_count=_count(
                attending.filter(Q(user__access_needs__isnull=False) | ~Q(user__access_needs_other="")), "user"
            ),
            offline_count=_count(invitees.exclude(user__communication_preference=User.CommunicationPreference.EMAIL)),
        )

    def cards(self, user_id):
        """What meeting cards and list rows show (templates/meetings/_meeting_cards.html), with this person's reply.

        Dicts, not meetings: lists show dozens, and a model with its group and venue costs more
        to make and to read than the row. Meeting.card() adds the link and the words.
        """
        # A join to at most one reply (one_reply_per_person_per_meeting): less to build than a subquery.
        mine = FilteredRelation("replies", condition=Q(replies__user=user_id))
        return self.annotate(mine=mine).values(
            "pk",
            "title",
            "start",
            "end",
            "status",
            "minutes_status",
            "online_link",
            "group__name",
            "venue__name",
            my_response=F("mine__response"),
        )


def _count(queryset, field="pk"):
    """How many different `field` values a correlated subquery finds: one number for each outer row."""
    distinct = Func(F(field), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    return Subquery(queryset.order_by().annotate(n=distinct).values("n"), output_field=IntegerField())


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", "Regular meeting"
        EXTRAORDINARY = "extraordinary", "Extraordinary meeting"
        WORKSHOP = "workshop", "Workshop"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        PAPERS_ISSUED = "papers_issued", "Papers issued"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    class MinutesStatus(models.TextChoices):
        NONE = "none", "Not written yet"
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    # Papers are out once issued, and stay out after the meeting.
    PAPERS_OUT = (Status.PAPERS_ISSUED, Status.HELD)

    group = models.ForeignKey(EngagementGroup, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    start = models.DateTimeField(help_text="UK time.")
    end = models.DateTimeField(help_text="UK time.")
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    online_link = models.URLField("online joining link", blank=True)
    online_instructions = models.CharField(max_length=200, blank=True, help_text="e.g. Meeting ID and passcode")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    papers_deadline = models.DateField(null=True, blank=True, help_text="When papers must reach the engagement team.")
    minutes_status = models.CharField(max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.NONE)
    minutes_approved_on = models.DateField(null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded the group's approval (services.approve_minutes).",
    )
    minutes_comments_until = models.DateField(
        "comments on the draft minutes by",
        null=True,
        blank=True,
        help_text="Those who attended may comment on the draft until the end of this day. "
        "Left blank, sending the draft sets it to two weeks from that day.",
    )
    register_taken_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When staff last saved the attendance register."
    )
    # Calendar identity: the UID never changes, so a moved meeting updates in
    # people's calendars; the sequence goes up with every change of time.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="meeting_ends_after_it_starts",
                violation_error_message="The meeting must end after it starts.",
            )
        ]
        indexes = [models.Index(fields=["group", "start"]), models.Index(fields=["status", "start"])]
        permissions = [("export_meeting_documents", "Can export meeting packs and minutes")]

    def __str__(self):
        return f"{self.title}, {wording.date_in_words(self.start)}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The meeting must end after it starts."})
        if not self.venue_id and not self.online_link and self.status != self.Status.CANCELLED:
            raise ValidationError("Give a venue, an online joining link, or both.")

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def when_in_words(self):
        return wording.span_in_words(self.start, self.end)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_upcoming(self):
        return self.end >= timezone.now() and not self.is_cancelled

    @property
    def papers_are_issued(self):
        return self.status in self.PAPERS_OUT

    @property
    def minutes_are_approved(self):
        return self.minutes_status == self.MinutesStatus.APPROVED

    @classmethod
    def table_row(cls, row, url):
        """Completes a table_rows() row with its link (url: engagement.core.row_urls.pk_url) and what the table
        says, by the rules of the properties above."""
        row["url"] = url(row["pk"])
        row["is_cancelled"] = row["status"] == cls.Status.CANCELLED
        row["minutes_are_approved"] = row["minutes_status"] == cls.MinutesStatus.APPROVED
        return row

    @classmethod
    def card(cls, row, url):
        """Completes a cards() row as table_row() does, and with the rest of what the card says."""
        cls.table_row(row, url)
        row["when_in_words"] = wording.span_in_words(row["start"], row["end"])
        row["papers_are_issued"] = row["status"] in cls.PAPERS_OUT
        return row

    def agenda(self, items):
        """(start time, item) pairs: each item starts when the one before it is planned to end."""
        clock = self.start
        timed = []
        for item in items:
            timed.append((clock, item))
            clock += timedelta(minutes=item.minutes_allotted)
        return timed

    def record_reply(self, user, response, note="", channel="site"):
        reply, _ = Reply.objects.update_or_create(
            meeting=self,
            user=user,
            defaults={"response": response, "note": note, "channel": channel, "responded_at": timezone.now()},
        )
        return reply

    def invitees(self):
        """Everyone asked to reply: active members of the group. People on leave, staff and observers are not chased."""
        return User.objects.filter(
            is_active=True,
            memberships__group_id=self.group_id,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=Membership.Role.voting(),
        )


def paper_path(instance, filename):
    return private_name("papers", filename)


class AgendaItemQuerySet(models.QuerySet):
    def open_to(self, confidential: bool):
        """The items someone may see: confidential ones only if rules.can_see_confidential says so."""
        return self if confidential else self.filter(confidential=False)


class AgendaItem(models.Model):
    class Purpose(models.TextChoices):
        INFORMATION = "information", "For information"
        DISCUSSION = "discussion", "For discussion"
        DECISION = "decision", "For decision"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION)
    presenter = models.CharField(max_length=150, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(default=15)
    project = models.ForeignKey(
        "feedback.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text="The project under review that this item discusses, if any.",
    )
    outcome = models.TextField("outcome note", blank=True)
    minutes_of = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="approval_items",
        help_text="The earlier meeting whose minutes this item approves (services.put_minutes_on_next_agenda).",
    )
    minutes = models.TextField(blank=True, help_text="What was discussed and agreed. Members see it once approved.")
    confidential = models.BooleanField(
        default=False,
        help_text="Only the group's members (not observers or guests) and staff can see this item, its papers "
        "and its minutes, which are kept in a separate confidential section. It is left out of everything public.",
    )
    history = HistoricalRecords()

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Paper(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path, validators=[PAPER_CHECK], max_length=200)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded = models.DateTimeField(auto_now_add=True)
    accessible_version_received = models.BooleanField(
        "accessible version received",
        default=False,
        help_text="Tick once the file here is a version the partner has made to work with screen readers "
        "(a tagged PDF or an accessible Word document). Until then members are told it may not, "
        "and offered a way to ask for an accessible copy.",
    )

    class Meta:
        ordering = ["item__position", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:paper", args=[self.pk])

    @property
    def size_in_words(self):
        return f"{max(self.size // 1024, 1)} KB" if self.size < MB else f"{self.size / MB:.1f} MB"

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class Reply(models.Model):
    """A member's answer to "will you come?"; one per person per meeting."""

    class Response(models.TextChoices):
        ATTENDING = "attending", "Attending"
        APOLOGIES = "apologies", "Sending apologies"

    class Channel(models.TextChoices):
        SITE = "site", "Website"
        EMAIL_LINK = "email_link", "Link in e-mail"
        STAFF = "staff", "Recorded by staff"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="replies")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_replies")
    response = models.CharField(max_length=10, choices=Response.choices)
    note = models.CharField(max_length=300, blank=True)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.SITE)
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "replies"
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_reply_per_person_per_meeting")]

    def __str__(self):
        return f"{self.user}: {self.get_response_display()}"


class Attendee(models.Model):
    """Who was actually there, recorded by staff on the day."""

    class Kind(models.TextChoices):
        MEMBER = "member", "Member"
        STAFF = "staff", "Staff"
        GUEST = "guest", "Guest"
        SUBSTITUTE = "substitute", "Substitute"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="attended"
    )
    guest_name = models.CharField(max_length=150, blank=True, help_text="For guests without an account.")
    organisation = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    online = models.BooleanField("joined online", default=False)
    declaration_of_interest = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "user__full_name", "guest_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="one_attendance_per_person"
            ),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(guest_name=""), name="attendee_has_a_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.user.display_name if self.user_id else self.guest_name


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[Action.Status.OPEN, Action.Status.CARRIED_FORWARD])

    def arising_at(self, meeting):
        """The matters arising on `meeting`'s agenda: the group's actions from earlier meetings still open.
        Worked out each time rather than copied onto the agenda, so an action marked done drops off at once."""
        return self.arising(meeting.group_id, meeting.start)

    def arising(self, group_id, start):
        """arising_at() from the meeting's group and start, for the prepared queries."""
        return self.open().filter(meeting__group_id=group_id, meeting__start__lt=start)

    def mark_done(self):
        """Mark the open ones done today (the admin's list action); returns how many there were."""
        return self.open().update(status=Action.Status.DONE, completed_on=timezone.localdate())


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CARRIED_FORWARD = "carried_forward", "Carried forward"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    description = models.TextField("what needs doing")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_actions")
    due = models.DateField("due by")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due"])]

    def __str__(self):
        return self.description[:60]

    @property
    def is_overdue(self):
        return self.overdue(self.status, self.due)

    @classmethod
    def overdue(cls, status, due):
        """The rule of is_overdue, for rows read as values."""
        return status != cls.Status.DONE and due < timezone.localdate()

    def mark_done(self):
        self.status = self.Status.DONE
        self.completed_on = timezone.localdate()
        self.save(update_fields=["status", "completed_on"])


class CalendarFeed(models.Model):
    """A member's private calendar address. Revoking makes a new token, so the old address stops working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Calendar feed for {self.user}"


class Absence(models.Model):
    """A member expected at a meeting who was not there, recorded with the register
    (services.take_register). With the member attendees it is the register's record of who was expected,
    so the figures stay right after someone steps down."""

    class Reason(models.TextChoices):
        APOLOGIES = "apologies", "Apologies sent"
        NO_APOLOGIES = "no_apologies", "Absent without apologies"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="absences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_absences")
    reason = models.CharField(max_length=12, choices=Reason.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_absence_per_person_per_meeting")]

    def __str__(self):
        return f"{self.user}: {self.get_reason_display()}"


class DecisionQuerySet(models.QuerySet):
    def for_log(self, group, search="", confidential=False):
        """The group's decisions log, newest meeting first, each decision with its item, meeting and proposer;
        those under confidential items only if `confidential` (rules.can_see_confidential_decisions)."""
        decisions = self.filter(item__meeting__group=group).exclude(item__meeting__status=Meeting.Status.CANCELLED)
        if not confidential:
            decisions = decisions.filter(item__confidential=False)
        for word in search.split():
            decisions = decisions.filter(
                Q(text__icontains=word) | Q(item__title__icontains=word) | Q(item__meeting__title__icontains=word)
            )
        return decisions.select_related("item__meeting", "proposed_by").order_by(
            "-item__meeting__start", "item__position", "item__pk", "pk"
        )


class Decision(models.Model):
    """What the group decided under an agenda item, recorded by staff; the minutes and the decisions log show it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField("what was decided")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions_proposed"
    )
    votes_for = models.PositiveSmallIntegerField("for", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("against", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def vote_counts(self):
        """For, against, abstained: each None when not counted."""
        return (self.votes_for, self.votes_against, self.abstentions)

    @property
    def summary(self):
        """ "Proposed by Jo Bloggs. Vote: 8 for, 2 against, 1 abstained.", as much of it as was recorded;
        "" for neither. The minutes and the decisions log say it after the decision."""
        counted = zip(self.vote_counts, ["for", "against", "abstained"], strict=True)
        votes = ", ".join(f"{count} {label}" for count, label in counted if count is not None)
        said = [
            f"Proposed by {self.proposed_by.full_name}." if self.proposed_by else "",
            f"Vote: {votes}." if votes else "",
        ]
        return " ".join(part for part in said if part)


class MinutesComment(models.Model):
    """An attendee's comment on, or amendment to, a meeting's draft minutes (services.comment_on_minutes)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        AMENDMENT = "amendment", "Amendment"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="minutes_comments")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.author}"
