"""Fictional recruitment demo: an open PEG round with applications at every stage, and a closed reading panel round.

Every name and address is made up. Safe to run twice: rounds are found by
slug, applications by round and e-mail, and nothing is duplicated.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from members.demo import working_day
from members.models import AccessNeed, LivedExperienceArea, Locality

from .models import Application, ApplicationEvent, BalanceTarget, RecruitmentChannel, Round, Score, SelectionCriterion

CHANNELS = [
    "Riverside County Council newsletter",
    "A poster at a GP surgery or pharmacy",
    "Healthwatch",
    "A voluntary or community group",
    "An NHS trust website or social media",
    "A friend or family member",
]

CRITERIA = [
    (
        "Lived experience of local health or care services",
        "As a patient, a carer, or through your family or community.",
    ),
    ("Listens to and respects different views", "You can disagree with someone and still work with them."),
    ("Speaks up for people who are seldom heard", "You think about who is missing from a conversation."),
]

# (name, locality index, lived-experience indexes, status, scores from the two panel members or None)
APPLICANTS = [
    ("Amara Nwosu", 2, [1, 0], Application.Status.SHORTLISTED, [4, 3, 4]),
    ("Declan Fairweather", 5, [7], Application.Status.SHORTLISTED, [3, 3, 2]),
    ("Harriet Moss", 4, [4], Application.Status.INTERVIEW_ARRANGED, [3, 4, 3]),
    ("Ravi Chandran", 0, [2], Application.Status.RECEIVED, None),
    ("Bronwen Price", 3, [6], Application.Status.RECEIVED, None),
    ("Tobias Wren", 5, [3], Application.Status.RECEIVED, None),
    ("Felicity Ogden", 2, [5, 8], Application.Status.NOT_APPOINTED, None),
    ("Gideon Marsh", 5, [0], Application.Status.WITHDRAWN, None),
]


def seed(people):
    peg, reading_panel = people["groups"]
    panel_members = [people["staff"], people["chair"]]
    today = timezone.localdate()
    channels = [
        RecruitmentChannel.objects.get_or_create(name=name, defaults={"position": i})[0]
        for i, name in enumerate(CHANNELS)
    ]
    localities = list(Locality.objects.all())
    areas = list(LivedExperienceArea.objects.all())
    needs = list(AccessNeed.objects.all())

    open_round, _ = Round.objects.update_or_create(
        slug="peg-members",
        defaults={
            "group": peg,
            "title": "Join the Public Engagement Group",
            "role": Round.Role.MEMBER,
            "summary": "We are looking for local people with lived experience of health and care services to join our group of 25.",
            "about_group": peg.description,
            "what_members_do": "Members come to a meeting every two months, in person or online, for about three hours. "
            "Between meetings you can read papers and comment on projects on this website, at a time that suits you.\n\n"
            "You do not need any qualifications or experience of meetings: we will help you get started.",
            "expenses": "Members are volunteers. We pay back travel, parking and care costs, and can book taxis "
            "for people who need them. You claim on this website or on paper.",
            "opens_on": working_day(today - timedelta(days=14)),
            "closes_on": working_day(today + timedelta(days=21)),
            "is_published": True,
        },
    )
    for position, (title, description) in enumerate(CRITERIA, start=1):
        SelectionCriterion.objects.update_or_create(
            round=open_round, position=position, defaults={"title": title, "description": description}
        )
    for locality in localities:
        BalanceTarget.objects.get_or_create(round=open_round, locality=locality, defaults={"minimum": 4})
    if areas:
        BalanceTarget.objects.get_or_create(round=open_round, lived_experience=areas[4], defaults={"minimum": 3})

    criteria = list(open_round.criteria.all())
    # Interviews a week after the round closes, on a working morning.
    interview_day = working_day(today + timedelta(days=28))
    interview_at = datetime.combine(interview_day, time(10, 30), tzinfo=timezone.get_default_timezone())
    for i, (name, locality, area_indexes, status, scores) in enumerate(APPLICANTS):
        application, created = Application.objects.get_or_create(
            round=open_round,
            email=f"{name.lower().replace(' ', '.')}@example.net",
            defaults={
                "full_name": name,
                "phone": f"01632 9602{i:02d}",
                "locality": localities[locality % len(localities)] if localities else None,
                "why_interested": "I have used local services for years, for myself and for family, and I would "
                "like to help make them easier for people like us to have a say in.",
                "heard_via": channels[i % len(channels)],
                "submitted": timezone.now() - timedelta(days=13 - i),
                "interview_at": interview_at if status == Application.Status.INTERVIEW_ARRANGED else None,
                "outcome_reason": "Another applicant from the same area had closer experience of the services under review."
                if status == Application.Status.NOT_APPOINTED
                else "",
                "status": status,
            },
        )
        if not created:
            continue
        application.lived_experience.set([areas[j] for j in area_indexes if j < len(areas)])
        if needs and i % 3 == 0:
            application.access_needs.set([needs[i % len(needs)]])
        ApplicationEvent.objects.create(
            application=application,
            to_status=Application.Status.RECEIVED,
            at=application.submitted,
            note="Sent from the website.",
        )
        if status != Application.Status.RECEIVED:
            ApplicationEvent.objects.create(
                application=application, by=people["staff"], from_status=Application.Status.RECEIVED, to_status=status
            )
        for panel_member, offset in zip(panel_members, [0, 1]):
            for criterion, score in zip(criteria, scores or []):
                Score.objects.create(
                    application=application,
                    criterion=criterion,
                    panel_member=panel_member,
                    score=max(0, score - offset),
                )

    Round.objects.update_or_create(
        slug="reading-panel-2025",
        defaults={
            "group": reading_panel,
            "title": "Join the Reading Panel",
            "role": Round.Role.MEMBER,
            "summary": "Read draft leaflets, letters and web pages at home and tell us whether they are clear.",
            "about_group": reading_panel.description,
            "what_members_do": "We send you two or three short documents a month, by e-mail or post. You tell us what "
            "is unclear, in your own words.",
            "expenses": "Members are volunteers. We pay for postage and printing.",
            "opens_on": working_day(today - timedelta(days=120)),
            "closes_on": working_day(today - timedelta(days=90)),
            "next_round_expected": "the spring",
            "is_published": True,
        },
    )
    return open_round
