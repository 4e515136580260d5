"""Generate a large data set for the benchmark with bulk inserts.

    DJANGO_SETTINGS_MODULE=engagement.settings python bench/generate.py [--scale 1.0]

At scale 1: 40 groups, 2,000 people, 500 meetings with agendas and replies,
1,000 projects, 50,000 comments, 5,000 response entries, 10,000 expense
claims. Writes bench/logins.json with the accounts the benchmark signs in as.
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from feedback.events.models import Event  # noqa: E402
from feedback.models import Comment, Partner, Project, Question, ResponseEntry, Theme  # noqa: E402
from feedback.planning.models import EngagementPlan, FeedbackSource, PlanComment, Stakeholder  # noqa: E402
from meetings.models import AgendaItem, Meeting, Reply, Venue  # noqa: E402
from members import roles  # noqa: E402
from members.expenses.models import ClaimLine, ExpenseClaim  # noqa: E402
from members.models import EngagementGroup, Membership, User  # noqa: E402

PASSWORD = "bench-password"
BATCH = 2000


@transaction.atomic
def generate(scale, rng):
    n = lambda count: max(1, int(count * scale))  # noqa: E731
    roles.sync_staff_roles()
    password = make_password(PASSWORD)
    groups = EngagementGroup.objects.bulk_create(
        [EngagementGroup(name=f"Bench group {i}", slug=f"bench-{i}") for i in range(40)]
    )
    people = User.objects.bulk_create(
        [User(email=f"person{i}@bench.example", full_name=f"Person {i}", password=password) for i in range(n(2000))],
        batch_size=BATCH,
    )
    member, staff = people[0], people[1]
    User.objects.filter(pk=member.pk).update(email="member@bench.example", full_name="Bench Member")
    User.objects.filter(pk=staff.pk).update(email="staff@bench.example", full_name="Bench Staff", is_staff=True)
    staff.groups.add(Group.objects.get(name=roles.ENGAGEMENT_STAFF))
    memberships = [
        Membership(
            user=person, group=groups[i % len(groups)], role=Membership.Role.CHAIR if i < 40 else Membership.Role.MEMBER
        )
        for i, person in enumerate(people[2:], start=0)
    ]
    # The member is in the busiest group, so their pages carry the most data.
    memberships.append(Membership(user=member, group=groups[0]))
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    by_group = {group.pk: [] for group in groups}
    for membership in memberships:
        by_group[membership.group_id].append(membership.user_id)

    venue = Venue.objects.create(name="Bench venue", address="1 Bench Road", step_free=True)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                group=groups[0] if i % 8 == 0 else groups[i % len(groups)],
                title=f"Meeting {i}",
                start=now + timedelta(days=(i % 200) - 100, hours=10),
                end=now + timedelta(days=(i % 200) - 100, hours=13),
                venue=venue,
                status=Meeting.Status.HELD if (i % 200) < 100 else Meeting.Status.PAPERS_ISSUED,
                minutes_status=Meeting.MinutesStatus.APPROVED if (i % 200) < 100 else Meeting.MinutesStatus.NONE,
            )
            for i in range(n(500))
        ],
        batch_size=BATCH,
    )
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=m, position=p, title=f"Item {p}", minutes_allotted=20, minutes="Discussed.")
            for m in meetings
            for p in range(6)
        ],
        batch_size=BATCH,
    )
    Reply.objects.bulk_create(
        [
            Reply(meeting=m, user_id=user_id, response=rng.choice(["attending", "apologies"]))
            for m in meetings
            for user_id in by_group[m.group_id][:25]
        ],
        batch_size=BATCH,
    )

    partner = Partner.objects.create(name="Bench partner")
    themes = Theme.objects.bulk_create([Theme(name=f"Bench theme {i}", position=i) for i in range(8)])
    today = timezone.localdate()
    projects = Project.objects.bulk_create(
        [
            Project(
                title=f"Project {i}",
                partner=partner,
                lead_name="Lead",
                summary="A benchmark project.",
                status=[Project.Status.OPEN, Project.Status.CLOSED, Project.Status.PUBLISHED][i % 3],
                closes_on=today + timedelta(days=10) if i % 3 == 0 else today - timedelta(days=30),
                opened_at=now - timedelta(days=60),
                closed_at=None if i % 3 == 0 else now - timedelta(days=30),
                response_published_at=now - timedelta(days=5) if i % 3 == 2 else None,
            )
            for i in range(n(1000))
        ],
        batch_size=BATCH,
    )
    Project.groups.through.objects.bulk_create(
        [
            Project.groups.through(project=p, engagementgroup=groups[0] if i < 60 else groups[i % len(groups)])
            for i, p in enumerate(projects)
        ],
        batch_size=BATCH,
    )
    # Like the demo's agendas, each meeting's second item is about a project.
    AgendaItem.objects.filter(position=1).update(project=projects[0])
    # Project 0 (open, in the member's group) gets the most comments, on its questions and
    # on the project as a whole: the heaviest project page.
    authors = by_group[groups[0].pk]
    questions = Question.objects.bulk_create(
        [Question(project=projects[0], text=f"Bench question {i}", position=i) for i in range(1, 4)]
    )
    comments = [
        Comment(
            project=projects[0],
            question=rng.choice([None, *questions]),
            author_id=rng.choice(authors),
            body=f"Busy comment {i}",
        )
        for i in range(n(5000))
    ]
    comments += [
        Comment(project=projects[i % len(projects)], author_id=rng.choice(authors), body=f"Comment {i}")
        for i in range(n(45000))
    ]
    comments = Comment.objects.bulk_create(comments, batch_size=BATCH)
    published = [p for p in projects if p.status == Project.Status.PUBLISHED]
    entries = ResponseEntry.objects.bulk_create(
        [
            ResponseEntry(
                project=published[i % len(published)],
                theme=themes[i % len(themes)],
                what_we_heard=f"We heard thing {i}.",
                how_we_reflected=f"We changed thing {i}.",
                where_addressed="Plan, section 2",
                outcome=list(ResponseEntry.Outcome)[i % 4],
                position=i,
            )
            for i in range(n(5000))
        ],
        batch_size=BATCH,
    )
    ResponseEntry.comments.through.objects.bulk_create(
        [
            ResponseEntry.comments.through(responseentry=entry, comment=comments[i * 3 % len(comments)])
            for i, entry in enumerate(entries)
        ],
        batch_size=BATCH,
    )

    statuses = list(ExpenseClaim.Status)
    claimants = [member.pk] * 200 + [p.pk for p in people[2:]]
    claims = ExpenseClaim.objects.bulk_create(
        [
            ExpenseClaim(
                claimant_id=claimants[i % len(claimants)],
                group=groups[0],
                activity_date=today - timedelta(days=i % 300),
                description=f"Meeting travel {i}",
                # A meeting of the group (every eighth meeting is the busiest group's), as the demo's claims have.
                meeting=meetings[(i * 8) % len(meetings)],
                status=statuses[i % len(statuses)],
                rejection_reason="Not an activity of the group" if statuses[i % len(statuses)] == "rejected" else "",
                paid_on=today if statuses[i % len(statuses)] == "paid" else None,
                payment_reference=f"PAY{i}" if statuses[i % len(statuses)] == "paid" else "",
            )
            for i in range(n(10000))
        ],
        batch_size=BATCH,
    )
    ClaimLine.objects.bulk_create(
        [ClaimLine(claim=claim, kind="public_transport", details="Bus", amount=Decimal("4.50")) for claim in claims]
        + [ClaimLine(claim=claim, kind="parking", details="Car park", amount=Decimal("3.20")) for claim in claims],
        batch_size=BATCH,
    )
    # The busiest project's engagement plan, with the template's actions, a long discussion, and, as the
    # demo's plan has, stakeholders, sources of feedback and events.
    plan = EngagementPlan.objects.start(projects[0])
    Stakeholder.objects.bulk_create(
        [
            Stakeholder(plan=plan, name=f"Stakeholder {i}", category=Stakeholder.Category.choices[i % 4][0], steps=[1])
            for i in range(n(20))
        ]
    )
    FeedbackSource.objects.bulk_create(
        [
            FeedbackSource(plan=plan, kind=FeedbackSource.Kind.EVENT, title=f"Source {i}", key_themes="Access")
            for i in range(n(6))
        ]
    )
    Event.objects.bulk_create(
        [
            Event(
                plan=plan,
                title=f"Workshop {i}",
                purpose="Tell us what works well.",
                # Some held already, whose reports the page offers, as the demo's held workshop has.
                start=now + timedelta(days=i - 2, hours=13),
                end=now + timedelta(days=i - 2, hours=15),
                venue=venue,
                capacity=30,
            )
            for i in range(n(6))
        ]
    )
    PlanComment.objects.bulk_create(
        [PlanComment(plan=plan, author_id=people[i % len(people)].pk, body=f"Plan comment {i}") for i in range(n(300))],
        batch_size=BATCH,
    )
    return {
        "member": "member@bench.example",
        "staff": "staff@bench.example",
        "password": PASSWORD,
        "group": groups[0].slug,
        "project": projects[0].pk,
        "meeting": Meeting.objects.filter(group=groups[0]).order_by("-start")[0].pk,
        # A draft, as the demo's is: the page then also looks for claims for the same meeting or day.
        "claim": ExpenseClaim.objects.filter(claimant=member, status=ExpenseClaim.Status.DRAFT).order_by("-pk")[0].pk,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    started = time.monotonic()
    logins = generate(args.scale, random.Random(9))
    (ROOT / "bench" / "logins.json").write_text(json.dumps(logins, indent=2))
    print(f"Generated at scale {args.scale} in {time.monotonic() - started:.1f} s")
