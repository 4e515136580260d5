"""The staff page of e-mails that failed, or may not have gone: who, what, when and why, in plain words.
With GOV.UK Notify, text messages and letters too, and messages Notify took but could not deliver
(its delivery receipts, receipts.py).

The record of every e-mail (the Notification admin) is for administrators: its event names, ids and
error texts are internals. Engagement staff see only the e-mails that need them, from the staff home,
and can have a failed one tried again. Trying again only re-queues the one delivery task, which claims
the row before sending (engagement/core/notifications.py), so nothing already sent goes twice.

A message Notify took but could not deliver for a passing reason (the phone was off for days, a fault
on Notify's side) can be tried again too; one it could never deliver (no such number or address) cannot,
and the page says what to check instead. Sending again reuses the row, so the once-only rule (one row per
person, event and channel) still holds: the row goes back to waiting, its Notify id and receipt are
cleared, and `sent_again` is counted up, which gives the new message a reference of its own
(Notification.reference, "<id>-2"). Notify still holds the undelivered message under the old reference,
so were the reference reused, a retry after a lost answer would find that one and take it for sent
(notifications.deliver), and its late receipts would be recorded on the new one (receipts.record).
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from . import notify
from .confirm import counted, preview
from .forms import as_id
from .models import Notification
from .paging import page_counted_by_window
from .tasks import send_notifications

Status = Notification.Status
Channel = Notification.Channel
LISTED = [Status.FAILED, Status.UNKNOWN]
# A message Notify could not deliver is listed this long after it was sent: time enough to contact the person.
UNDELIVERED_FOR = timedelta(days=28)
PER_PAGE = 20
# What the page calls what it lists: with GOV.UK Notify, text messages and letters are listed too.
NOUN = {False: "e-mail", True: "message"}
# What Notify's receipts say when sending it again may work: the person could not be reached for a while,
# or Notify had a fault. Its other failures (no such address, a letter it cannot print) would fail again.
WORTH_TRYING_AGAIN = ["temporary-failure", "technical-failure"]

# The last error starts with the exception's name (notifications.deliver); what each means for staff.
# Several SMTP errors are OSErrors, so the more precise names come first.
REASONS = [
    (
        ("SMTPRecipientsRefused",),
        "The mail server would not take this address. Check the person's e-mail address, or contact them another way.",
    ),
    (
        ("SMTPAuthenticationError", "SMTPSenderRefused", "SMTPDataError"),
        "Our mail server refused to send it. An administrator needs to check the e-mail settings.",
    ),
    (
        ("SMTPServerDisconnected", "SMTPConnectError", "ConnectionError", "ConnectionRefusedError", "TimeoutError"),
        "We could not reach the mail server at the time. It may have been a short outage: try again.",
    ),
    (("gaierror",), "We could not find the mail server. An administrator needs to check the e-mail settings."),
    (
        ("Unavailable",),
        "We could not reach GOV.UK Notify at the time. It may have been a short outage: try again.",
    ),
    (
        ("Refused",),
        "GOV.UK Notify would not take it. Check the person's mobile number or postal address; "
        "if they are right, tell an administrator.",
    ),
]
# What GOV.UK Notify's delivery receipt said, by channel.
UNDELIVERED_REASONS = {
    ("permanent-failure", Channel.EMAIL): "The e-mail address does not exist or cannot take e-mail, so sending "
    "it again would fail too. Check the address with the person, correct it on their record, and contact them "
    "another way this time.",
    ("permanent-failure", Channel.SMS): "The mobile number does not exist or cannot take text messages, so "
    "sending it again would fail too. Check the number with the person, correct it on their record, and "
    "contact them another way this time.",
    ("permanent-failure", Channel.LETTER): "GOV.UK Notify's printers could not print the letter, so sending it "
    "again would fail too. Tell an administrator, and contact the person another way.",
    ("temporary-failure", Channel.EMAIL): "The person's inbox was full or would not take e-mail for several days. "
    "Try again in a day or two, or contact them another way.",
    ("temporary-failure", Channel.SMS): "The phone was switched off or out of signal for several days. "
    "Try again in a day or two, or contact the person another way.",
    **dict.fromkeys(
        [("technical-failure", channel) for channel in Channel],
        "GOV.UK Notify had a fault on its side and did not send it. Try again.",
    ),
    ("validation-failed", Channel.LETTER): "GOV.UK Notify could not post the letter: the address or the layout "
    "was not right. Check the person's postal address, then tell an administrator.",
}
UNDELIVERED_REASON = "GOV.UK Notify could not deliver it. Contact the person another way, or tell an administrator."
UNKNOWN_REASON = (
    "It may have gone: the mail server was given it, but its answer was not recorded. "
    "Check with the person before sending it again."
)
OTHER_REASON = (
    "Something went wrong on our side while sending it. If trying again does not work, tell an administrator."
)


def can_see(user) -> bool:
    return user.has_perm("core.view_notification")


def can_try_again(user) -> bool:
    return user.has_perm("core.change_notification")


def needs_staff() -> Q:
    """Every message that needs staff: failed, may not have gone, or not delivered (recently)."""
    undelivered = Q(
        status=Status.SENT,
        delivery_status__in=Notification.UNDELIVERED,
        sent_at__gte=timezone.now() - UNDELIVERED_FOR,
    )
    return Q(status__in=LISTED) | undelivered


def worth_trying_again() -> Q:
    """The messages listed that sending again may get through: failed to send, or not delivered for a
    passing reason."""
    return Q(status=Status.FAILED) | (needs_staff() & Q(status=Status.SENT, delivery_status__in=WORTH_TRYING_AGAIN))


def _worth_trying_again(notification) -> bool:
    """worth_trying_again(), for a row the page has listed."""
    return notification.status == Status.FAILED or (
        notification.status == Status.SENT and notification.delivery_status in WORTH_TRYING_AGAIN
    )


def _address(notification, address):
    if notification.user is None:
        return ""  # the address is shown as who it went to
    return notification.user.email if notification.channel == Channel.EMAIL else address


def reason(notification) -> str:
    """Why it did not go, in plain words for staff."""
    if notification.status == Status.UNKNOWN:
        return UNKNOWN_REASON
    if notification.status == Status.SENT:
        return UNDELIVERED_REASONS.get((notification.delivery_status, notification.channel), UNDELIVERED_REASON)
    name = notification.last_error.split(":", 1)[0]
    return next((text for names, text in REASONS if name in names), OTHER_REASON)


def as_read(notification) -> tuple[str, str]:
    """(subject, address) of the e-mail as its reader would get it, made as the confirmation's preview
    makes it: in a transaction that is undone, with nothing sent."""
    try:
        message = preview(lambda: notification)
    except Exception:  # the record it was about has gone since: the e-mail is still listed
        message = None
    if message is None:
        kind = {Channel.EMAIL: "An e-mail", Channel.SMS: "A text message", Channel.LETTER: "A letter"}
        return f"{kind[notification.channel]} about a {notification.content_type.name} that is no longer needed", ""
    if notification.channel == Channel.SMS:
        return f"Text message: {message.subject}", notification.user.mobile_number
    if notification.channel == Channel.LETTER:
        user = notification.user
        return f"Letter: {message.subject}", ", ".join([*user.address.splitlines(), user.postcode])
    return message.subject, ", ".join(message.to)


@transaction.atomic
def try_again(notification_ids) -> list[str]:
    """Send these messages again; the channel of each that will be. Only rows still failed, or still
    undelivered for a passing reason, are taken, so one sent (or being sent) meanwhile, one that may have
    gone, or one already sent again is never sent again. An undelivered one is sent under a new reference."""
    chosen = list(
        Notification.objects.select_for_update()
        .filter(worth_trying_again(), pk__in=notification_ids)
        .values_list("pk", "status", "channel")
    )
    failed = [pk for pk, status, _ in chosen if status == Status.FAILED]
    undelivered = [pk for pk, status, _ in chosen if status == Status.SENT]
    Notification.objects.filter(pk__in=failed).update(status=Status.PENDING, last_error="")
    Notification.objects.filter(pk__in=undelivered).update(
        status=Status.PENDING,
        sent_again=F("sent_again") + 1,
        provider_id="",
        delivery_status="",
        delivery_checked_at=None,
        handed_at=None,
        last_error="",
    )
    send_notifications(failed + undelivered)
    return [channel for _, _, channel in chosen]


def _said(channels) -> str:
    """'1 text message and 2 letters': how many of each kind of message."""
    kinds = [
        counted(channels.count(channel), label.lower()) for channel, label in Channel.choices if channel in channels
    ]
    return " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)


def page(admin_site, request):
    """The admin page: the list, newest first, and the "Try again" buttons."""
    if not can_see(request.user) or (request.method == "POST" and not can_try_again(request.user)):
        raise PermissionDenied
    if request.method == "POST":
        tried = try_again([as_id(value) for value in request.POST.getlist("notification")])
        if tried:
            messages.success(request, f"{_said(tried)} will be sent again in the next few minutes.")
        else:
            noun = NOUN[notify.enabled()]
            messages.info(request, f"Nothing was sent again: that {noun} has been sent or dealt with since.")
        return redirect(request.get_full_path())
    rows_listed = Notification.objects.filter(needs_staff()).select_related("user", "content_type").order_by("-created")
    current = page_counted_by_window(rows_listed, request.GET.get("page"), PER_PAGE)
    rows = []
    for notification in current:
        subject, address = as_read(notification)
        rows.append(
            {
                "notification": notification,
                "who": notification.user.full_name if notification.user else address,
                "address": _address(notification, address),
                "what": subject,
                "why": reason(notification),
                "can_try_again": _worth_trying_again(notification) and can_try_again(request.user),
            }
        )
    request.current_app = admin_site.name
    return TemplateResponse(
        request,
        "admin/staff_home/failed_emails.html",
        {
            **admin_site.each_context(request),
            "title": f"{NOUN[notify.enabled()].capitalize()}s that failed",
            "noun": NOUN[notify.enabled()],
            "notify": notify.enabled(),
            "rows": rows,
            "page_obj": current,
            "total": counted(current.paginator.count, NOUN[notify.enabled()]),
        },
    )
