"""Steps that change who is coming to an event and tell them: invitations, replies, public sign-ups,
places freed and offered in turn, the event moved or cancelled, and the register on the day.

Each runs in one transaction and queues its e-mails through the outbox in that same transaction
(engagement/core/tasks.py). Every step that gives out or frees a place locks the event's row first
(select_for_update), so two people replying or signing up at once for the last place are served one
after the other: one gets it, the other goes on the waiting list.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from engagement.core import notifications
from engagement.core.tasks import send_notifications
from feedback.planning.models import Stakeholder

from .models import Event, Registration

Status = Registration.Status


class Closed(Exception):
    """The event no longer takes sign-ups or replies (it has started, been cancelled, or sign-up closed)."""


@dataclass
class Invitees:
    """Who an invitation would reach: each list holds stakeholders of the event's plan."""

    emailed: list = field(default_factory=list)
    offline: list = field(default_factory=list)  # no e-mail address: staff phone or write to them
    already: list = field(default_factory=list)  # invited to this event before: left out


def invitees(event: Event, stakeholders) -> Invitees:
    """Sort the chosen stakeholders (only those on the event's plan) into who will be e-mailed, who has no
    e-mail address, and who was invited before. The confirmation page and the sending both use it."""
    chosen = Stakeholder.objects.filter(plan=event.plan_id, pk__in=[s.pk for s in stakeholders])
    invited = set(event.registrations.exclude(stakeholder=None).values_list("stakeholder_id", flat=True))
    result = Invitees()
    for stakeholder in chosen.order_by("category", "name", "pk"):
        if stakeholder.pk in invited:
            result.already.append(stakeholder)
        elif stakeholder.email:
            result.emailed.append(stakeholder)
        else:
            result.offline.append(stakeholder)
    return result


@transaction.atomic
def invite(event: Event, stakeholders) -> Invitees:
    """Give each chosen stakeholder not yet invited a registration (a copy of their details, and a private
    reply link) and e-mail those with an address their link, once. Returns who was e-mailed and who
    staff need to contact by phone or post (their registrations are made too, to record their reply).
    Raises Closed if the event has been cancelled: its invitation e-mails would never be sent."""
    if _lock(event.pk).is_cancelled:
        raise Closed(event)
    chosen = invitees(event, stakeholders)
    Registration.objects.bulk_create(
        [Registration(**invitation_fields(event, stakeholder)) for stakeholder in chosen.emailed + chosen.offline],
        # Two staff inviting the same person at once: the constraint keeps one registration each.
        ignore_conflicts=True,
    )
    to_email = Registration.objects.filter(event=event, stakeholder__in=chosen.emailed)
    send_notifications(
        [
            notification_id
            for registration in to_email
            for notification_id in notifications.plan_to_subject(registration, "invitation")
        ]
    )
    return chosen


def invitation_fields(event: Event, stakeholder: Stakeholder) -> dict:
    """A stakeholder's registration: their details copied, so the event keeps them if the plan changes."""
    return {
        "event": event,
        "stakeholder": stakeholder,
        "name": stakeholder.name,
        "email": stakeholder.email,
        "phone": stakeholder.phone,
        "organisation": stakeholder.organisation,
        "category": stakeholder.category,
    }


def has_place(event: Event, besides=None) -> bool:
    """Whether a place is free. `besides`: a registration not to count (the one asking)."""
    if event.capacity is None:
        return True
    coming = event.registrations.filter(status=Status.COMING)
    if besides is not None:
        coming = coming.exclude(pk=besides.pk)
    return coming.count() < event.capacity


def _lock(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _told(registration: Registration, was: str) -> list:
    """The e-mail a change of status calls for, planned once per registration: the place confirmed (with a
    calendar file), or the waiting list. People without an e-mail address are told by staff."""
    if not registration.email or registration.status == was:
        return []
    event = {Status.COMING: "place-confirmed", Status.WAITING: "waiting-list"}.get(registration.status)
    return notifications.plan_to_subject(registration, event) if event else []


def next_in_line(event: Event, capacity) -> list:
    """Who on the waiting list would be offered a place if the event had `capacity` places (None: no limit),
    in the order they joined it. The confirmation page before staff add places asks the same."""
    waiting = event.registrations.filter(status=Status.WAITING).order_by("waiting_since", "pk")
    if capacity is not None:
        free = capacity - event.registrations.filter(status=Status.COMING).count()
        waiting = waiting[: max(free, 0)]
    return list(waiting)


def _offer_free_places(event: Event) -> list:
    """Give each free place to the next on the waiting list, in the order they joined it. The event must be
    locked. Returns the e-mails to send ("a place has come up")."""
    ids = []
    for registration in next_in_line(event, event.capacity):
        registration.status = Status.COMING
        registration.save(update_fields=["status"])
        if registration.email:
            ids += notifications.plan_to_subject(registration, "place-offered")
    return ids


@transaction.atomic
def offer_free_places(event: Event) -> int:
    """After staff add places: offer them to the waiting list in turn. Returns how many were offered."""
    event = _lock(event.pk)
    before = event.registrations.filter(status=Status.WAITING).count()
    send_notifications(_offer_free_places(event))
    return before - event.registrations.filter(status=Status.WAITING).count()


@transaction.atomic
def reply(registration: Registration, *, coming: bool, **answers) -> Registration:
    """Record someone's answer from their private link: coming or not, and their access needs and notes
    (answers: access_needs, access_details, anything_else, wants_outcomes). Coming when every place is
    taken puts them on the waiting list; giving up a place offers it to the next person waiting.
    Raises Closed once the event has started or been cancelled."""
    event = _lock(registration.event_id)
    if not event.takes_replies:
        raise Closed(event)
    registration = Registration.objects.get(pk=registration.pk)
    was = registration.status
    for name, value in answers.items():
        setattr(registration, name, value)
    registration.replied_at = timezone.now()
    if not coming:
        # Someone who had a place has given it up; someone waiting for one had none to give up, so is not coming.
        registration.status = Status.CANCELLED if was == Status.COMING else Status.NOT_COMING
    elif was not in (Status.COMING, Status.WAITING):
        if has_place(event, besides=registration):
            registration.status = Status.COMING
        else:
            registration.status, registration.waiting_since = Status.WAITING, timezone.now()
    registration.save()
    ids = _told(registration, was)
    if was == Status.COMING and registration.status != Status.COMING:
        ids += _offer_free_places(event)
    send_notifications(ids)
    return registration


def link_again_event(now) -> str:
    # Keyed on the day: someone else typing a person's address over and over sends them one e-mail a day at most.
    return f"link-again-{timezone.localdate(now):%Y%m%d}"


@transaction.atomic
def sign_up(event: Event, **details) -> Registration:
    """A member of the public signs up (details: the Registration's fields from the form): a place if one
    is free, else the waiting list; either way an e-mail says which, with their private link.

    An address already registered for the event (signed up, or invited) gets no second registration: its
    private link is e-mailed again instead, and the existing registration is returned unchanged. The event's
    row lock makes two sign-ups at once with one address find each other. Raises Closed if the event is not
    open for sign-up now."""
    event = Event.objects.open_for_sign_up().select_for_update().filter(pk=event.pk).first()
    if event is None:
        raise Closed(event)
    now = timezone.now()
    existing = event.registrations.filter(email__iexact=details["email"]).order_by("pk").first()
    if existing is not None:
        send_notifications(notifications.plan_to_subject(existing, link_again_event(now)))
        return existing
    coming = has_place(event)
    registration = Registration.objects.create(
        event=event,
        status=Status.COMING if coming else Status.WAITING,
        waiting_since=None if coming else now,
        replied_at=now,
        **details,
    )
    send_notifications(_told(registration, Status.INVITED))
    return registration


def expecting(event: Event):
    """Everyone still expecting the event, told if it moves or is cancelled: invited and not said no (their
    invitation gave the old details), with a place, or waiting for one. Not anyone the register already
    marks as having come, such as a walk-in: they are there."""
    return event.registrations.filter(status__in=[Status.INVITED, Status.COMING, Status.WAITING]).exclude(attended=True)


# What, changed, moves an event: everyone expecting it is told, and calendars update.
MOVING = ["start", "end", "venue", "online_link"]


def moved_event(event: Event) -> str:
    """The e-mail for one change: keyed on the calendar sequence the change gives the event, so each change
    tells each person once, and an e-mail overtaken by a later change is not sent (emails.send_moved)."""
    return f"moved-{event.sequence}"


def tells_of_move(event: Event) -> bool:
    """Whether moving the event tells anyone: not once it is cancelled, or has started (a correction then)."""
    return not event.is_cancelled and event.start > timezone.now()


@transaction.atomic
def move(event: Event, **details) -> int:
    """Change when or where the event is (details: any of MOVING, with their new values) and e-mail everyone
    still expecting it the new details, with a calendar file that updates their entry. Returns how many are
    e-mailed; those without an address are for staff to phone. The event given is updated too."""
    locked = _lock(event.pk)
    for name, value in details.items():
        setattr(event, name, value)
    # Calendars replace an entry only when its sequence goes up.
    event.sequence = locked.sequence + 1
    event.cancelled_at = locked.cancelled_at
    event.save(update_fields=[*details, "sequence", "modified"])
    if not tells_of_move(event):
        return 0
    told = expecting(event).exclude(email="")
    return send_notifications(
        [nid for registration in told for nid in notifications.plan_to_subject(registration, moved_event(event))]
    )


@transaction.atomic
def cancel(event: Event) -> int:
    """Cancel the event and e-mail everyone still expecting it (with a calendar file that takes it out of their
    calendar), once. Returns how many are e-mailed; those without an address are for staff to phone."""
    event = _lock(event.pk)
    if event.is_cancelled:
        return 0
    event.cancelled_at = timezone.now()
    # Calendars replace an entry only when its sequence goes up.
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence", "modified"])
    told = expecting(event).exclude(email="")
    return send_notifications(
        [nid for registration in told for nid in notifications.plan_to_subject(registration, "cancelled")]
    )


@transaction.atomic
def take_register(event: Event, present: set) -> None:
    """Record who came: everyone on the register (coming, waiting, or marked before) ticked is marked
    as attended, everyone else on it as not. Raises Closed before the event's day, or once it is cancelled."""
    event = _lock(event.pk)
    if not event.register_is_open:
        raise Closed(event)
    on_register = register_lines(event)
    on_register.filter(pk__in=present).update(attended=True)
    on_register.exclude(pk__in=present).update(attended=False)


def register_lines(event: Event):
    """Who is on the day's register: people with a place, on the waiting list (they may come anyway),
    and anyone already marked as having come (walk-ins)."""
    on_register = Q(status__in=[Status.COMING, Status.WAITING]) | Q(attended=True)
    return event.registrations.filter(on_register).order_by("name", "pk")


@transaction.atomic
def add_walk_in(event: Event, *, name: str, organisation: str = "", category: str = "") -> Registration:
    """Someone who came without registering: on the register, and counted in the report by category.
    Raises Closed before the event's day, or once it is cancelled."""
    if not _lock(event.pk).register_is_open:
        raise Closed(event)
    return Registration.objects.create(
        event=event,
        name=name,
        organisation=organisation,
        category=category or Stakeholder.Category.OTHER,
        status=Status.COMING,
        attended=True,
    )
