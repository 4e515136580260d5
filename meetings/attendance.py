"""The attendance register: who was expected at each meeting and how each took part, and the figures
staff read from it.

A meeting's register is its member attendees (Attendee, in person or online) and its absences
(Absence, with or without apologies), written together by services.take_register. Only meetings
whose register has been taken count in the figures: before that, no one knows who came.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import TextChoices

from engagement.core.dates import start_of_day
from members.models import EngagementGroup, User

from .models import Absence, Attendee, Meeting, Reply


class Mark(TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    APOLOGIES = Absence.Reason.APOLOGIES.value, Absence.Reason.APOLOGIES.label
    NO_APOLOGIES = Absence.Reason.NO_APOLOGIES.value, Absence.Reason.NO_APOLOGIES.label

    @classmethod
    def present(cls):
        return [cls.IN_PERSON, cls.ONLINE]


def recorded_marks(meetings):
    """{(meeting id, user id): Mark} for every member on the registers of these meetings: two queries."""
    marks = {
        (meeting_id, user_id): Mark.ONLINE if online else Mark.IN_PERSON
        for meeting_id, user_id, online in Attendee.objects.filter(
            meeting__in=meetings, kind=Attendee.Kind.MEMBER, user__isnull=False
        ).values_list("meeting_id", "user_id", "online")
    }
    for meeting_id, user_id, reason in Absence.objects.filter(meeting__in=meetings).values_list(
        "meeting_id", "user_id", "reason"
    ):
        marks.setdefault((meeting_id, user_id), Mark(reason))
    return marks


def register_lines(meeting):
    """(person, mark) for everyone the register lists, by name: the group's members as now, and anyone
    already on this meeting's register. Marks come from the register once taken, otherwise from the
    replies: a yes is in person (online for a meeting with no venue), apologies are apologies, and no
    reply is an absence for staff to correct on the day."""
    recorded = {user_id: mark for (_, user_id), mark in recorded_marks([meeting.pk]).items()}
    people = User.objects.filter(pk__in=[*meeting.invitees().values_list("pk", flat=True), *recorded]).order_by(
        "full_name", "pk"
    )
    replies = dict(meeting.replies.values_list("user_id", "response"))
    coming = Mark.IN_PERSON if meeting.venue_id else Mark.ONLINE
    from_reply = {Reply.Response.ATTENDING: coming, Reply.Response.APOLOGIES: Mark.APOLOGIES}
    return [
        (person, recorded.get(person.pk) or from_reply.get(replies.get(person.pk), Mark.NO_APOLOGIES))
        for person in people
    ]


def registered_meetings(group):
    return Meeting.objects.filter(group=group, register_taken_at__isnull=False).exclude(status=Meeting.Status.CANCELLED)


@dataclass
class MemberFigures:
    person: User
    expected: int = 0
    in_person: int = 0
    online: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def attended(self):
        return self.in_person + self.online


@dataclass
class MeetingFigures:
    meeting: Meeting
    expected: int = 0
    present: int = 0
    marks: dict = field(default_factory=dict)

    @property
    def percent(self):
        return round(100 * self.present / self.expected) if self.expected else None


@dataclass
class GroupFigures:
    group: EngagementGroup
    first: date
    last: date
    members: list
    meetings: list


def group_figures(group: EngagementGroup, first: date, last: date) -> GroupFigures:
    """Each member's record and each meeting's attendance rate, for the group's registered meetings
    from `first` to `last` (UK dates, both included). Four queries, however long the period."""
    meetings = list(
        registered_meetings(group)
        .filter(start__gte=start_of_day(first), start__lt=start_of_day(last + timedelta(days=1)))
        .order_by("start")
    )
    marks = recorded_marks(meetings)
    people = {person.pk: person for person in User.objects.filter(pk__in={user_id for _, user_id in marks})}
    members = {pk: MemberFigures(person) for pk, person in people.items()}
    by_meeting = {meeting.pk: MeetingFigures(meeting) for meeting in meetings}
    counted_as = {
        Mark.IN_PERSON: "in_person",
        Mark.ONLINE: "online",
        Mark.APOLOGIES: "apologies",
        Mark.NO_APOLOGIES: "absent",
    }
    for (meeting_id, user_id), mark in marks.items():
        figures = members[user_id]
        figures.expected += 1
        setattr(figures, counted_as[mark], getattr(figures, counted_as[mark]) + 1)
        row = by_meeting[meeting_id]
        row.expected += 1
        row.present += mark in Mark.present()
    return GroupFigures(
        group,
        first,
        last,
        sorted(members.values(), key=lambda figures: (figures.person.full_name, figures.person.pk)),
        list(by_meeting.values()),
    )


def missed_in_a_row(meeting: Meeting, user_ids) -> dict:
    """{user id: (how many registered meetings in a row up to and including this one the person missed,
    the first of them)}, for those of `user_ids` who missed this one. Two queries."""
    meetings = list(
        registered_meetings(meeting.group_id)
        .filter(start__lte=meeting.start)
        .order_by("-start")
        .values_list("pk", flat=True)
    )
    marks = recorded_marks(meetings)
    streaks = {}
    for user_id in user_ids:
        missed, first = 0, None
        for meeting_id in meetings:
            mark = marks.get((meeting_id, user_id))
            if mark in Mark.present():
                break
            if mark is not None:
                missed, first = missed + 1, meeting_id
        if marks.get((meeting.pk, user_id)) in (Mark.APOLOGIES, Mark.NO_APOLOGIES):
            streaks[user_id] = (missed, first)
    return streaks
