"""Asking before an admin action e-mails many people.

An action that tells people returns `confirm_send(...)`. The first time, that is a
page saying how many people will be e-mailed (with GOV.UK Notify, also how many will
get a text message or a letter), who no message reaches and so needs a letter or a
call from staff (a printable list), and the first e-mail as its reader will get it.
Send posts the same selection back, and only then does the action's `send` run; Cancel
is a link back to the list, so it changes nothing. Each action passes the people from
the queries its sending uses, and who gets what is channels.py's choice, the one
notifications.plan makes, so the counts on the page are the counts sent.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse

from . import channels
from .emails import captured
from .models import Notification
from .notifications import NotWanted, sender_for

CONFIRMED = "_send_confirmed"
# A row in one of these is never sent again (notifications.claim takes only rows waiting or failed), so
# planning the event again sends that person nothing by that channel.
FINISHED = [Notification.Status.SENT, Notification.Status.NOT_SENT, Notification.Status.UNKNOWN]


class Offline(list):
    """The people no message reaches, for staff to contact by post or phone themselves; with GOV.UK
    Notify, `texted` and `lettered` are the people who will get a text message (some as well as their
    e-mail) and a letter (once staff approve it, letter_approval.py). audience() makes it; an action
    that has no such people passes a plain list."""

    def __init__(self, people=(), texted=(), lettered=()):
        super().__init__(people)
        self.texted = list(texted)
        self.lettered = list(lettered)


def _by_notify(offline):
    """(texted, lettered) of `offline`: none when it is a plain list."""
    return getattr(offline, "texted", []), getattr(offline, "lettered", [])


def counted(number, singular, plural=None):
    """'1 project', '24 members': the number with its noun in the right form."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def told(emailed, offline, who, whom=None):
    """'24 members e-mailed, 2 letters waiting for your approval, 1 to contact by phone': what sending did,
    for the message after it."""
    texted, lettered = _by_notify(offline)
    by = {}
    for person in offline:
        way = person.get_communication_preference_display().lower()
        by[way] = by.get(way, 0) + 1
    return ", ".join(
        [
            f"{counted(emailed, who, whom)} e-mailed",
            *([f"{counted(len(texted), 'text message')} sent"] if texted else []),
            *([f"{counted(len(lettered), 'letter')} waiting for your approval"] if lettered else []),
            *(f"{n} to contact by {way}" for way, n in by.items()),
        ]
    )


def audience(told_about, event, to_contact=()):
    """(e-mailed, offline, first) for `event` on each object: who will be e-mailed; an Offline list of
    who no message reaches, with who gets a text message or a letter instead or as well; each person
    once, and what makes the first e-mail's Notification (or None).

    told_about: (object, people) pairs, the people from the query the sending uses. The channels are
    channels.chooser's, as notifications.plan's are, and like plan it leaves out anyone already sent
    this message about that object (or not to be sent it again: FINISHED). to_contact: people the sending
    does not tell (never told about a meeting that now moves, say) who asked for post or phone, listed
    to contact.
    """
    reached = {channel: {} for channel in Notification.Channel}
    offline, first = {}, None
    for obj, people in told_about:
        ways = channels.chooser(obj._meta.label_lower, event)
        finished = Notification.objects.for_object(obj).filter(event=event, status__in=FINISHED)
        already = set(finished.values_list("user_id", "channel"))
        for person in people:
            chosen = ways(person)
            if not chosen:
                offline.setdefault(person.pk, person)
            for channel in chosen:
                if (person.pk, channel) not in already and person.pk not in reached[channel]:
                    reached[channel][person.pk] = person
                    if first is None and channel == Notification.Channel.EMAIL:
                        first = (obj, person)
    for person in to_contact:
        offline.setdefault(person.pk, person)
    make_first = first and (lambda: Notification(subject=first[0], user=first[1], event=event))
    by_notify = Offline(
        offline.values(),
        texted=reached[Notification.Channel.SMS].values(),
        lettered=reached[Notification.Channel.LETTER].values(),
    )
    return list(reached[Notification.Channel.EMAIL].values()), by_notify, make_first


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

    emailed: the people (or addresses) to be e-mailed; offline: the people no message reaches, for staff to
    contact by post or phone (an Offline list from audience() also says who gets a text message or a letter);
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
    texted, lettered = _by_notify(offline)
    return TemplateResponse(
        request,
        "admin/confirm_send.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": modeladmin.model._meta,
            "emailed": counted(len(emailed), "person", "people"),
            "offline": offline,
            # Said only when GOV.UK Notify sends some of them: otherwise everyone is e-mailed or on the list.
            "by_notify": (texted or lettered)
            and {
                "emailed": len(emailed),
                "texted": len(texted),
                "lettered": len(lettered),
            },
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
