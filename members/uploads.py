"""Checks for uploaded files: type from the content (not the name), size, and a safe stored name.

Uploaded files live under MEDIA_ROOT, which is never served by URL: every
download goes through a view that checks who is asking.
"""

import os
import uuid

import filetype
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

MB = 1024 * 1024

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
        return ("members.uploads.FileCheck", [self.accepted, self.max_mb], {})

    def __eq__(self, other):
        return isinstance(other, FileCheck) and (self.accepted, self.max_mb) == (other.accepted, other.max_mb)


def private_name(folder, filename):
    """A stored name for a private file: a random folder keeps it unguessable; the name itself is sanitised."""
    name = get_valid_filename(os.path.basename(filename))[-80:] or "file"
    return f"{folder}/{uuid.uuid4().hex}/{name}"
