"""The staff page of e-mails that failed, or may not have gone: who, what, when and why, in plain words.

The record of every e-mail (the Notification admin) is for administrators: its event names, ids and
error texts are internals. Engagement staff see only the e-mails that need them, from the staff home,
and can have a failed one tried again. Trying again only re-queues the one delivery task, which claims
the row before sending (engagement/core/notifications.py), so nothing already sent goes twice.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .confirm import counted, preview
from .forms import as_id
from .models import Notification
from .paging import page_counted_by_window
from .tasks import send_notifications

Status = Notification.Status
LISTED = [Status.FAILED, Status.UNKNOWN]
PER_PAGE = 20

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
]
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


def reason(notification) -> str:
    """Why it did not go, in plain words for staff."""
    if notification.status == Status.UNKNOWN:
        return UNKNOWN_REASON
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
        return f"An e-mail about a {notification.content_type.name} that is no longer needed", ""
    return message.subject, ", ".join(message.to)


@transaction.atomic
def try_again(notification_ids) -> int:
    """Send these failed e-mails again; how many will be. Only rows still failed are taken, so one sent
    (or being sent) meanwhile, or one that may have gone, is never sent again."""
    ids = list(
        Notification.objects.select_for_update()
        .filter(pk__in=notification_ids, status=Status.FAILED)
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=ids).update(status=Status.PENDING, last_error="")
    return send_notifications(ids)


def page(admin_site, request):
    """The admin page: the list, newest first, and the "Try again" buttons."""
    if not can_see(request.user) or (request.method == "POST" and not can_try_again(request.user)):
        raise PermissionDenied
    if request.method == "POST":
        tried = try_again([as_id(value) for value in request.POST.getlist("notification")])
        if tried:
            messages.success(request, f"{counted(tried, 'e-mail')} will be sent again in the next few minutes.")
        else:
            messages.info(request, "Nothing was sent again: that e-mail has been sent or dealt with since.")
        return redirect(request.get_full_path())
    listed = Notification.objects.filter(status__in=LISTED).select_related("user", "content_type").order_by("-created")
    current = page_counted_by_window(listed, request.GET.get("page"), PER_PAGE)
    rows = []
    for notification in current:
        subject, address = as_read(notification)
        rows.append(
            {
                "notification": notification,
                "who": notification.user.full_name if notification.user else address,
                "address": notification.user.email if notification.user else "",
                "what": subject,
                "why": reason(notification),
                "can_try_again": notification.status == Status.FAILED and can_try_again(request.user),
            }
        )
    request.current_app = admin_site.name
    return TemplateResponse(
        request,
        "admin/staff_home/failed_emails.html",
        {
            **admin_site.each_context(request),
            "title": "E-mails that failed",
            "rows": rows,
            "page_obj": current,
            "total": counted(current.paginator.count, "e-mail"),
        },
    )
