"""Fictional demo plans and a self-assessment survey.

Run after the feedback and meetings demos, whose projects and people it uses.
Safe to run twice: a plan, a survey or a response that exists is left as it
is. Dates are relative to the day it first runs. Nothing here e-mails anyone.
"""

from datetime import timedelta

from django.db import transaction

from engagement.core.dates import local_today
from feedback.models import Project
from members.demo import working_day

from .models import (
    Area,
    CodedTheme,
    Coding,
    EngagementPlan,
    FeedbackSource,
    Invitation,
    PlanAction,
    PlanComment,
    Stakeholder,
    Survey,
    SurveyResponse,
)

Status = PlanAction.Status
Category = Stakeholder.Category

# For the dementia plan: (step, position within the step, days from today it started, days to its target, status).
PROGRESS = [
    (1, 0, -60, -45, Status.DONE),
    (1, 1, -50, -40, Status.DONE),
    (1, 2, -40, -30, Status.DONE),
    (2, 0, -35, -20, Status.DONE),
    (2, 1, -20, -5, Status.IN_PROGRESS),
    (3, 0, -10, -3, Status.NOT_STARTED),
    (3, 1, -5, 35, Status.IN_PROGRESS),
    (3, 2, 36, 45, Status.NOT_STARTED),
    (4, 0, 46, 50, Status.NOT_STARTED),
    (4, 2, 50, 60, Status.NOT_STARTED),
    (4, 3, 60, 70, Status.NOT_STARTED),
    (5, 0, None, 75, Status.NOT_STARTED),
    (6, 0, None, 90, Status.NOT_STARTED),
]

STAKEHOLDERS = [
    ("Cllr Amrit Dhaliwal", "Riverside County Council", Category.LOCAL_COUNCILLOR, [1, 3, 5]),
    ("Cllr Fiona Marchetti", "Downs Borough Council", Category.LOCAL_COUNCILLOR, [3, 5]),
    ("Norah Pettigrew", "Eastbrook Surgery patient group", Category.PPG, [1, 3, 4, 6]),
    ("Memory Matters Riverside", "Memory Matters Riverside", Category.VOLUNTARY_SECTOR, [2, 3, 6]),
    ("Carers Together", "Carers Together", Category.VOLUNTARY_SECTOR, [3, 4, 6]),
    ("Healthwatch Riverside", "Healthwatch Riverside", Category.HEALTHWATCH, [2, 3, 4, 5, 6]),
    ("Ben Oduya", "Southmere community wayfinders", Category.COMMUNITY_CHAMPION, [3, 6]),
]

SOURCES = [
    (
        FeedbackSource.Kind.FRIENDS_AND_FAMILY,
        "Memory clinic friends and family test, last 12 months",
        40,
        "Staff are kind and patient\nWaiting times for a first appointment are too long\nCarers want a named contact",
    ),
    (
        FeedbackSource.Kind.INSPECTION,
        "Inspection of community mental health services",
        120,
        "Good care plans\nToo little support after diagnosis in rural areas",
    ),
    (
        FeedbackSource.Kind.EVENT,
        "Dementia carers' listening event",
        200,
        "Breaks for carers are hard to arrange\nInformation comes too late\nTransport to appointments is difficult",
    ),
]

INVITED = [
    ("Hollie Gannaway", "hollie.gannaway@example.org", "Riverside County Council"),
    ("Marek Zielinski", "marek.zielinski@example.org", "Healthwatch Riverside"),
    ("Dr Ife Adebayo", "ife.adebayo@example.org", "Riverside and Downs GP Federation"),
    ("Jo Castellano", "jo.castellano@example.org", "Memory Matters Riverside"),
    ("Ruth Ellery", "ruth.ellery@example.org", "Downs Community Health NHS Trust"),
]

# (area name, what is working well, what could be better, [(theme, marker)])
ANSWERS = [
    [
        (
            "Transparency on decision-making",
            "Board papers are published a week before meetings.",
            "It is hard to tell who decides what between the partners.",
            [("Clear governance", "strength"), ("Clear governance", "weakness")],
        ),
        (
            "Reaching the unengaged",
            "",
            "We hear from the same people every time; young people and minority ethnic communities are missing.",
            [("Seldom-heard groups", "weakness")],
        ),
        (
            "Voluntary sector and Healthwatch as partners",
            "Healthwatch is invited to every programme board.",
            "",
            [("Working with partners", "strength")],
        ),
    ],
    [
        (
            "Regular communication",
            "The monthly newsletter is clear and well read.",
            "Updates stop once a consultation closes.",
            [("Keeping people informed", "strength"), ("Feeding back", "weakness")],
        ),
        (
            "Reaching the unengaged",
            "Outreach at community festivals worked well last summer.",
            "Meetings are always in office hours in the county town.",
            [("Seldom-heard groups", "weakness"), ("Seldom-heard groups", "strength")],
        ),
    ],
    [
        (
            "Using existing insight",
            "Complaints data is now shared with commissioners.",
            "Nobody pulls together what different partners already know.",
            [("Working with partners", "weakness")],
        ),
        (
            "Co-designing services",
            "The diabetes pathway was designed with patients from the start.",
            "",
            [("Involving people early", "strength")],
        ),
        (
            "Reaching the unengaged",
            "",
            "Easy read and translated materials arrive too late to be useful.",
            [("Seldom-heard groups", "weakness")],
        ),
    ],
]


def _plan_for_dementia(today, staff):
    project = Project.objects.filter(title="Plans for dementia services").first()
    if project is None or EngagementPlan.objects.filter(project=project).exists():
        return
    plan = EngagementPlan.objects.start(
        project,
        summary="The engagement team and the dementia programme lead will involve people living with dementia, "
        "carers and local groups before the plan is drafted, then test the draft with them.",
    )
    by_place = {}
    for action in plan.actions.all():
        by_place.setdefault(action.step, []).append(action)
    for step, position, starts, target, status in PROGRESS:
        if position >= len(by_place.get(step, [])):
            continue  # staff have shortened the template for this step
        action = by_place[step][position]
        action.starts_on = working_day(today + timedelta(days=starts)) if starts is not None else None
        action.target_date = working_day(today + timedelta(days=target))
        action.status = status
        if step in (1, 3):
            action.owner = staff
        else:
            action.owner_name = "Dementia programme lead"
        action.save()
    Stakeholder.objects.bulk_create(
        [
            Stakeholder(
                plan=plan,
                name=name,
                organisation=organisation,
                category=category,
                steps=steps,
                # Two words, not one: "Memory Matters Riverside" and "Healthwatch Riverside" share a last word.
                email=f"{'.'.join(name.lower().split()[-2:])}@example.org",
                phone="01632 960999",
            )
            for name, organisation, category, steps in STAKEHOLDERS
        ]
    )
    FeedbackSource.objects.bulk_create(
        [
            FeedbackSource(plan=plan, kind=kind, title=title, date=today - timedelta(days=days), key_themes=themes)
            for kind, title, days, themes in SOURCES
        ]
    )
    return plan


def _survey(today, staff, peg):
    survey, created = Survey.objects.get_or_create(
        title="How well do we involve the public?",
        defaults={
            "group": peg,
            "opens_on": working_day(today - timedelta(days=14)),
            "closes_on": working_day(today + timedelta(days=14)),
            "introduction": "Partners want to know how well they involve local people, and what to do better. "
            "Tell us, area by area, what is working well and what could be better.",
        },
    )
    if not created:
        return
    areas = {area.name: area for area in Area.objects.all()}
    invitations = Invitation.objects.bulk_create(
        [Invitation(survey=survey, name=name, email=email, organisation=org) for name, email, org in INVITED]
    )
    themes = {}
    for number, answers in enumerate(ANSWERS):
        given = {areas[name]: (well, better) for name, well, better, _ in answers if name in areas}
        if number == 2:
            # Given on the telephone to a member of staff, who typed it in.
            response = SurveyResponse.objects.record(
                survey, given, entered_by=staff, name="Walter Brennan", organisation="Northgate parish council"
            )
        else:
            response = SurveyResponse.objects.record(survey, given, invitation=invitations[number])
        stored = {answer.area.name: answer for answer in response.answers.select_related("area")}
        for name, _, _, tags in answers:
            if name not in stored:
                continue
            for theme_name, marker in tags:
                theme = themes.get(theme_name) or CodedTheme.objects.create(survey=survey, name=theme_name)
                themes[theme_name] = theme
                Coding.objects.get_or_create(answer=stored[name], theme=theme, marker=marker)


@transaction.atomic
def seed(people):
    today = local_today()
    staff, member = people["staff"], people["member"]
    plan = _plan_for_dementia(today, staff)
    if plan is not None:
        PlanComment.objects.create(
            plan=plan,
            author=member,
            body="Please hold the workshops in the afternoon and somewhere with parking: many carers cannot "
            "leave the person they care for in the morning.",
        )
    peg = people["groups"][0]
    _survey(today, staff, peg)
