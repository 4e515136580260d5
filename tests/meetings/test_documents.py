"""Meeting packs and minutes rendered for real by WeasyPrint and read back with pypdf."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from engagement.core import documents
from meetings import documents as meeting_documents
from meetings.models import Action, AgendaItem, Attendee, Meeting, Paper, Reply

pytestmark = pytest.mark.django_db


def blank_pdf(pages, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def add_paper(item, title, content, name="paper.pdf"):
    paper = Paper(item=item, title=title)
    paper.file.save(name, ContentFile(content), save=False)
    paper.save()
    return paper


def read(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(content))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(outline):
    titles = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


@pytest.fixture
def pack_meeting(meeting, member):
    welcome, gp = meeting.items.order_by("position")
    add_paper(welcome, "Terms of reference", blank_pdf(2))
    add_paper(gp, "GP access briefing", blank_pdf(3))
    Reply.objects.create(meeting=meeting, user=member, response="apologies")
    return meeting


def test_the_pack_has_agenda_apologies_and_bookmarked_papers(client, staff, pack_meeting):
    client.force_login(staff)
    reader = read(client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk])))
    text = text_of(reader)
    for heading in ["Meeting pack", "Agenda", "Apologies received", "Matters arising", "Papers", "Olivia Bennett"]:
        assert heading in text
    assert pack_meeting.when_in_words in text
    assert "Step-free access" in text
    base_pages = len(reader.pages) - 5
    assert base_pages >= 2  # the cover, then the agenda and the rest
    titles = outline_titles(reader.outline)
    assert "Item 1: Welcome" in titles and "Terms of reference" in titles
    assert "Item 2: GP access" in titles and "Briefing" in titles


def test_the_pack_prints_the_online_address_in_full(client, staff, pack_meeting):
    # A printed pack (posted with the papers letter) has no link to follow: the reader types the address.
    pack_meeting.online_link = "https://meet.example.org/peg"
    pack_meeting.save()
    client.force_login(staff)
    text = text_of(read(client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk]))))
    assert "Web address: https://meet.example.org/peg" in text


def test_pdfs_are_tagged_with_a_title_and_language(client, staff, pack_meeting):
    client.force_login(staff)
    reader = read(client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk])))
    root = reader.trailer["/Root"]
    assert reader.metadata.title.startswith("Meeting pack: Public Engagement Group")
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_a_corrupt_or_locked_paper_gets_a_note_not_an_error(client, staff, meeting):
    item = meeting.items.first()
    add_paper(item, "Broken paper", b"%PDF-1.4\nthis is not really a pdf")
    add_paper(item, "Locked paper", blank_pdf(1, password="secret"))
    add_paper(item, "Word paper", b"PK\x03\x04 word", name="paper.docx")
    client.force_login(staff)
    response = client.get(reverse("meetings:pack_pdf", args=[meeting.pk]))
    assert response.status_code == 200
    text = " ".join(text_of(read(response)).split())
    assert "could not be read" in text
    assert "password-protected" in text
    assert "is not a PDF" in text


def test_the_chair_can_download_the_pack_but_a_member_cannot(client, chair, member, pack_meeting):
    client.force_login(member)
    assert client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk])).status_code == 404
    client.force_login(chair)
    assert client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk])).status_code == 200


def test_another_group_cannot_download_anything(client, panel_member, pack_meeting):
    client.force_login(panel_member)
    assert client.get(reverse("meetings:pack_pdf", args=[pack_meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:minutes_pdf", args=[pack_meeting.pk])).status_code == 404


@pytest.fixture
def minuted(make_meeting, member, staff):
    meeting = make_meeting(days=-5, status=Meeting.Status.HELD, minutes_status=Meeting.MinutesStatus.DRAFT)
    item = AgendaItem.objects.create(
        meeting=meeting, title="GP access", minutes="Members asked for longer appointments."
    )
    Attendee.objects.create(meeting=meeting, user=staff, kind="staff", declaration_of_interest="Works for a partner")
    Reply.objects.create(meeting=meeting, user=member, response="apologies")
    Action.objects.create(
        meeting=meeting,
        item=item,
        description="Write to the practice",
        owner=staff,
        due=meeting.start.date() + timedelta(days=14),
    )
    return meeting


def test_staff_get_draft_minutes_watermarked_draft(client, staff, minuted):
    client.force_login(staff)
    reader = read(client.get(reverse("meetings:minutes_pdf", args=[minuted.pk])))
    text = text_of(reader)
    assert "DRAFT" in text
    assert reader.metadata.title.startswith("DRAFT minutes")
    for expected in [
        "Present",
        "Apologies",
        "Declarations of interest",
        "Works for a partner",
        "1. GP access",
        "longer appointments",
        "Write to the practice",
        "Olivia Bennett",
    ]:
        assert expected in text


def test_members_cannot_get_draft_minutes(client, member, minuted):
    client.force_login(member)
    assert client.get(reverse("meetings:minutes_pdf", args=[minuted.pk])).status_code == 404


def test_members_get_approved_minutes_without_the_watermark(client, member, minuted):
    minuted.minutes_status = Meeting.MinutesStatus.APPROVED
    minuted.save()
    client.force_login(member)
    reader = read(client.get(reverse("meetings:minutes_pdf", args=[minuted.pk])))
    assert "DRAFT" not in text_of(reader)
    assert reader.metadata.title.startswith("Minutes: Public Engagement Group")


def test_a_built_document_is_reused_until_its_data_changes(client, staff, pack_meeting, monkeypatch):
    renders = []
    real_render = documents.Document.render
    monkeypatch.setattr(documents.Document, "render", lambda self: renders.append(1) or real_render(self))
    client.force_login(staff)
    url = reverse("meetings:pack_pdf", args=[pack_meeting.pk])
    client.get(url)
    client.get(url)
    assert len(renders) == 1
    pack_meeting.items.update(title="Changed title")
    client.get(url)
    assert len(renders) == 2


def test_a_large_pack_is_built_in_the_background_and_emailed(
    client, staff, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(meeting_documents, "LARGE_PACK_PAGES", 3)
    add_paper(meeting.items.first(), "Long paper", blank_pdf(5))
    client.force_login(staff)
    url = reverse("meetings:pack_pdf", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 202
    assert "being prepared" in response.text
    assert [m.subject for m in mail.outbox] == [f"Your PDF is ready: meeting pack for {meeting}"]
    assert url in mail.outbox[0].body
    document = meeting_documents.meeting_pack(meeting)
    assert default_storage.exists(document.path)
    assert client.get(url).status_code == 200


def test_staff_export_packs_of_several_meetings_as_a_zip(client, staff, pack_meeting, make_meeting):
    import zipfile

    other = make_meeting(days=40)
    client.force_login(staff)
    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "export_packs", "_selected_action": [pack_meeting.pk, other.pk]},
    )
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 2 and all(name.startswith("meeting-pack-peg-") for name in names)


def test_staff_export_one_meetings_minutes_as_a_pdf(client, staff, minuted):
    client.force_login(staff)
    response = client.post(
        reverse("admin:meetings_meeting_changelist"), {"action": "export_minutes", "_selected_action": [minuted.pk]}
    )
    assert "DRAFT" in text_of(read(response))
