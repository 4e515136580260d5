"""Checks for uploaded files: type from the content (not the name), size, a safe stored name, a safe download,
and what an admin form says when the file store cannot be written.

Uploaded files live under MEDIA_ROOT, which is never served by URL: every
download goes through a view that checks who is asking, then file_response().
"""

import logging
import os
import uuid

import filetype
from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename, slugify
from pypdf import PdfReader

MB = 1024 * 1024

logger = logging.getLogger(__name__)

# What writing a file can raise when the store is unwritable or unreachable: a full or read-only
# disk (OSError), or an S3-compatible store that refuses or does not answer (boto's errors).
STORAGE_ERRORS = (OSError, Boto3Error, BotoCoreError, ClientError)
NOT_STORED = "We could not save your file just now; please try again."

PDF = {"application/pdf": "PDF"}
IMAGES = {"image/jpeg": "JPEG", "image/png": "PNG"}
OFFICE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
}


class FileCheck:
    """A validator for FileFields: accepted types (by content) and a size limit."""

    def __init__(self, accepted, max_mb):
        self.accepted = accepted
        self.max_mb = max_mb

    def __call__(self, upload):
        if upload.size > self.max_mb * MB:
            raise ValidationError(f"The file must be smaller than {self.max_mb} MB.", code="too_big")
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(position)
        if filetype.guess_mime(head) not in self.accepted:
            names = sorted(set(self.accepted.values()))
            raise ValidationError(
                f"The file must be a {', '.join(names[:-1]) + ' or ' + names[-1] if len(names) > 1 else names[0]} file.",
                code="wrong_type",
            )

    def deconstruct(self):
        return ("engagement.core.uploads.FileCheck", [self.accepted, self.max_mb], {})

    def __eq__(self, other):
        return isinstance(other, FileCheck) and (self.accepted, self.max_mb) == (other.accepted, other.max_mb)


# The easy-read version of a project, a response or a recruitment page: a document, as papers are.
EASY_READ_CHECK = FileCheck(PDF | OFFICE, max_mb=20)


def easy_read_path(instance, filename):
    return private_name("easy-read", filename)


def private_name(folder, filename):
    """A stored name for a private file: a random folder keeps it unguessable; the name itself is sanitised."""
    name = get_valid_filename(os.path.basename(filename))[-80:] or "file"
    return f"{folder}/{uuid.uuid4().hex}/{name}"


# Types the browser may show in the page: it draws them itself and runs nothing in them.
# Everything else is downloaded.
SHOWN_IN_BROWSER = PDF | IMAGES
UNKNOWN = "application/octet-stream"


def _opens_as_pdf(file):
    """Whether pypdf can read the file as a PDF.

    filetype only looks at the first bytes, and any file can start with "%PDF". A real
    PDF has a cross-reference table that pypdf can read, and pages (or is encrypted,
    when the pages cannot be counted without the password).
    """
    try:
        reader = PdfReader(file)
        return reader.is_encrypted or len(reader.pages) > 0
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a file that is not a PDF
        return False
    finally:
        file.seek(0)


def file_response(field, name):
    """A download of a stored file that the browser cannot take for a page of this site.

    The type comes from the content, never the stored name (an HTML page can be named
    briefing.pdf and start with "%PDF"); the download name is given the ending of that
    type; only PDFs and images are shown in the browser, anything else is downloaded.
    SecurityMiddleware adds X-Content-Type-Options: nosniff (SECURE_CONTENT_TYPE_NOSNIFF),
    so the browser keeps to the type given here.
    """
    file = field.open("rb")
    kind = filetype.guess(file.read(8192))
    file.seek(0)
    if kind is None or (kind.mime in PDF and not _opens_as_pdf(file)):
        mime, extension = UNKNOWN, "bin"
    else:
        mime, extension = kind.mime, kind.extension
    filename = f"{os.path.splitext(name)[0]}.{extension}"
    return FileResponse(file, content_type=mime, as_attachment=mime not in SHOWN_IN_BROWSER, filename=filename)


def easy_read_response(field, title):
    """The easy-read version kept in `field`, named after what it is a version of; 404 when there is none.
    Whoever asks must already have been allowed to see that page."""
    if not field:
        raise Http404("There is no easy-read version of this page.")
    return file_response(field, f"{slugify(title)}-easy-read")


class StorageErrorAsFormError:
    """For an admin whose forms upload files: when the store cannot be written, the form comes back
    with what was typed and an error, rather than a server error.

    Files are written as the admin saves, inside its transaction, so nothing else is saved either.
    The page is then made again from the same request, with the error on the form.
    """

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except STORAGE_ERRORS:
            logger.exception("Could not store a file uploaded in the admin")
            request.storage_failed = True
            return super().changeform_view(request, *args, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not getattr(request, "storage_failed", False):
            return form

        class NotStored(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, NOT_STORED)
                return cleaned_data

        return NotStored
