"""The meeting pack and the minutes as PDFs (see engagement/core/documents.py for the machinery),
each also in large print, and the minutes as a Word document (engagement/core/word.py)."""

import io
from dataclasses import dataclass

import pikepdf
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.formats import date_format
from pypdf import PdfReader
from weasyprint import CSS, HTML

from engagement.core import letters
from engagement.core.documents import STYLESHEET, Appendix, Document, readable_pdf
from engagement.core.word import WordDocument
from members.models import Membership

from .interests.register import minutes_declarations
from .models import Action, Attendee, Decision, Reply

# Above this many appended pages a pack is built by a Celery task: reading the
# papers (from object storage) and merging them should not hold a web request
# for more than a second or two.
LARGE_PACK_PAGES = 30


def _agenda(meeting, confidential):
    """The timed agenda; confidential items only if `confidential` (rules.can_see_confidential for the
    reader). Items keep their numbers and times either way, as on the meeting page."""
    items = list(meeting.items.select_related("project").prefetch_related("papers"))
    for number, item in enumerate(items, 1):
        item.number = number
    return [(starts, item) for starts, item in meeting.agenda(items) if confidential or not item.confidential]


def _confidential_suffix(agenda):
    # Part of the stored name, so a copy with confidential items is never served to someone without them.
    return "-confidential" if any(item.confidential for _starts, item in agenda) else ""


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
                return _stamp_page_numbers(
                    pdf, rendered, self.context.get("large_print", False), self._confidential_pages()
                )
            rendered = counted
        raise RuntimeError("The pack's page count did not settle.")

    def _confidential_pages(self):
        """For each appended page, whether it belongs to a confidential item's paper: the papers' own pages
        carry no running title, so the stamp marks them."""
        return [
            entry["item"].confidential
            for entry in self.context["papers"]
            if not entry["problem"]
            for _page in range(entry["pages"])
        ]

    def _number_pages(self, rendered):
        first = rendered + 1
        for entry in self.context["papers"]:
            if not entry["problem"]:
                entry["starts"] = first
                first += entry["pages"]
        self.context["total_pages"] = first - 1
        self.__post_init__()


def _stamp_page_numbers(pdf, rendered, large_print, confidential):
    """Write "Page n of N" at the foot of each appended paper's pages, as on the rendered pages, and
    CONFIDENTIAL on those of confidential items' papers (confidential: a flag for each appended page)."""
    with pikepdf.open(io.BytesIO(pdf)) as pack:
        papers = [pikepdf.Page(page) for page in pack.pages[rendered:]]
        upright = [_upright_size(page) for page in papers]
        stamps_pdf = _page_numbers_pdf(upright, rendered, len(pack.pages), large_print, confidential)
        with pikepdf.open(io.BytesIO(stamps_pdf)) as stamps:
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


def _page_numbers_pdf(sizes, rendered, total, large_print, confidential):
    """One page per paper page, each its size as shown, with only the page number (and CONFIDENTIAL where
    the page's flag in `confidential` says so): to lay over the paper."""
    named = {size: f"paper{i}" for i, size in enumerate(sorted(set(sizes)))}
    style = "".join(f"@page {name} {{ size: {w}pt {h}pt; }}" for (w, h), name in named.items())
    blocks = "".join(
        f"<div style=\"page: {named[size]}; break-before: page; string-set: number 'Page {rendered + i} of {total}', "
        f"mark '{'CONFIDENTIAL' if secret else ''}'\"></div>"
        for i, (size, secret) in enumerate(zip(sizes, confidential, strict=True), 1)
    )
    html = (
        "<html><head><style>"
        "@page { margin: 0 18mm 8mm 18mm; @bottom-right { content: string(number); "
        f"font-size: {'16pt' if large_print else '12pt'}; color: #212b32; background: #ffffff; padding: 2pt 4pt; }} "
        f"@bottom-left {{ content: string(mark); font-size: {'16pt' if large_print else '12pt'}; font-weight: bold; "
        "color: #212b32; background: #ffffff; padding: 2pt 4pt; } }"
        f"html {{ font-family: 'Liberation Sans', Arial, sans-serif; }}{style}"
        f"</style></head><body>{blocks}</body></html>"
    )
    return HTML(string=html).write_pdf()


def _file_name_suffix(large_print):
    return "-large-print" if large_print else ""


def meeting_pack(meeting, large_print=False, confidential=False):
    agenda = _agenda(meeting, confidential)
    papers, appendices = [], []
    for _starts, item in agenda:
        number = item.number
        for paper in item.papers.all():
            pages, problem = readable_pdf(paper.file)
            title = paper_title(item, paper)
            papers.append(
                {"number": number, "item": item, "paper": paper, "title": title, "pages": pages, "problem": problem}
            )
            if not problem:
                heading = f"Item {number}: {item.title}{' (confidential)' if item.confidential else ''}"
                appendices.append(Appendix(heading, title, paper.file, pages))
        item.pack_papers = [entry for entry in papers if entry["item"] is item]
    return Pack(
        name=f"meeting-pack-{meeting.pk}{_confidential_suffix(agenda)}{_file_name_suffix(large_print)}",
        template="documents/meeting_pack.html",
        context={
            "meeting": meeting,
            "large_print": large_print,
            "agenda": agenda,
            "has_confidential": bool(_confidential_suffix(agenda)),
            "apologies": meeting.replies.filter(response=Reply.Response.APOLOGIES).select_related("user"),
            "open_actions": _visible_actions(Action.objects.arising_at(meeting), confidential).select_related(
                "owner", "meeting"
            ),
            "papers": papers,
        },
        appendices=appendices,
        large=sum(a.pages for a in appendices) > LARGE_PACK_PAGES,
    )


def pack_to_post(context, large_print):
    """The pack a papers letter encloses (engagement/core/letters.py; context: the e-mail's): the copy
    already built for the meeting page, or built now if its papers are few enough to post. One too long
    to post is never built here: it could not go in the envelope, and would hold up the delivery task.
    Without confidential items, which a letter should not carry."""
    pack = meeting_pack(context["meeting"], large_print=large_print)
    title = "Meeting pack" + (", large print" if large_print else "")
    papers = sum(appendix.pages for appendix in pack.appendices)
    # At least a page of letter and two of the pack's own (its cover and agenda) go before the papers.
    if not pack.is_stored() and papers + 3 > letters.MAX_LETTER_PAGES:
        return letters.Enclosure(title, b"", 0)
    with default_storage.open(pack.stored(), "rb") as handle:
        content = handle.read()
    pages = len(PdfReader(io.BytesIO(content)).pages)
    return letters.Enclosure(title, content, pages, ours=pages - papers)


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


def _visible_actions(actions, confidential):
    """Actions agreed under a confidential item say what it was about: only for those who may see it."""
    return actions if confidential else actions.exclude(item__confidential=True)


def minutes_content(meeting, confidential=False):
    """What the minutes say, for the PDF and the Word document alike. Confidential items, for those who
    may see them (rules.can_see_confidential), are in a separate part: confidential_agenda."""
    agenda = _agenda(meeting, confidential)
    actions = list(_visible_actions(meeting.actions, confidential).select_related("owner"))
    decisions = list(Decision.objects.filter(item__meeting=meeting).select_related("proposed_by"))
    for _starts, item in agenda:
        item.agreed_actions = [action for action in actions if action.item_id == item.pk]
        # The decisions recorded against the item; where there are none, the minutes keep its outcome note.
        item.recorded_decisions = [decision for decision in decisions if decision.item_id == item.pk]
    # The confidential part holds everything about its items (their actions and declarations too), so the
    # rest of the minutes can be handed to anyone who may read the minutes.
    open_agenda = [(starts, item) for starts, item in agenda if not item.confidential]
    confidential_agenda = [(starts, item) for starts, item in agenda if item.confidential]
    confidential_ids = {item.pk for _starts, item in confidential_agenda}
    content = {
        "meeting": meeting,
        "draft": not meeting.minutes_are_approved,
        "agenda": open_agenda,
        "confidential_agenda": confidential_agenda,
        "actions": [action for action in actions if action.item_id not in confidential_ids],
        "confidential_declarations": minutes_declarations(meeting, confidential_agenda) if confidential_ids else [],
        **_people(meeting),
    }
    # What attendees declared, then what staff recorded against each item (the register of interests).
    content["declarations"] += minutes_declarations(meeting, open_agenda)
    return content


def minutes(meeting, large_print=False, confidential=False):
    content = minutes_content(meeting, confidential)
    confidential_suffix = _confidential_suffix(content["confidential_agenda"])
    draft_suffix = "-draft" if content["draft"] else ""
    return Document(
        name=f"meeting-minutes-{meeting.pk}{draft_suffix}{confidential_suffix}{_file_name_suffix(large_print)}",
        template="documents/minutes.html",
        context=content | {"large_print": large_print},
    )


def minutes_word(meeting, confidential=False):
    """The minutes as an editable Word document, with what the PDF says."""
    content = minutes_content(meeting, confidential)
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
    for _starts, item in content["agenda"]:
        _item_in_word(word, item)
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
    if content["confidential_agenda"]:
        word.heading("Confidential minutes")
        word.paragraph("CONFIDENTIAL: for the group's members and staff only. Do not share.")
        word.bullets([f"{name}: {declaration}" for name, declaration in content["confidential_declarations"]])
        for _starts, item in content["confidential_agenda"]:
            _item_in_word(word, item)
    return word


def _item_in_word(word, item):
    word.heading(f"{item.number}. {item.title}")
    word.paragraph(item.minutes or "No minutes for this item.")
    for decision in item.recorded_decisions:
        word.paragraph(" ".join(filter(None, [decision.text, decision.summary])), label="Decision")
    if item.outcome and not item.recorded_decisions:
        word.paragraph(item.outcome, label="Decision" if item.purpose == item.Purpose.DECISION else "Outcome")
    word.bullets(_action_in_words(action) for action in item.agreed_actions)


def _action_in_words(action):
    return f"Action: {action.description} ({action.owner.full_name}, by {date_format(action.due, 'j F Y')})"
