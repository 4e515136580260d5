"""Letters wait for staff approval before anything is posted, because each costs money.

channels.py plans a letter, for people who asked for post, as "waiting for approval": no task
can claim it (notifications.claim). The staff home says how many are waiting and links here: the
confirmation step (confirm.py's CONFIRMED) with the count, the cost (NOTIFY_LETTER_COST_PENCE),
what the letters are about and the first letter as its reader will get it (a PDF). "Post N letters"
makes exactly the letters counted (up to the newest shown) ready to send and queues them through
the outbox; letters planned since wait for the next approval. Staff can instead tick letters not to
post (someone they will phone, an address they know is wrong): after a confirmation of its own, each
is recorded as not sent, with who decided and when, and nothing else changes.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .confirm import CONFIRMED, counted, preview
from .emails import captured, delivering
from .forms import as_id
from .models import Notification
from .notifications import NotWanted, sender_for
from .tasks import send_notifications
from .templatetags.money import pounds


def can_see(user) -> bool:
    return user.has_perm("core.view_notification")


def can_approve(user) -> bool:
    return user.has_perm("core.change_notification")


def waiting():
    return Notification.objects.filter(
        status=Notification.Status.AWAITING_APPROVAL, channel=Notification.Channel.LETTER
    )


def cost(letters: int) -> str:
    return pounds(Decimal(letters * settings.NOTIFY_LETTER_COST_PENCE) / 100)


@transaction.atomic
def approve(up_to: int) -> int:
    """Post the letters waiting, up to and including id `up_to`; how many will go."""
    ids = list(waiting().select_for_update().filter(pk__lte=up_to).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids).update(status=Notification.Status.PENDING)
    return send_notifications(ids)


def decline(letter_ids, by) -> int:
    """Do not post these letters; how many that was. Each is recorded as not sent, saying who decided and
    when. Only letters still waiting are changed, so one approved meanwhile is posted as approved."""
    when = timezone.localtime()
    decided = f"{by.full_name or by.email}, {when.day} {when:%B %Y at %H:%M}"
    return (
        waiting()
        .filter(pk__in=letter_ids)
        .update(status=Notification.Status.NOT_SENT, last_error=f"Not sent: staff decided not to post it ({decided}).")
    )


def _address(user):
    return ", ".join([*user.address.splitlines(), user.postcode])


def _declining(admin_site, request):
    """POST with ticked letters: the confirmation, or, with CONFIRMED, not posting them."""
    back = reverse("admin:letters_to_approve", current_app=admin_site.name)
    ids = [pk for pk in map(as_id, request.POST.getlist("letter")) if pk is not None]
    if request.POST.get(CONFIRMED):
        declined = decline(ids, request.user)
        if declined:
            messages.success(request, f"{counted(declined, 'letter')} will not be posted.")
        else:
            messages.info(request, "No letters were changed: they have been posted or dealt with since.")
        return redirect(back)
    chosen = list(waiting().filter(pk__in=ids).select_related("user").order_by("pk"))
    if not chosen:
        messages.info(request, "Tick the letters not to post first.")
        return redirect(back)
    left = waiting().count() - len(chosen)
    request.current_app = admin_site.name
    return TemplateResponse(
        request,
        "admin/staff_home/letters_not_to_post.html",
        {
            **admin_site.each_context(request),
            "title": f"Do not post {counted(len(chosen), 'letter')}?",
            "letters": counted(len(chosen), "letter"),
            "chosen": [(letter, _address(letter.user)) for letter in chosen],
            "left": f"{counted(left, 'other letter')} still {'waits' if left == 1 else 'wait'} for your approval."
            if left
            else "No other letters are waiting.",
            "confirmed": CONFIRMED,
            "back": back,
        },
    )


def letter_pdf(notification) -> bytes | None:
    """The letter as its reader will get it, made as the confirmation's preview makes an e-mail:
    in a transaction that is undone, with nothing sent. None if it is no longer needed."""
    with transaction.atomic():
        with captured() as kept, delivering(notification):
            try:
                sender_for(notification)(notification)
            except NotWanted:
                pass
        transaction.set_rollback(True)
    return kept[0] if kept else None


def page(admin_site, request):
    """GET: the count, cost and preview, and each letter; with ?letter=first, the first letter's PDF.
    POST with CONFIRMED: post them. POST with action=decline: do not post the ticked letters (after a confirmation)."""
    if not can_see(request.user) or (request.method == "POST" and not can_approve(request.user)):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "decline":
        return _declining(admin_site, request)
    if request.method == "POST":
        posted = approve(as_id(request.POST.get("up_to", "")) or 0) if request.POST.get(CONFIRMED) else 0
        if posted:
            messages.success(
                request, f"{counted(posted, 'letter')} will be sent to GOV.UK Notify to be printed and posted."
            )
        else:
            messages.info(request, "No letters were posted: they have been approved or dealt with since.")
        return redirect("admin:index")
    letters = waiting().select_related("user", "content_type").order_by("pk")
    if request.GET.get("letter") == "first":
        first = letters.first()
        pdf = first and letter_pdf(first)
        if not pdf:
            raise Http404("No letter is waiting.")
        return HttpResponse(
            pdf, content_type="application/pdf", headers={"Content-Disposition": 'inline; filename="first-letter.pdf"'}
        )
    groups = list(
        letters.order_by()
        .values("content_type", "object_id", "event")
        .annotate(count=Count("pk"), newest=Max("pk"))
        .order_by("newest")
    )
    total = sum(group["count"] for group in groups)
    by_pk = {letter.pk: letter for letter in letters.filter(pk__in=[group["newest"] for group in groups])}
    about, each = [], {}
    for group in groups:
        try:
            message = preview(lambda group=group: by_pk[group["newest"]])
        except Exception:  # the record it was about has gone since
            message = None
        subject = message.subject if message else "No longer needed: it will not be posted"
        about.append((subject, group["count"]))
        each[(group["content_type"], group["object_id"], group["event"])] = (subject, [])
    up_to = max((group["newest"] for group in groups), default=0)
    # Up to the newest counted: a letter planned since is listed with the next approval.
    for letter in letters.filter(pk__lte=up_to):
        each[(letter.content_type_id, letter.object_id, letter.event)][1].append((letter, _address(letter.user)))
    request.current_app = admin_site.name
    return TemplateResponse(
        request,
        "admin/staff_home/letters_to_approve.html",
        {
            **admin_site.each_context(request),
            "title": "Letters waiting for your approval",
            "total": total,
            "letters": counted(total, "letter"),
            "cost": cost(total),
            "each": cost(1),
            "about": about,
            "one_by_one": list(each.values()),
            "up_to": up_to,
            "confirmed": CONFIRMED,
            "can_approve": can_approve(request.user),
        },
    )
