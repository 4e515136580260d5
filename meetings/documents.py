"""The meeting pack and the minutes as PDFs (see engagement/core/documents.py for the machinery),
each also in large print, and the minutes as a Word document (engagement/core/word.py)."""

import io
from dataclasses import dataclass

import pikepdf
from django.conf import settings
from django.utils.formats import date_format
from pypdf import PdfReader
from weasyprint import CSS, HTML

from engagement.core.documents import STYLESHEET, Appendix, Document, readable_pdf
from engagement.core.word import WordDocument
from members.models import Membership

from .interests.register import minutes_declarations
from .models import Action, Attendee, Reply

# Above this many appended pages a pack is built by a Celery task: reading the
# papers (from object storage) and merging them should not hold a web request
# for more than a second or two.
LARGE_PACK_PAGES = 30


def _agenda(meeting):
    items = list(meeting.items.select_related("project").prefetch_related("papers"))
    return meeting.agenda(items)


def paper_title(item, paper):
    """A paper's title without its item's title in front ("GP access: briefing paper" under the item
    "GP access" is "Briefing paper"), so the pack does not say it twice."""
    title = paper.title.strip()
    if title.lower().startswith(item.title.strip().lower()):
        rest = title[len(item.title.strip()) :].lstrip(" :,-–—")
        if rest:
            return rest[0].upper() + rest[1:]
    return title


@dataclass
class Pack(Document):
    """A pack whose pages are numbered through its appended papers ("Page 7 of 23" on every page),
    with a contents list giving the page each paper starts on.

    How many pages the rendered part takes is known only once it is rendered, so it is rendered once
    to count them, then with the numbers (and again in the rare case that the numbers changed the
    count); the stored name still comes from the first HTML, from which everything else follows.
    """

    def render(self):
        if not self.appendices:
            return super().render()
        self.fingerprint  # noqa: B018 - fixed before the HTML changes below
        appended = sum(appendix.pages for appendix in self.appendices)
        self._number_pages(1)
        rendered = len(
            HTML(string=self.html, base_url=str(settings.BASE_DIR))
            .render(stylesheets=[CSS(filename=str(STYLESHEET))])
            .pages
        )
        for _ in range(3):
            self._number_pages(rendered)
            pdf = super().render()
            counted = len(PdfReader(io.BytesIO(pdf)).pages) - appended
            if counted == rendered:
                return _stamp_page_numbers(pdf, rendered, self.context.get("large_print", False))
            rendered = counted
        raise RuntimeError("The pack's page count did not settle.")

    def _number_pages(self, rendered):
        first = rendered + 1
        for entry in self.context["papers"]:
            if not entry["problem"]:
                entry["starts"] = first
                first += entry["pages"]
        self.context["total_pages"] = first - 1
        self.__post_init__()


def _stamp_page_numbers(pdf, rendered, large_print):
    """Write "Page n of N" at the foot of each appended paper's pages, as on the rendered pages."""
    with pikepdf.open(io.BytesIO(pdf)) as pack:
        papers = [pikepdf.Page(page) for page in pack.pages[rendered:]]
        upright = [_upright_size(page) for page in papers]
        with pikepdf.open(io.BytesIO(_page_numbers_pdf(upright, rendered, len(pack.pages), large_print))) as stamps:
            for page, stamp, size in zip(papers, stamps.pages, upright, strict=True):
                form = pack.copy_foreign(stamp.as_form_xobject())
                name = page.add_resource(form, pikepdf.Name.XObject, prefix="PageNumber")
                matrix = " ".join(f"{n:g}" for n in _upright_matrix(page, size))
                # An artifact, as running headers are: the number is not part of the paper's text.
                page.contents_add(pack.make_stream(f"/Artifact BMC q {matrix} cm {name} Do Q EMC".encode()))
        output = io.BytesIO()
        pack.save(output)
    return output.getvalue()


def _upright_size(page):
    box = page.cropbox  # what a viewer shows: the media box unless the paper crops it
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    return (height, width) if int(page.obj.get("/Rotate", 0)) % 180 else (width, height)


def _upright_matrix(page, size):
    """From the page as it is shown (after its /Rotate, origin at its lower left) to its own coordinates."""
    x0, y0 = float(page.cropbox[0]), float(page.cropbox[1])
    shown_width, shown_height = size
    return {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x0 + shown_height, y0),
        180: (-1, 0, 0, -1, x0 + shown_width, y0 + shown_height),
        270: (0, -1, 1, 0, x0, y0 + shown_width),
    }[int(page.obj.get("/Rotate", 0)) % 360]


def _page_numbers_pdf(sizes, rendered, total, large_print):
    """One page per paper page, each its size as shown, with only the page number: to lay over the paper."""
    named = {size: f"paper{i}" for i, size in enumerate(sorted(set(sizes)))}
    style = "".join(f"@page {name} {{ size: {w}pt {h}pt; }}" for (w, h), name in named.items())
    blocks = "".join(
        f"<div style=\"page: {named[size]}; break-before: page; string-set: number 'Page {rendered + i} of {total}'\"></div>"
        for i, size in enumerate(sizes, 1)
    )
    html = (
        "<html><head><style>"
        "@page { margin: 0 18mm 8mm 18mm; @bottom-right { content: string(number); "
        f"font-size: {'16pt' if large_print else '12pt'}; color: #212b32; background: #ffffff; padding: 2pt 4pt; }} }}"
        f"html {{ font-family: 'Liberation Sans', Arial, sans-serif; }}{style}"
        f"</style></head><body>{blocks}</body></html>"
    )
    return HTML(string=html).write_pdf()


def _file_name_suffix(large_print):
    return "-large-print" if large_print else ""


def meeting_pack(meeting, large_print=False):
    agenda = _agenda(meeting)
    papers, appendices = [], []
    for number, (_starts, item) in enumerate(agenda, 1):
        for paper in item.papers.all():
            pages, problem = readable_pdf(paper.file)
            title = paper_title(item, paper)
            papers.append(
                {"number": number, "item": item, "paper": paper, "title": title, "pages": pages, "problem": problem}
            )
            if not problem:
                appendices.append(Appendix(f"Item {number}: {item.title}", title, paper.file, pages))
        item.pack_papers = [entry for entry in papers if entry["item"] is item]
    return Pack(
        name=f"meeting-pack-{meeting.pk}{_file_name_suffix(large_print)}",
        template="documents/meeting_pack.html",
        context={
            "meeting": meeting,
            "large_print": large_print,
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


@dataclass
class Person:
    name: str
    role: str


def _people(meeting):
    """Who was present, who sent apologies and who was absent, each by full name and role.

    Absent: members of the group, active now, who neither came nor sent apologies; only said
    once attendance is recorded.
    """
    memberships = {m.user_id: m for m in Membership.objects.filter(group_id=meeting.group_id).select_related("user")}
    attendees = list(meeting.attendees.select_related("user"))
    apologies = [
        reply.user for reply in meeting.replies.filter(response=Reply.Response.APOLOGIES).select_related("user")
    ]

    def member(user):
        membership = memberships.get(user.pk)
        return Person(user.full_name, membership.get_role_display() if membership else "Member")

    present = []
    for attendee in attendees:
        if attendee.kind == Attendee.Kind.MEMBER and attendee.user_id:
            present.append(member(attendee.user))
        else:
            role = attendee.get_kind_display()
            name = attendee.user.full_name if attendee.user_id else attendee.guest_name
            present.append(Person(name, f"{role}, {attendee.organisation}" if attendee.organisation else role))
    order = {label: i for i, label in enumerate(Membership.Role.labels)}
    present.sort(key=lambda person: (order.get(person.role, len(order)), person.role, person.name))
    seen = {a.user_id for a in attendees} | {user.pk for user in apologies}
    absent = [
        member(m.user)
        for m in memberships.values()
        if m.user_id not in seen and m.status == Membership.Status.ACTIVE and m.role in Membership.Role.voting()
    ]
    return {
        "recorded": bool(attendees),
        "present": present,
        "apologies": sorted((member(user) for user in apologies), key=lambda person: person.name),
        "absent": sorted(absent, key=lambda person: person.name) if attendees else [],
        "declarations": [
            (a.user.full_name if a.user_id else a.guest_name, a.declaration_of_interest)
            for a in attendees
            if a.declaration_of_interest
        ],
    }


def minutes_content(meeting):
    """What the minutes say, for the PDF and the Word document alike."""
    agenda = _agenda(meeting)
    actions = list(meeting.actions.select_related("owner"))
    for _starts, item in agenda:
        item.agreed_actions = [action for action in actions if action.item_id == item.pk]
    content = {
        "meeting": meeting,
        "draft": not meeting.minutes_are_approved,
        "agenda": agenda,
        "actions": actions,
        **_people(meeting),
    }
    # What attendees declared, then what staff recorded against each item (the register of interests).
    content["declarations"] += minutes_declarations(meeting, agenda)
    return content


def minutes(meeting, large_print=False):
    content = minutes_content(meeting)
    return Document(
        name=f"meeting-minutes-{meeting.pk}{'-draft' if content['draft'] else ''}{_file_name_suffix(large_print)}",
        template="documents/minutes.html",
        context=content | {"large_print": large_print},
    )


def minutes_word(meeting):
    """The minutes as an editable Word document, with what the PDF says."""
    content = minutes_content(meeting)
    draft = content["draft"]
    word = WordDocument(f"{'Draft minutes' if draft else 'Minutes'}: {meeting.group.name}")
    facts = [("Meeting", meeting.title), ("When", meeting.when_in_words)]
    if meeting.venue:
        facts.append(("Where", meeting.venue.name))
    if draft:
        facts.append(("Status", "Draft, not yet approved by the group"))
    elif meeting.minutes_approved_on:
        facts.append(("Status", f"Approved at the meeting on {date_format(meeting.minutes_approved_on, 'j F Y')}"))
    word.table([], facts, label_column=True)
    sections = [("Present", content["present"], "Attendance was not recorded.")]
    sections.append(("Apologies", content["apologies"], "None."))
    if content["recorded"]:
        sections.append(("Absent", content["absent"], "None."))
    for heading, people, none in sections:
        word.heading(heading)
        if people:
            word.bullets(f"{person.name}, {person.role}" for person in people)
        else:
            word.paragraph(none)
    word.heading("Declarations of interest")
    if content["declarations"]:
        word.bullets([f"{name}: {declaration}" for name, declaration in content["declarations"]])
    else:
        word.paragraph("None were declared.")
    for number, (_starts, item) in enumerate(content["agenda"], 1):
        word.heading(f"{number}. {item.title}")
        word.paragraph(item.minutes or "No minutes for this item.")
        if item.outcome:
            word.paragraph(item.outcome, label="Decision" if item.purpose == item.Purpose.DECISION else "Outcome")
        word.bullets(_action_in_words(action) for action in item.agreed_actions)
    word.heading("Actions")
    if content["actions"]:
        word.table(
            ["Action", "Who", "Due", "Status"],
            [
                (a.description, a.owner.full_name, date_format(a.due, "j F Y"), a.get_status_display())
                for a in content["actions"]
            ],
        )
    else:
        word.paragraph("No actions were agreed.")
    return word


def _action_in_words(action):
    return f"Action: {action.description} ({action.owner.full_name}, by {date_format(action.due, 'j F Y')})"
