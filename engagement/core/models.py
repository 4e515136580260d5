"""Models every app shares: the e-mail record, the task outbox and the base of staff-managed lists."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .uploads import private_name


class ManagedListItem(models.Model):
    """A short list that staff manage for their deployment (localities, needs...)."""

    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class NotificationQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Notification(models.Model):
    """One message to one person about one event (a meeting's reminder, a published response...), by one
    channel: an e-mail, a text message or a letter (engagement/core/channels.py).

    The unique constraint is what makes every message once-only: however many
    times a task runs, retries or races another worker, only one row can exist
    per person, object, event and channel, and only one worker can claim it.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        SMS = "sms", "Text message"
        LETTER = "letter", "Letter"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (will retry)"
        NOT_SENT = "not-sent", "Not sent: no longer needed"
        # Handed to the mail server, then the worker or the database went away before the answer
        # was recorded: sending again could send it twice, so staff check with the person instead.
        UNKNOWN = "unknown", "Unknown: may have been sent, check with the person"
        # Letters cost money: none is posted until staff approve it (engagement/core/letter_approval.py).
        AWAITING_APPROVAL = "awaiting-approval", "Letter waiting for staff approval"

    # GOV.UK Notify's statuses that mean the message did not reach the person (delivery receipts).
    UNDELIVERED = [
        "permanent-failure",
        "temporary-failure",
        "technical-failure",
        "validation-failed",
        "virus-scan-failed",
    ]

    # None for someone with no account (an applicant, a survey invitee, a project's lead):
    # the subject holds their address, so none is copied here.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    event = models.CharField(max_length=80, help_text="What happened, e.g. invitation, reminder-7, papers-issued.")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the message was handed to the mail server; empty if it never was."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(
        max_length=40, blank=True, db_index=True, help_text="GOV.UK Notify's id for the message, once it has it."
    )
    delivery_status = models.CharField(
        max_length=30, blank=True, help_text="What GOV.UK Notify last said about delivering it, e.g. delivered."
    )
    delivery_checked_at = models.DateTimeField(null=True, blank=True)
    sent_again = models.PositiveSmallIntegerField(
        default=0, help_text="How many times staff had it sent again after GOV.UK Notify could not deliver it."
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "members_notification"  # made by the members app before the move to core
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id", "event", "channel"],
                name="one_notification_per_person_per_event_channel",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "event", "channel"],
                condition=models.Q(user=None),
                name="one_notification_per_subject_per_event_channel",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "event"]), models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.event} to {self.user or self.subject}"

    @property
    def reference(self) -> str:
        """GOV.UK Notify's reference for the message: the row's id; for a message staff had sent again after
        Notify could not deliver it, also which sending it is ("123-2"), so the undelivered one, which
        Notify still holds under the earlier reference, is never taken for it."""
        return f"{self.pk}-{self.sent_again + 1}" if self.sent_again else str(self.pk)

    @staticmethod
    def with_reference(reference: str) -> models.Q | None:
        """A filter for the row whose message has this reference; None if it is not one of ours."""
        pk, _, sending = reference.partition("-")
        if not (pk.isascii() and pk.isdigit() and len(pk) < 19):
            return None
        if not sending:
            return models.Q(pk=int(pk), sent_again=0)
        if sending.isascii() and sending.isdigit() and 2 <= int(sending) <= 32768:
            return models.Q(pk=int(pk), sent_again=int(sending) - 1)
        return None


class QueuedTask(models.Model):
    """A Celery task recorded in the same transaction as the change that needs it (a transactional outbox).

    If Redis is down when the change commits, the row waits here and the relay
    sends it when Redis is back, so a comment or claim never loses its e-mail.
    The task marks the row done when it finishes; until then the relay sends it
    again whenever `lease_until` passes, so a message Redis lost is not lost
    (engagement/core/outbox.py).
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, help_text="Sent again after this if not done by then.")
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        db_table = "members_queuedtask"  # made by the members app before the move to core
        ordering = ["created"]
        indexes = [models.Index(fields=["dispatched_at", "created"]), models.Index(fields=["done_at", "lease_until"])]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class FormSubmission(models.Model):
    """A create form that has been sent and acted on (engagement/core/idempotency.py).

    The unique key makes a second copy of the same submission (a double click, a
    resend) fail to insert, even when both arrive at once; it then learns from
    `result_url` where the first one led. The key is a hash, so no answer is kept here.
    """

    key = models.CharField(max_length=64, unique=True)
    result_url = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "members_formsubmission"  # made by the members app before the move to core

    def __str__(self):
        return f"Form sent {self.created:%d %B %Y %H:%M}"


def import_file_path(instance, filename):
    return private_name("imports", filename)


class ImportJob(models.Model):
    """One file imported through the admin, checked and then imported in the background (engagement/core/imports.py).

    The file waits in private storage between the check and the import, and is
    deleted when the job ends; the job itself is deleted by the retention schedule.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking the file"
        HAS_ERRORS = "has_errors", "Checked: there are problems to put right"
        READY = "ready", "Checked: ready to import"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Stopped before it finished"

    RUNNING = (Status.CHECKING, Status.IMPORTING)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(max_length=100, help_text="app_label.model_name of the admin it was uploaded to")
    resource = models.CharField(max_length=200, help_text="dotted path of the import resource class")
    format = models.CharField(max_length=200, help_text="dotted path of the file format class")
    file = models.FileField(upload_to=import_file_path, blank=True, max_length=200)
    file_name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKING)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    # What the pages show: counts, the rows with problems and the first rows (engagement/core/imports.py).
    preview = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "members_importjob"  # made by the members app before the move to core
        ordering = ["-created"]

    def __str__(self):
        return f"Import of {self.file_name}"

    @property
    def is_running(self):
        return self.status in self.RUNNING
