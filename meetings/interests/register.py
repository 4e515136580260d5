"""What a group's register says: for staff and the chair in full, for the public in part; and, at a
meeting, the registered interests that may touch each agenda item."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from feedback.models import Partner
from members.models import User

from .models import Interest, MeetingDeclaration, organisation_key, register_people


@dataclass
class Row:
    person: User
    declared_on: date | None
    interests: list = field(default_factory=list)


def group_register(group, today: date, public: bool = False) -> list[Row]:
    """Everyone the register holds, with their interests, in two queries. The public version lists only
    members who agreed to be named publicly."""
    people = register_people(group.pk)
    if public:
        # The same membership row as register_people's: one membership a person a group.
        people = people.filter(memberships__group_id=group.pk, memberships__named_publicly=True)
    people = list(people.select_related("interest_declaration").order_by("full_name"))
    rows = {
        person.pk: Row(person, getattr(getattr(person, "interest_declaration", None), "confirmed_on", None))
        for person in people
    }
    interests = (
        Interest.objects.in_register(today).filter(declaration__person__in=list(rows)).select_related("declaration")
    )
    for interest in interests:
        rows[interest.declaration.person_id].interests.append(interest)
    return list(rows.values())


def touching(meeting, items) -> dict[int, list[Interest]]:
    """{item id: interests of the group's members whose organisation is the partner of the item's project},
    matched by the partner chosen or by name without case: one query, however many items and interests."""
    partner_ids = {item.project.partner_id for item in items if item.project_id}
    if not partner_ids:
        return {}
    same_partner = (
        Partner.objects.alias(key=organisation_key("name"))
        .filter(pk__in=partner_ids)
        .filter(Q(pk=OuterRef("partner_id")) | Q(key=organisation_key(OuterRef("organisation"))))
    )
    interests = (
        Interest.objects.in_register(timezone.localdate(meeting.start))
        .of_group(meeting.group_id)
        .annotate(matched_partner=Subquery(same_partner.values("pk")[:1]))
        .exclude(matched_partner=None)
        .select_related("declaration__person")
        .order_by("declaration__person__full_name", "pk")
    )
    by_partner = defaultdict(list)
    for interest in interests:
        by_partner[interest.matched_partner].append(interest)
    return {
        item.pk: by_partner[item.project.partner_id]
        for item in items
        if item.project_id and item.project.partner_id in by_partner
    }


def minutes_declarations(meeting, agenda) -> list[tuple[str, str]]:
    """(name, declaration) for each declaration made at the meeting, naming its item as the minutes number it
    (item.number). Only the agenda's items: one without its confidential items leaves out what was declared at them."""
    numbers = {item.pk: item.number for _starts, item in agenda}
    return [
        (declared.name, f"{declared.declaration} (item {numbers[declared.item_id]}, {declared.item.title})")
        for declared in MeetingDeclaration.objects.filter(item__in=list(numbers)).select_related("person", "item")
    ]
