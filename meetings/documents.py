"""The meeting pack and the minutes as PDFs (see engagement/core/documents.py for the machinery)."""

from engagement.core.documents import Appendix, Document, readable_pdf

from .models import Action, Reply

# Above this many appended pages a pack is built by a Celery task: reading the
# papers (from object storage) and merging them should not hold a web request
# for more than a second or two.
LARGE_PACK_PAGES = 30


def _agenda(meeting):
    items = list(meeting.items.select_related("project").prefetch_related("papers"))
    return meeting.agenda(items)


def meeting_pack(meeting):
    agenda = _agenda(meeting)
    papers, appendices = [], []
    for number, (_starts, item) in enumerate(agenda, 1):
        for paper in item.papers.all():
            pages, problem = readable_pdf(paper.file)
            papers.append({"number": number, "item": item, "paper": paper, "pages": pages, "problem": problem})
            if not problem:
                appendices.append(Appendix(f"Item {number}: {item.title}", paper.title, paper.file, pages))
    return Document(
        name=f"meeting-pack-{meeting.pk}",
        template="documents/meeting_pack.html",
        context={
            "meeting": meeting,
            "agenda": agenda,
            "apologies": meeting.replies.filter(response=Reply.Response.APOLOGIES).select_related("user"),
            "open_actions": Action.objects.open()
            .filter(meeting__group=meeting.group, meeting__start__lte=meeting.start)
            .select_related("owner", "meeting"),
            "papers": papers,
        },
        appendices=appendices,
        large=sum(a.pages for a in appendices) > LARGE_PACK_PAGES,
    )


def minutes(meeting):
    draft = not meeting.minutes_are_approved
    return Document(
        name=f"meeting-minutes-{meeting.pk}{'-draft' if draft else ''}",
        template="documents/minutes.html",
        context={
            "meeting": meeting,
            "draft": draft,
            "agenda": _agenda(meeting),
            "attendees": meeting.attendees.select_related("user"),
            "declarations": meeting.attendees.exclude(declaration_of_interest="").select_related("user"),
            "apologies": meeting.replies.filter(response=Reply.Response.APOLOGIES).select_related("user"),
            "actions": meeting.actions.select_related("owner", "item"),
        },
    )
