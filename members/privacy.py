"""A person's data (UK GDPR subject access) and erasing a person who has left, across every app.

Each app that keeps personal data has a `privacy.py` module with some of:
    personal_data(user) -> dict      records to include in the person's download, made readable
                                     by engagement.core.personal_data.records
    files(user) -> [(name, FieldFile)]   uploaded files of theirs (e.g. receipts)
    erase(user)                      remove or replace their personal data
found the way the admin finds `admin.py` modules, so an app that is added
later only has to provide the module.
"""

import importlib
import importlib.util
import io
import json
import zipfile

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from engagement.core import outbox
from engagement.core import tasks as core_tasks
from engagement.core.models import Notification
from engagement.core.personal_data import readable, record, records

from .models import EqualityMonitoring, Membership, User

FORMER_MEMBER = "A former member"


def _privacy_modules():
    for config in apps.get_app_configs():
        name = f"{config.name}.privacy"
        if config.name != __package__ and importlib.util.find_spec(name):
            yield config, importlib.import_module(name)


def _own_data(user):
    profile = record(
        User.objects.filter(pk=user.pk),
        "email",
        "full_name",
        "preferred_name",
        "phone",
        "mobile_number",
        "text_reminders",
        "address",
        "postcode",
        "locality__name",
        "communication_preference",
        "access_needs_other",
        "date_joined",
        "last_login",
        labels={"locality__name": "Area you live in"},
    )
    profile |= {
        "Lived experience": [str(area) for area in user.lived_experience.all()],
        "Formats and support": [str(need) for need in user.access_needs.all()],
    }
    emails = records(Notification.objects.filter(user=user), "event", "status", "created", "sent_at")
    for email in emails:
        email["Event"] = email["Event"].replace("-", " ").capitalize()
    return {
        "profile": profile,
        "memberships": records(
            Membership.objects.filter(user=user),
            "group__name",
            "role",
            "status",
            "term_start",
            "term_end",
            "named_publicly",
        ),
        "equality_monitoring": record(
            EqualityMonitoring.objects.filter(user=user), *EqualityMonitoring.CHARACTERISTICS, "consent_given_at"
        ),
        "emails_sent_to_you": emails,
    }


def export_zip(user):
    """Everything we hold about the person: data.json, the same as a page to read (summary.html),
    and their uploaded files. Sections are named for people ("Expense claims"), not as in the code."""
    produced = timezone.now()
    sections = {"Your account": _own_data(user)}
    files = []
    for config, module in _privacy_modules():
        if hasattr(module, "personal_data"):
            sections[str(config.verbose_name)] = module.personal_data(user)
        if hasattr(module, "files"):
            files += [(f"{config.label}/{name}", field) for name, field in module.files(user)]
    sections = {
        title: {name.replace("_", " ").capitalize(): value for name, value in parts.items()}
        for title, parts in sections.items()
    }
    data = {"Produced": readable(produced), **sections}
    summary = render_to_string(
        "members/my_data_summary.html",
        {
            "organisation": settings.ORGANISATION_NAME,
            "produced": data["Produced"],
            "sections": _summary(sections),
            "files": [f"files/{name}" for name, _ in files],
        },
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        zipped.writestr("summary.html", summary)
        for name, field in files:
            with field.open("rb") as handle:
                zipped.writestr(f"files/{name}", handle.read())
    return archive.getvalue()


def _summary(sections):
    """[(section, [(heading, [record, ...]), ...]), ...] for summary.html, each record a list of
    (label, text) pairs; a list of names is written as one line."""
    return [
        (
            title,
            [
                (
                    heading,
                    [
                        [
                            (label, ", ".join(value) or None if isinstance(value, list) else value)
                            for label, value in row.items()
                        ]
                        for row in (value if isinstance(value, list) else [value] if value else [])
                    ],
                )
                for heading, value in parts.items()
            ],
        )
        for title, parts in sections.items()
    ]


@transaction.atomic
def erase(user):
    """Replace a leaver's personal data. Records the group needs (comments, minutes,
    expense claims within their legal retention period) stay, under "A former member"."""
    for _config, module in _privacy_modules():
        if hasattr(module, "erase"):
            module.erase(user)
    EqualityMonitoring.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).update(status=Membership.Status.STEPPED_DOWN)
    user.lived_experience.clear()
    user.access_needs.clear()
    user.groups.clear()
    User.objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@invalid.example",
        full_name=FORMER_MEMBER,
        preferred_name="",
        phone="",
        mobile_number="",
        text_reminders=False,
        address="",
        postcode="",
        locality=None,
        access_needs_other="",
        communication_preference=User.CommunicationPreference.POST,
        is_active=False,
        is_staff=False,
        is_superuser=False,
        password="!erased",
        erased_at=timezone.now(),
    )
    # Stored packs, minutes and reports may show the person's name, and which ones do is not
    # recorded. All are a cache that is rebuilt on demand (engagement/core/documents.py), so all go;
    # the next copy of each says "A former member". Queued, as a bucket may hold many files.
    outbox.enqueue(core_tasks.delete_generated_documents)
