"""A fictional demo deployment: a public engagement group of 25, 2 staff and a reading panel.

Every name, address and phone number here is made up. Safe to run twice:
records are found by e-mail or name and updated, never duplicated.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from . import roles
from .models import AccessNeed, EngagementGroup, EqualityMonitoring, LivedExperienceArea, Locality, Membership, User

DEMO_PASSWORD = "demo-password"


def working_day(day):
    """The day, or the Friday before it when it falls at a weekend: the demos' dates set some days from
    today (closing dates, due dates, sessions) fall when offices are open, as real ones do. Earlier,
    not later, so that "closes within three days" stays true."""
    return day - timedelta(days=day.weekday() - 4) if day.weekday() >= 5 else day


LOCALITIES = ["Northgate", "Eastbrook", "Southmere", "Westfield", "Riverside", "The Downs (rural)"]
LIVED_EXPERIENCE = [
    "Carer",
    "Dementia",
    "Mental health",
    "Long-term condition",
    "Learning disability",
    "Physical disability",
    "Young people",
    "Rural life",
    "Sight or hearing loss",
]
ACCESS_NEEDS = ["Large print", "Easy read", "BSL interpreter", "Hearing loop", "Step-free access"]

# 22 more members: with the chair, the vice-chair and the member login, 25 in all.
MEMBER_NAMES = [
    "Priya Lal",
    "Tom Okafor",
    "Margaret Hale",
    "Dev Mistry",
    "Siobhan Quinn",
    "Arthur Pembury",
    "Yasmin Farouk",
    "Gareth Lloyd",
    "Hannah Ogunleye",
    "Colin Barraclough",
    "Mei Lin Chow",
    "Patrick Dunmore",
    "Rosa Delgado",
    "Imran Sheikh",
    "Beryl Ashworth",
    "Kwame Mensah",
    "Lucy Trelawny",
    "Samir Haddad",
    "Eileen Forsyth",
    "Jack Penhallow",
    "Nadia Kowalski",
    "Winston Clarke",
]


def seed(rng=None):
    rng = rng or random.Random(2026)
    roles.sync_staff_roles()
    localities = [
        Locality.objects.get_or_create(name=name, defaults={"position": i})[0] for i, name in enumerate(LOCALITIES)
    ]
    areas = [
        LivedExperienceArea.objects.get_or_create(name=name, defaults={"position": i})[0]
        for i, name in enumerate(LIVED_EXPERIENCE)
    ]
    needs = [
        AccessNeed.objects.get_or_create(name=name, defaults={"position": i})[0] for i, name in enumerate(ACCESS_NEEDS)
    ]

    peg, _ = EngagementGroup.objects.update_or_create(
        slug="peg",
        defaults={
            "name": "Public Engagement Group",
            "kind": EngagementGroup.Kind.ENGAGEMENT_GROUP,
            "description": "Local people with lived experience who advise the partners of the integrated care system "
            "on how they involve the public. We meet every two months and review projects partners bring to us.",
            "is_public": True,
            "purpose": "To make sure the views of local people shape how the integrated care system's partners "
            "plan, buy and change health and care services, and to tell people what changed as a result.",
            "meets": "Every two months, on a weekday afternoon",
        },
    )
    panel, _ = EngagementGroup.objects.update_or_create(
        slug="reading-panel",
        defaults={
            "name": "Reading Panel",
            "kind": EngagementGroup.Kind.READING_PANEL,
            "description": "Local people who read draft leaflets, letters and web pages before they are published, "
            "and say whether they are clear.",
        },
    )

    def person(email, full_name, **fields):
        user, created = User.objects.update_or_create(email=email, defaults={"full_name": full_name, **fields})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def join(user, group, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE):
        Membership.objects.update_or_create(
            user=user,
            group=group,
            defaults={"role": role, "status": status, "term_start": date(2025, 4, 1), "term_end": date(2028, 3, 31)},
        )

    staff_group = Group.objects.get(name=roles.ENGAGEMENT_STAFF)
    equality_group = Group.objects.get(name=roles.EQUALITY_DATA)
    staff = person("staff@example.org", "Alex Morgan", preferred_name="Alex", is_staff=True, phone="01632 960001")
    staff.groups.add(staff_group, equality_group)
    officer = person("officer@example.org", "Sam Whitfield", preferred_name="Sam", is_staff=True, phone="01632 960002")
    officer.groups.add(staff_group)
    for user in (staff, officer):
        join(user, peg, Membership.Role.STAFF)
        join(user, panel, Membership.Role.STAFF)

    chair = person(
        "chair@example.org",
        "Jean Ellison",
        preferred_name="Jean",
        phone="01632 960010",
        address="1 Mill Lane\nNorthgate",
        postcode="ZZ1 1AA",
        locality=localities[0],
    )
    join(chair, peg, Membership.Role.CHAIR)
    vice = person("vice-chair@example.org", "Rafael Santos", locality=localities[3], phone="01632 960011")
    join(vice, peg, Membership.Role.VICE_CHAIR)
    # The chair and vice-chair agreed to be named on the group's public page; the others did not.
    Membership.objects.filter(user__in=[chair, vice], group=peg).update(named_publicly=True)

    member = person(
        "member@example.org",
        "Olivia Bennett",
        preferred_name="Liv",
        phone="01632 960020",
        address="14 Orchard Close\nEastbrook",
        postcode="ZZ2 4BB",
        locality=localities[1],
    )
    join(member, peg)
    join(member, panel)
    member.lived_experience.set([areas[0], areas[3]])
    member.access_needs.set([needs[0], needs[3]])

    members = [chair, vice, member]
    preferences = [User.CommunicationPreference.EMAIL] * 8 + [
        User.CommunicationPreference.POST,
        User.CommunicationPreference.PHONE,
    ]
    for i, name in enumerate(MEMBER_NAMES):
        slug = name.lower().replace(" ", ".")
        user = person(
            f"{slug}@example.org",
            name,
            locality=localities[i % len(localities)],
            phone=f"01632 9601{i:02d}",
            communication_preference=preferences[i % len(preferences)],
            address=f"{i + 2} Station Road\n{localities[i % len(localities)].name}",
            postcode=f"ZZ{i % 9 + 1} {i % 9 + 1}AB",
        )
        join(user, peg, status=Membership.Status.ON_LEAVE if i == 5 else Membership.Status.ACTIVE)
        members.append(user)

    # The reading panel: the member login and six from the PEG, plus one person only on the panel.
    panel_only = person("panel@example.org", "Grace Achterberg", locality=localities[5], phone="01632 960030")
    join(panel_only, panel)
    for user in members[3:9]:
        join(user, panel)

    for user in members[1:] + [panel_only]:
        if not user.lived_experience.exists():
            user.lived_experience.set(rng.sample(areas, rng.randint(1, 3)))
        if user is not member and not user.access_needs.exists() and rng.random() < 0.4:
            user.access_needs.set(rng.sample(needs, rng.randint(1, 2)))

    _seed_equality(members, rng)
    return {"groups": [peg, panel], "staff": staff, "chair": chair, "member": member, "panel_only": panel_only}


def _seed_equality(people, rng):
    """About two thirds of members answered the optional equality questions."""
    for user in people:
        if rng.random() > 0.66 or EqualityMonitoring.objects.filter(user=user).exists():
            continue
        answers = {}
        for name in EqualityMonitoring.CHARACTERISTICS:
            choices = [value for value, _ in EqualityMonitoring._meta.get_field(name).choices]
            answers[name] = rng.choice(choices + [""])
        EqualityMonitoring.objects.create(user=user, consent_given_at=timezone.now(), **answers)
