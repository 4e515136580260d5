"""Impact figures for staff and the chair: did the group's views get a response, and how fast?

Three queries for a whole group, whatever the number of projects or comments:
the projects, comment counts per project, and outcome counts per project.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from .models import Comment, Project, ResponseEntry


@dataclass
class ProjectImpact:
    project: Project
    comments: int = 0
    answered: int = 0
    outcomes: dict = field(default_factory=dict)
    overdue: bool = False

    @property
    def answered_percent(self):
        """Share of comments that a published response entry answers, or None with no comments to answer."""
        return round(100 * self.answered / self.comments) if self.comments else None

    @property
    def days_to_response(self):
        return self.project.days_to_response

    @property
    def outcome_counts(self):
        return outcome_counts([self])


@dataclass
class GroupImpact:
    projects: list

    @property
    def comments(self):
        return sum(row.comments for row in self.projects)

    @property
    def answered(self):
        return sum(row.answered for row in self.projects)

    @property
    def answered_percent(self):
        return round(100 * self.answered / self.comments) if self.comments else None

    @property
    def outcome_counts(self):
        return outcome_counts(self.projects)

    @property
    def published(self):
        return [row for row in self.projects if row.project.status == Project.Status.PUBLISHED]

    @property
    def average_days_to_response(self):
        days = [row.days_to_response for row in self.published if row.days_to_response is not None]
        return round(sum(days) / len(days)) if days else None

    @property
    def overdue(self):
        return [row for row in self.projects if row.overdue]


def outcome_counts(rows):
    """[(outcome, number of published entries)] for every outcome, in a fixed order."""
    return [(outcome, sum(row.outcomes.get(outcome, 0) for row in rows)) for outcome in ResponseEntry.Outcome]


def group_impact(group, now=None):
    """Figures for every project the group has been asked about (drafts aside), newest first."""
    now = now or timezone.now()
    projects = list(
        Project.objects.filter(groups=group)
        .exclude(status=Project.Status.DRAFT)
        .select_related("partner")
        .order_by("-opened_at", "-pk")
    )
    counted = Comment.objects.filter(project__in=projects, withdrawn_at=None, hidden_at=None)
    comment_counts = {
        row["project"]: row
        for row in counted.values("project")
        .order_by()
        .annotate(
            total=Count("pk", distinct=True),
            answered=Count(
                "pk",
                filter=Q(response_entries__isnull=False, project__status=Project.Status.PUBLISHED),
                distinct=True,
            ),
        )
    }
    outcomes = {}
    published_entries = ResponseEntry.objects.filter(project__in=projects, project__status=Project.Status.PUBLISHED)
    for row in published_entries.values("project", "outcome").annotate(count=Count("pk")).order_by():
        outcomes.setdefault(row["project"], {})[row["outcome"]] = row["count"]
    rows = []
    for project in projects:
        counts = comment_counts.get(project.pk, {})
        rows.append(
            ProjectImpact(
                project=project,
                comments=counts.get("total", 0),
                answered=counts.get("answered", 0),
                outcomes=outcomes.get(project.pk, {}),
                overdue=project.is_overdue(now),
            )
        )
    return GroupImpact(projects=rows)
