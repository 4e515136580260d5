"""Steps in a meeting's life that change it and tell people about it.

Each runs in one transaction and queues its e-mails through the outbox in that
same transaction: a rolled-back change sends nothing, and a committed one is
not lost if Redis is down at that moment. Views, admin actions and commands
all come here.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from engagement.core import notifications, outbox
from engagement.core.tasks import send_notifications
from members.models import Membership, User

from . import documents, tasks
from .attendance import Mark, missed_in_a_row
from .models import Absence, AgendaItem, Attendee, Meeting, MinutesComment, Paper, Reply


@transaction.atomic
def arrange(meetings):
    """Meetings just added: invite their groups now rather than at the next scheduled run."""
    for meeting in meetings:
        outbox.enqueue(tasks.plan_meeting_emails, meeting.pk)


@transaction.atomic
def issue_papers(meeting):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save(update_fields=["status", "modified"])
    outbox.enqueue(tasks.plan_meeting_emails, meeting.pk)


@transaction.atomic
def move(meeting, start, end):
    """Change the time; everyone already told hears about it, and calendars update (same UID, new sequence)."""
    meeting.start, meeting.end = start, end
    meeting.sequence += 1
    meeting.save(update_fields=["start", "end", "sequence", "modified"])
    outbox.enqueue(tasks.announce_change, meeting.pk, f"moved-{meeting.sequence}")


@transaction.atomic
def cancel(meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "modified"])
    outbox.enqueue(tasks.announce_change, meeting.pk, "cancelled")


@transaction.atomic
def build_document(meeting, kind, user, large_print=False):
    """A large pack or minutes: built in the background, then its reader is e-mailed a link."""
    outbox.enqueue(tasks.build_meeting_document, meeting.pk, kind, user.pk, large_print)


@transaction.atomic
def take_register(meeting: Meeting, marks: dict) -> list:
    """Record how each person on the register took part (marks: {user id: attendance.Mark}), mark the
    meeting held, and tell the group's staff about anyone who has now missed as many meetings in a row
    as the group's terms of reference allow. Returns the ids of the people staff are told about.

    Apologies are kept as replies too, and a reply of apologies is removed for someone marked absent
    without them, so the minutes (which read the replies) say what the register says.
    """
    # Locked so two staff saving the same register at once cannot leave a person both present and absent.
    meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    present = {user_id: mark for user_id, mark in marks.items() if mark in Mark.present()}
    absent = {user_id: mark for user_id, mark in marks.items() if mark not in Mark.present()}
    Absence.objects.filter(meeting=meeting, user__in=present).delete()
    Attendee.objects.filter(meeting=meeting, kind=Attendee.Kind.MEMBER, user__in=absent).delete()
    for user_id, mark in present.items():
        Attendee.objects.update_or_create(
            meeting=meeting, user_id=user_id, defaults={"kind": Attendee.Kind.MEMBER, "online": mark == Mark.ONLINE}
        )
    for user_id, mark in absent.items():
        Absence.objects.update_or_create(meeting=meeting, user_id=user_id, defaults={"reason": mark})
    with_apologies = [user_id for user_id, mark in absent.items() if mark == Mark.APOLOGIES]
    already = set(
        meeting.replies.filter(user__in=with_apologies, response=Reply.Response.APOLOGIES).values_list(
            "user_id", flat=True
        )
    )
    for user_id in set(with_apologies) - already:
        Reply.objects.update_or_create(
            meeting=meeting,
            user_id=user_id,
            defaults={
                "response": Reply.Response.APOLOGIES,
                "channel": Reply.Channel.STAFF,
                "responded_at": timezone.now(),
            },
        )
    meeting.replies.filter(
        user__in=[user_id for user_id, mark in absent.items() if mark == Mark.NO_APOLOGIES],
        response=Reply.Response.APOLOGIES,
    ).delete()
    meeting.register_taken_at = timezone.now()
    if not meeting.is_cancelled:
        meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["register_taken_at", "status", "modified"])
    return _tell_staff_of_missed_meetings(meeting, list(absent))


def _tell_staff_of_missed_meetings(meeting, absent_ids):
    limit = meeting.group.missed_meetings_alert
    reached = {
        user_id: first for user_id, (missed, first) in missed_in_a_row(meeting, absent_ids).items() if missed >= limit
    }
    staff = list(
        User.objects.filter(
            is_active=True,
            memberships__group=meeting.group_id,
            memberships__role=Membership.Role.STAFF,
            memberships__status__in=Membership.Status.with_access(),
        )
    )
    firsts = Meeting.objects.in_bulk(reached.values())
    ids = []
    for user_id, first in reached.items():
        # Recorded against the first meeting of the run, so a run that goes on past the limit, or a
        # register saved again, tells staff once; a new run after the member comes back tells them again.
        ids += notifications.plan(firsts[first], f"missed-in-a-row-{user_id}", staff)
    send_notifications(ids)
    return list(reached)


DRAFT_MINUTES_COMMENT_DAYS = 14
MINUTES_OF_THE_LAST_MEETING = "Minutes of the last meeting"


def draft_readers(meeting: Meeting):
    """Who is sent the draft minutes for comment, and may comment: those recorded as attending, with an account."""
    return User.objects.filter(is_active=True, attended__meeting=meeting)


@transaction.atomic
def send_draft_minutes(meeting: Meeting) -> int:
    """Send the draft minutes to those who attended, for comment by the meeting's comments date (set two weeks
    ahead if blank). Returns how many e-mails were queued; each person hears once, however often staff send.
    Approved minutes are final, and a cancelled meeting has none: for those it changes nothing."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled or meeting.minutes_are_approved:
        return 0
    meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    if meeting.minutes_comments_until is None:
        meeting.minutes_comments_until = timezone.localdate() + timedelta(days=DRAFT_MINUTES_COMMENT_DAYS)
    meeting.save(update_fields=["minutes_status", "minutes_comments_until", "modified"])
    return send_notifications(notifications.plan(meeting, "minutes-draft", list(draft_readers(meeting))))


@transaction.atomic
def comment_on_minutes(meeting: Meeting, author: User, kind: str, text: str) -> MinutesComment:
    return MinutesComment.objects.create(meeting=meeting, author=author, kind=kind, text=text)


@transaction.atomic
def put_minutes_on_next_agenda(meeting: Meeting) -> AgendaItem | None:
    """Add "Minutes of the last meeting", with the draft attached, to the group's next meeting after this one;
    None if there is no next meeting. Done once: asked again, it returns the item already there."""
    following = (
        Meeting.objects.filter(group_id=meeting.group_id, start__gt=meeting.start)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("start")
        .first()
    )
    if following is None:
        return None
    item, created = AgendaItem.objects.get_or_create(
        meeting=following,
        minutes_of=meeting,
        defaults={
            "title": MINUTES_OF_THE_LAST_MEETING,
            "purpose": AgendaItem.Purpose.DECISION,
            "minutes_allotted": 5,
            "position": 1,
        },
    )
    if created:
        # Without confidential items: the agenda's papers are read by observers too.
        draft = documents.minutes(meeting).render()
        name = f"draft-minutes-{meeting.group.slug}-{timezone.localdate(meeting.start):%Y-%m-%d}.pdf"
        Paper.objects.create(item=item, title=f"Draft minutes of {meeting}", file=ContentFile(draft, name=name))
    return item


@transaction.atomic
def approve_minutes(meeting: Meeting, by: User) -> bool:
    """Record the group's approval (by whom, and the day of the meeting that approved them: the one that has
    them on its agenda, else today), which makes the PDF final, and tell the group's members they can read
    them. False, changing nothing, unless they are a draft of a meeting that was not cancelled."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled or meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        return False
    approving = (
        meeting.approval_items.filter(meeting__start__lte=timezone.now())
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .order_by("meeting__start")
        .values_list("meeting__start", flat=True)
        .first()
    )
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_on = timezone.localdate(approving) if approving else timezone.localdate()
    meeting.minutes_approved_by = by
    # A save, not update(), so the history records the change.
    meeting.save(update_fields=["minutes_status", "minutes_approved_on", "minutes_approved_by", "modified"])
    send_notifications(notifications.plan(meeting, "minutes-approved", list(meeting.invitees())))
    return True
