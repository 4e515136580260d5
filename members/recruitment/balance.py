"""How balanced a group would be: its active members plus a round's shortlisted applicants, against the targets.

Every figure is a count from a fixed number of queries. Equality figures come
from members.equality, under the same rules as the equality report: totals
only, small numbers hidden, and refused when too few people make the
difference between this round's people and another breakdown.
"""

from dataclasses import dataclass

from django.db.models import Count

from members.equality import equality_summary
from members.models import LivedExperienceArea, Locality, Membership, User

from .models import Application


@dataclass
class Row:
    label: str
    members: int
    applicants: int
    minimum: int | None = None

    @property
    def total(self):
        return self.members + self.applicants

    @property
    def gap(self):
        return max(0, (self.minimum or 0) - self.total)

    @property
    def in_words(self):
        """“Northgate: 1 of at least 2 — gap of 1”, or “… — met”."""
        if self.minimum is None:
            return f"{self.label}: {self.total}"
        outcome = f"gap of {self.gap}" if self.gap else "met"
        return f"{self.label}: {self.total} of at least {self.minimum} — {outcome}"


@dataclass
class Balance:
    members: int
    applicants: int
    localities: list
    lived_experience: list
    equality: dict | None
    suggestion: list

    @property
    def gaps(self):
        return [row for row in self.localities + self.lived_experience if row.gap]

    @property
    def targets(self):
        return [row for row in self.localities + self.lived_experience if row.minimum is not None]


def counts(queryset, key):
    return {row[key]: row["n"] for row in queryset.values(key).annotate(n=Count("pk")).order_by()}


def round_balance(round, with_equality):
    """The balance for a round; equality figures only when `with_equality` (the caller checks the permission)."""
    members = Membership.objects.active().filter(group_id=round.group_id, role__in=Membership.Role.voting())
    member_ids = members.values("user_id")
    applicants = round.applications.in_the_running()
    targets = list(round.targets.select_related("locality", "lived_experience"))
    locality_targets = {t.locality_id: t.minimum for t in targets if t.locality_id}
    area_targets = {t.lived_experience_id: t.minimum for t in targets if t.lived_experience_id}

    members_by_locality = counts(members, "user__locality")
    applicants_by_locality = counts(applicants, "locality")
    members_by_area = counts(User.lived_experience.through.objects.filter(user__in=member_ids), "livedexperiencearea")
    applicants_by_area = counts(
        Application.lived_experience.through.objects.filter(application__in=applicants.values("pk")),
        "livedexperiencearea",
    )

    localities = {
        item.pk: Row(
            item.name,
            members_by_locality.get(item.pk, 0),
            applicants_by_locality.get(item.pk, 0),
            locality_targets.get(item.pk),
        )
        for item in Locality.objects.all()
    }
    areas = {
        item.pk: Row(
            item.name, members_by_area.get(item.pk, 0), applicants_by_area.get(item.pk, 0), area_targets.get(item.pk)
        )
        for item in LivedExperienceArea.objects.all()
    }
    gaps = {t.pk: (localities[t.locality_id] if t.locality_id else areas[t.lived_experience_id]).gap for t in targets}
    locality_rows = list(localities.values())
    if members_by_locality.get(None) or applicants_by_locality.get(None):
        locality_rows.append(
            Row("Area not known", members_by_locality.get(None, 0), applicants_by_locality.get(None, 0))
        )
    member_count = sum(members_by_locality.values())
    applicant_count = sum(applicants_by_locality.values())
    return Balance(
        members=member_count,
        applicants=applicant_count,
        localities=locality_rows,
        lived_experience=list(areas.values()),
        equality=equality_summary(("round", round.pk)) if with_equality else None,
        suggestion=suggest_for(round, targets, gaps),
    )


def suggest_shortlist(candidates, gaps):
    """Pick candidates to fill target gaps, greedily: a suggestion for the panel to review, never a decision.

    candidates: (candidate, set of target keys they would count towards), in
    the order to prefer on a tie (earliest application first). gaps: {target
    key: how many more are needed}. Returns [(candidate, [keys it fills])].
    Deterministic: the same applications always give the same suggestion.
    """
    needed = {key: n for key, n in gaps.items() if n > 0}
    remaining = list(candidates)
    chosen = []
    while needed and remaining:
        # max() keeps the first of equals, so ties go to the earlier application.
        best = max(remaining, key=lambda candidate: len(candidate[1] & needed.keys()))
        fills = best[1] & needed.keys()
        if not fills:
            break
        chosen.append((best[0], sorted(fills)))
        remaining.remove(best)
        for key in fills:
            needed[key] -= 1
            if not needed[key]:
                del needed[key]
    return chosen


def suggest_for(round, targets, gaps):
    """Suggest applicants still at “received” who would close the round's gaps ({target pk: gap})."""
    received = (
        round.applications.filter(status=Application.Status.RECEIVED)
        .prefetch_related("lived_experience")
        .order_by("submitted", "pk")
    )
    candidates = []
    for application in received:
        areas = {area.pk for area in application.lived_experience.all()}
        counts_towards = {
            t.pk
            for t in targets
            if (t.locality_id and t.locality_id == application.locality_id) or t.lived_experience_id in areas
        }
        candidates.append((application, counts_towards))
    labels = {target.pk: target.item.name for target in targets}
    return [(application, [labels[key] for key in keys]) for application, keys in suggest_shortlist(candidates, gaps)]
