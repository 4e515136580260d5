"""Fictional demo events for the dementia plan: a carers' workshop held three weeks ago, with its register,
what was heard there (typed in from flipcharts and forms, themed), evaluations and next steps, so its event
report reads as a real one; a stakeholder workshop to come with invitees who have replied (with access
needs); and a public event whose places are all taken, with a waiting list.

Run after the planning demo, whose plan and stakeholders it uses, and the feedback demo, whose themes it
uses. Safe to run twice: each event is made once, found by its title. Dates are relative to the day it
first runs. Nothing here e-mails anyone: the registrations are made directly, as if the invitations had
gone and people had replied.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.models import Theme
from feedback.planning.models import EngagementPlan, Stakeholder, Step
from meetings.models import Venue
from members.demo import working_day

from .models import Evaluation, Event, EventFeedback, Registration
from .services import invitation_fields

Status = Registration.Status
Need = Registration.AccessNeed
Category = Stakeholder.Category

PAST_TITLE = "Dementia services: carers' listening workshop"
WORKSHOP_TITLE = "Dementia services: stakeholder workshop"
PUBLIC_TITLE = "Dementia services: public drop-in"

# For the past workshop's invitees, in the plan's order: (reply, came, access needs, wants the outcome).
PAST_REPLIES = [
    (Status.COMING, True, [], True),
    (Status.NOT_COMING, None, [], False),
    (Status.COMING, True, [Need.HEARING_LOOP], True),
    (Status.COMING, True, [], True),
    (Status.COMING, False, [Need.STEP_FREE], False),
    (Status.COMING, True, [Need.DIETARY], True),
    (Status.INVITED, None, [], False),
]
# Came without registering: (name, category).
PAST_WALK_INS = [("Grace Mbeki", Category.OTHER)]

# What was heard at the past workshop, typed in afterwards: (theme, where it was written, what was said).
Source = EventFeedback.Source
PAST_FEEDBACK = [
    ("Access to care", Source.FLIPCHART, "The memory clinic is two buses from Southmere: people give up first."),
    ("Access to care", Source.FLIPCHART, "Five months' wait for an assessment leaves families not knowing."),
    ("Access to care", Source.FORM, "A first assessment at home would help people who cannot travel."),
    ("Access to care", Source.FORM, "Appointments at 9am are hard for carers who also work."),
    ("Information and language", Source.FLIPCHART, "After the diagnosis we got a pile of leaflets and no one to ring."),
    ("Information and language", Source.FLIPCHART, "Information in Punjabi, Polish and easy read is hard to find."),
    ("Information and language", Source.FORM, "Give us the name of our contact, in writing, on the day of diagnosis."),
    ("Care models", Source.FLIPCHART, "Carers need respite they can book at short notice, not months ahead."),
    ("Care models", Source.FLIPCHART, "Memory cafés run by local charities work well: fund them properly."),
    ("Care models", Source.FORM, "Joint visits by the nurse and the social worker: we tell our story once."),
]
# Attendees' evaluations, sent through the feedback link: (how useful, what to change).
PAST_EVALUATIONS = [
    (Evaluation.Usefulness.VERY, "Start a little later so carers can come after the school run."),
    (Evaluation.Usefulness.VERY, ""),
    (Evaluation.Usefulness.QUITE, "More time in small groups, and less presenting."),
    (Evaluation.Usefulness.VERY, "Send the slides a few days before."),
    (Evaluation.Usefulness.NOT_VERY, "The room was too noisy for people with hearing aids."),
]
PAST_NEXT_STEPS = (
    "The project team will put what we heard into the draft plan for memory assessment and support after "
    "diagnosis, and bring the draft to the Patient Engagement Group before it goes to the trust board. Everyone "
    "who asked will be told what changed because of what they said."
)

# For the workshop's invitees, in the plan's order: (reply, access needs, more about them).
WORKSHOP_REPLIES = [
    (Status.COMING, [Need.STEP_FREE], "I use a wheelchair."),
    (Status.NOT_COMING, [], ""),
    (Status.COMING, [Need.HEARING_LOOP], ""),
    (Status.COMING, [Need.DIETARY], "Vegetarian, please."),
    (Status.INVITED, [], ""),
    (Status.COMING, [Need.BSL], "One of our members will come with a BSL user."),
    (Status.INVITED, [], ""),
]

# People who signed up for the public event: (name, category, access needs).
SIGN_UPS = [
    ("Maureen Aldridge", Category.OTHER, []),
    ("Kwame Asante", Category.OTHER, [Need.STEP_FREE]),
    ("Sheila Dunmore", Category.PPG, []),
    ("Tomasz Nowicki", Category.OTHER, [Need.INTERPRETER]),
    ("Ruth Penhaligon", Category.COMMUNITY_CHAMPION, []),
    ("Derek Ollerton", Category.OTHER, [Need.HEARING_LOOP]),
    ("Gwen Tallis", Category.VOLUNTARY_SECTOR, []),
    ("Imran Qureshi", Category.OTHER, []),
]
PUBLIC_CAPACITY = 6


def _open_day(day):
    """A working day (members.demo.working_day) outside the Christmas and New Year break, 24 December to
    2 January, which holds three bank holidays and their substitutes: the Friday or working day before."""
    day = working_day(day)
    while (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 2):
        day = working_day(day - timedelta(days=1))
    return day


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def _email(name):
    return f"{name.split()[-1].lower()}.events@example.org"


@transaction.atomic
def seed(people):
    plan = EngagementPlan.objects.filter(project__title="Plans for dementia services").first()
    if plan is None:
        return
    today = local_today()
    now = timezone.now()
    venue = Venue.objects.filter(name="Riverside Community Hub").first()
    stakeholders = list(plan.stakeholders.order_by("pk"))
    if not plan.events.filter(title=PAST_TITLE).exists():
        _past_workshop(plan, venue, stakeholders, people["staff"], _open_day(today - timedelta(days=21)), now)
    if not plan.events.filter(title=WORKSHOP_TITLE).exists():
        _workshop(plan, venue, stakeholders, _open_day(today + timedelta(days=21)), now)
    if not plan.events.filter(title=PUBLIC_TITLE).exists():
        _public(plan, venue, _open_day(today + timedelta(days=35)), now)


def _past_workshop(plan, venue, stakeholders, staff, day, now):
    """Held, with the register taken, what was heard typed in and themed, evaluations and next steps."""
    event = Event.objects.create(
        plan=plan,
        step=Step.WORKSHOPS,
        title=PAST_TITLE,
        purpose="Hear from carers of people living with dementia what helps, what does not, and what should "
        "change in memory assessment and support after diagnosis.",
        start=_at(day, 13, 30),
        end=_at(day, 16),
        venue=venue,
        capacity=25,
        next_steps=PAST_NEXT_STEPS,
    )
    Registration.objects.bulk_create(
        [
            Registration(
                **invitation_fields(event, stakeholder),
                status=status,
                attended=came,
                access_needs=needs,
                wants_outcomes=wants_outcomes,
                replied_at=None if status == Status.INVITED else now - timedelta(days=30),
            )
            for stakeholder, (status, came, needs, wants_outcomes) in zip(stakeholders, PAST_REPLIES, strict=False)
        ]
        + [
            Registration(event=event, name=name, category=category, status=Status.COMING, attended=True)
            for name, category in PAST_WALK_INS
        ]
    )
    themes = {name: Theme.objects.get_or_create(name=name)[0] for name, _, _ in PAST_FEEDBACK}
    EventFeedback.objects.bulk_create(
        [
            EventFeedback(event=event, text=text, source=source, theme=themes[theme], entered_by=staff)
            for theme, source, text in PAST_FEEDBACK
        ]
    )
    Evaluation.objects.bulk_create(
        [
            Evaluation(event=event, usefulness=usefulness, what_to_change=change)
            for usefulness, change in PAST_EVALUATIONS
        ]
    )


def _workshop(plan, venue, stakeholders, day, now):
    # Afternoons, as a member asked in their comment on the plan: carers cannot always come in the morning.
    workshop = Event.objects.create(
        plan=plan,
        step=Step.WORKSHOPS,
        title=WORKSHOP_TITLE,
        purpose="Tell us what works well in dementia services now, what does not, and what you think of our "
        "first ideas for change.",
        start=_at(day, 13, 30),
        end=_at(day, 16, 30),
        venue=venue,
        capacity=30,
    )
    Registration.objects.bulk_create(
        [
            Registration(
                **invitation_fields(workshop, stakeholder),
                status=status,
                access_needs=needs,
                access_details=details,
                wants_outcomes=status == Status.COMING,
                replied_at=None if status == Status.INVITED else now,
            )
            for stakeholder, (status, needs, details) in zip(stakeholders, WORKSHOP_REPLIES, strict=False)
        ]
    )


def _public(plan, venue, day, now):
    # Signed up over the last few days, one after another, so anyone signing up now joins the end of the list.
    def signed_up_at(number):
        return now - timedelta(days=len(SIGN_UPS) - number)

    public = Event.objects.create(
        plan=plan,
        step=Step.INFORMING,
        title=PUBLIC_TITLE,
        purpose="Come and hear our plans for memory assessment and support after diagnosis, and tell us what "
        "you think. Carers are very welcome.",
        start=_at(day, 14),
        end=_at(day, 16),
        venue=venue,
        online_link="https://meet.example.org/dementia-drop-in",
        capacity=PUBLIC_CAPACITY,
        audience=Event.Audience.PUBLIC,
        sign_up_open=True,
    )
    Registration.objects.bulk_create(
        [
            Registration(
                event=public,
                name=name,
                email=_email(name),
                category=category,
                access_needs=needs,
                wants_outcomes=number % 2 == 0,
                status=Status.COMING if number < PUBLIC_CAPACITY else Status.WAITING,
                waiting_since=None if number < PUBLIC_CAPACITY else signed_up_at(number),
                replied_at=signed_up_at(number),
            )
            for number, (name, category, needs) in enumerate(SIGN_UPS)
        ]
    )
