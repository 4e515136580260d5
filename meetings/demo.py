"""Fictional demo meetings for the demo groups: three past (with minutes) and three to come."""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from feedback.models import Project
from members.demo import working_day
from members.models import EngagementGroup, Membership, User

from .models import Absence, Action, AgendaItem, Attendee, Meeting, Paper, Reply, Venue
from .schedule import Rule, occurrences

AGENDA = [
    ("Welcome, apologies and declarations of interest", "information", "Chair", 10, None),
    ("Minutes of the last meeting and actions", "decision", "Chair", 10, None),
    (
        "Improving access to GP services",
        "discussion",
        "Primary care commissioning lead",
        45,
        "Improving access to GP services",
    ),
    (
        "Dementia services plan: draft for comment",
        "discussion",
        "Dementia programme manager",
        40,
        "Plans for dementia services",
    ),
    ("Engagement update from partners", "information", "Engagement team", 20, None),
    ("Any other business", "information", "Chair", 10, None),
]

MINUTES = {
    0: "The chair welcomed everyone. No new declarations of interest were made.",
    1: "The minutes of the last meeting were approved as a true record. Open actions were reviewed.",
    2: "Members said that phoning at 8am for an appointment is hard for carers and people who work shifts. "
    "They asked for online booking to stay optional and for a clear way to book longer appointments.",
    3: "Members welcomed the plan but asked for more on support after diagnosis and for carers in rural areas.",
    4: "Partners described their current engagement work. Members asked to see plans earlier.",
    5: "None.",
}


def _paper_pdf(title):
    """A small real PDF so papers can be opened and appended to meeting packs."""
    from weasyprint import HTML

    html = f"<html lang='en-GB'><head><title>{title}</title></head><body><h1>{title}</h1><p>Demo paper for the engagement group. Fictional content.</p></body></html>"
    return HTML(string=html).write_pdf()


def peg_meetings(today):
    """(start, end) of the demo PEG's meetings: the second Tuesday of every other month (January, March...),
    10am to 1pm, as a real group meets; the three before today and the three from today on. Six in a row
    fall in six different months, so each is named after its month and a later run finds the same six."""
    rule = Rule(
        date(today.year - 1, 1, 1), count=18, every_months=2, weekday=1, ordinal=2, start=time(10), end=time(13)
    )
    meetings = occurrences(rule)
    past = [m for m in meetings if m[0].date() < today]
    return past[-3:] + meetings[len(past) : len(past) + 3]


def seed(people):
    peg = EngagementGroup.objects.get(slug="peg")
    panel = EngagementGroup.objects.get(slug="reading-panel")
    hub, _ = Venue.objects.update_or_create(
        name="Riverside Community Hub",
        defaults={
            "address": "12 Quay Street\nRiverside\nZZ3 1CC",
            "step_free": True,
            "hearing_loop": True,
            "accessible_toilet": True,
            "parking": "Free car park with 4 blue badge spaces",
            "public_transport": "Buses 12 and 40 stop outside; Riverside station is a 5-minute walk",
        },
    )
    library, _ = Venue.objects.update_or_create(
        name="Northgate Library, meeting room 2",
        defaults={
            "address": "Market Square\nNorthgate\nZZ1 2DD",
            "step_free": True,
            "hearing_loop": False,
            "parking": "Pay and display in Market Square",
            "public_transport": "Most town buses stop in Market Square",
        },
    )
    today = timezone.localdate()
    zone = timezone.get_default_timezone()

    held, draft, scheduled = Meeting.MinutesStatus.APPROVED, Meeting.MinutesStatus.DRAFT, Meeting.MinutesStatus.NONE
    times = peg_meetings(today)
    # Past minutes are approved at the next meeting; the last meeting's wait for the one to come.
    plan = [
        (*times[0], Meeting.Status.HELD, held, times[1][0].date(), hub),
        (*times[1], Meeting.Status.HELD, held, times[2][0].date(), library),
        (*times[2], Meeting.Status.HELD, draft, None, hub),
        # The next meeting's agenda and papers are out, so the demo shows them.
        (*times[3], Meeting.Status.PAPERS_ISSUED, scheduled, None, hub),
        (*times[4], Meeting.Status.SCHEDULED, scheduled, None, library),
        (*times[5], Meeting.Status.SCHEDULED, scheduled, None, hub),
    ]
    members = list(
        User.objects.filter(memberships__group=peg, memberships__role__in=Membership.Role.voting()).order_by("pk")
    )
    staff = User.objects.get(email="staff@example.org")
    meetings = []
    for start, end, status, minutes_status, approved_on, venue in plan:
        days = (start.date() - today).days
        meeting, _ = Meeting.objects.update_or_create(
            group=peg,
            title=f"{start:%B} meeting",
            defaults={
                "kind": Meeting.Kind.REGULAR,
                "start": start,
                "end": end,
                "venue": venue,
                "online_link": "https://meet.example.org/peg" if days >= 0 else "",
                "online_instructions": "Meeting ID 123 456 789, passcode PEG" if days >= 0 else "",
                "status": status,
                "papers_deadline": (start - timedelta(days=14)).date(),
                "minutes_status": minutes_status,
                "minutes_approved_on": approved_on,
            },
        )
        meetings.append(meeting)
        if not meeting.items.exists() and (days < 0 or status == Meeting.Status.PAPERS_ISSUED):
            for position, (item_title, purpose, presenter, minutes, project_title) in enumerate(AGENDA):
                item = AgendaItem.objects.create(
                    meeting=meeting,
                    project=Project.objects.filter(title=project_title).first() if project_title else None,
                    position=position,
                    title=item_title,
                    purpose=purpose,
                    presenter=presenter,
                    minutes_allotted=minutes,
                    minutes=MINUTES[position] if days < 0 else "",
                )
                if position in (2, 3):
                    paper = Paper(item=item, title=f"{item_title}: briefing paper")
                    paper.file.save("briefing.pdf", ContentFile(_paper_pdf(paper.title)), save=False)
                    paper.save()
        if days < 0 and not meeting.attendees.exists():
            present = members[: 14 + (days % 4)]
            Attendee.objects.bulk_create(Attendee(meeting=meeting, user=user) for user in present)
            Attendee.objects.create(meeting=meeting, user=staff, kind=Attendee.Kind.STAFF)
            Attendee.objects.create(
                meeting=meeting,
                guest_name="Dr Sam Okoro",
                organisation="Riverside Primary Care Network",
                kind=Attendee.Kind.GUEST,
                declaration_of_interest="Partner at a local GP practice (item 3).",
            )
            for user in members[20:23]:
                Reply.objects.get_or_create(meeting=meeting, user=user, defaults={"response": Reply.Response.APOLOGIES})
            # The register of the day, so the attendance figures have a history to show.
            Absence.objects.bulk_create(
                Absence(
                    meeting=meeting,
                    user=user,
                    reason=Absence.Reason.APOLOGIES if user in members[20:23] else Absence.Reason.NO_APOLOGIES,
                )
                for user in members
                if user not in present
            )
            Meeting.objects.filter(pk=meeting.pk).update(register_taken_at=meeting.end)

    upcoming = meetings[3]
    for user in members[3:13]:
        Reply.objects.get_or_create(meeting=upcoming, user=user, defaults={"response": Reply.Response.ATTENDING})
    for user in members[13:16]:
        Reply.objects.get_or_create(
            meeting=upcoming, user=user, defaults={"response": Reply.Response.APOLOGIES, "note": "Hospital appointment"}
        )

    member = people["member"]
    chair = people["chair"]
    last = meetings[2]
    if not Action.objects.filter(meeting=last).exists():
        Action.objects.create(
            meeting=last,
            description="Share the group's comments on GP access with the primary care team",
            owner=staff,
            due=working_day(today + timedelta(days=2)),
        )
        Action.objects.create(
            meeting=last,
            description="Read the draft dementia leaflet and send comments to the engagement team",
            owner=member,
            due=working_day(today + timedelta(days=3)),
        )
        Action.objects.create(
            meeting=meetings[1],
            description="Ask the council for carers' support figures by locality",
            owner=chair,
            due=working_day(today - timedelta(days=4)),
            status=Action.Status.CARRIED_FORWARD,
        )

    # The reading panel meets on a Thursday afternoon about three weeks on, 2pm to 4pm.
    day = today + timedelta(days=21)
    start = datetime.combine(day + timedelta(days=(3 - day.weekday()) % 7), time(14), tzinfo=zone)
    Meeting.objects.update_or_create(
        group=panel,
        title="Reading panel session",
        defaults={
            "start": start,
            "end": start + timedelta(hours=2),
            "venue": library,
            "status": Meeting.Status.SCHEDULED,
        },
    )
    return meetings
