"""Asking before an admin action e-mails many people.

An action that tells people returns `confirm_send(...)`. The first time, that is a
page saying how many people will be e-mailed, who needs a letter or a call instead
(a printable list), and the first e-mail as its reader will get it. Send posts the
same selection back, and only then does the action's `send` run; Cancel is a link
back to the list, so it changes nothing. Each action passes the people from the
queries its sending uses, so the count on the page is the count sent.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse

from .emails import captured
from .models import Notification
from .notifications import NotWanted, sender_for

CONFIRMED = "_send_confirmed"


def counted(number, singular, plural=None):
    """'1 project', '24 members': the number with its noun in the right form."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def told(emailed, offline, who, whom=None):
    """'24 members e-mailed, 1 to contact by post': what sending did, for the message after it."""
    by = {}
    for person in offline:
        way = person.get_communication_preference_display().lower()
        by[way] = by.get(way, 0) + 1
    return ", ".join(
        [f"{counted(emailed, who, whom)} e-mailed", *(f"{n} to contact by {way}" for way, n in by.items())]
    )


def audience(told_about, event):
    """(e-mailed, offline, first) for `event` on each object: who will be e-mailed, who asked for post
    or phone instead, each person once, and what makes the first e-mail's Notification (or None).

    told_about: (object, people) pairs, the people from the query the sending uses. Like
    notifications.plan, it leaves out anyone already sent this e-mail about that object.
    """
    emailed, offline, first = {}, {}, None
    for obj, people in told_about:
        sent = Notification.objects.for_object(obj).filter(event=event, status=Notification.Status.SENT)
        already = set(sent.values_list("user_id", flat=True))
        for person in people:
            if not person.wants_email:
                offline.setdefault(person.pk, person)
            elif person.pk not in already and person.pk not in emailed:
                emailed[person.pk] = person
                if first is None:
                    first = (obj, person)
    make_first = first and (lambda: Notification(subject=first[0], user=first[1], event=event))
    return list(emailed.values()), list(offline.values()), make_first


def preview(first):
    """The e-mail the Notification made by first() stands for, as its reader would get it; None if none.

    Run in a transaction that is then undone, and with e-mails captured: nothing is sent,
    and nothing a sender records (an invitation's time, a "sent" mark) is kept.
    """
    with transaction.atomic():
        with captured() as kept:
            notification = first()
            try:
                sender_for(notification)(notification)
            except NotWanted:
                pass
        transaction.set_rollback(True)
    return kept[0] if kept else None


def confirm_send(
    modeladmin, request, *, title, emailed, send, offline=(), first=None, left_out=(), ready=True, option=None
):
    """For a list action: the confirmation page, or, once Send is pressed, the result of send().

    emailed: the people (or addresses) to be e-mailed; offline: people who asked for post or phone;
    send: does it and returns the message to show, or None;
    first: makes an unsaved Notification for the first e-mail, for the preview (None if no one is e-mailed);
    left_out: sentences on what was selected but will not be done, and why; ready: False when
    nothing can be done; option: (field name, label) of a tick box that changes who is counted,
    which the action reads from request.POST as "1".
    """
    if request.POST.get(CONFIRMED) and ready:
        done = send()
        if done:  # None when every step was refused as it ran (each refusal says why)
            modeladmin.message_user(request, done, messages.SUCCESS)
        return None
    # The action's selection, posted back with Send so that it acts on what was chosen.
    selection = [
        ("action", request.POST["action"]),
        ("select_across", request.POST.get("select_across", "0")),
        *((helpers.ACTION_CHECKBOX_NAME, pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)),
    ]
    return page(
        modeladmin,
        request,
        title=title,
        emailed=emailed,
        offline=offline,
        first=first,
        left_out=left_out,
        ready=ready,
        option=option,
        hidden=selection,
        back=request.get_full_path(),
    )


def page(
    modeladmin, request, *, title, emailed, hidden, back, offline=(), first=None, left_out=(), ready=True, option=None
):
    """The confirmation page itself. Send posts `hidden` (name, value) pairs back to the same address with
    CONFIRMED; Cancel goes to `back`. The other arguments are confirm_send's."""
    message = preview(first) if first and ready else None
    return TemplateResponse(
        request,
        "admin/confirm_send.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": modeladmin.model._meta,
            "emailed": counted(len(emailed), "person", "people"),
            "offline": offline,
            "message": message,
            "recipient": message and ", ".join(message.to),
            "left_out": left_out,
            "ready": ready,
            "option": option and {"name": option[0], "label": option[1], "on": request.POST.get(option[0]) == "1"},
            "hidden": hidden,
            "confirmed": CONFIRMED,
            "back": back,
        },
    )
