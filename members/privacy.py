"""A person's data (UK GDPR subject access) and erasing a person who has left, across every app.

Each app that keeps personal data has a `privacy.py` module with some of:
    personal_data(user) -> dict      records to include in the person's download (JSON-able)
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
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from engagement.core import outbox
from engagement.core import tasks as core_tasks
from engagement.core.models import Notification

from .models import EqualityMonitoring, Membership, User

FORMER_MEMBER = "A former member"


def _privacy_modules():
    for config in apps.get_app_configs():
        name = f"{config.name}.privacy"
        if config.name != __package__ and importlib.util.find_spec(name):
            yield config, importlib.import_module(name)


def _own_data(user):
    equality = (
        EqualityMonitoring.objects.filter(user=user)
        .values(*EqualityMonitoring.CHARACTERISTICS, "consent_given_at")
        .first()
    )
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_name": user.preferred_name,
            "phone": user.phone,
            "address": user.address,
            "postcode": user.postcode,
            "locality": str(user.locality or ""),
            "lived_experience": [str(area) for area in user.lived_experience.all()],
            "communication_preference": user.communication_preference,
            "access_needs": [str(need) for need in user.access_needs.all()],
            "access_needs_other": user.access_needs_other,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "memberships": list(
            Membership.objects.filter(user=user).values("group__name", "role", "status", "term_start", "term_end")
        ),
        "equality_monitoring": equality,
        "emails_sent_to_you": list(
            Notification.objects.filter(user=user).values("event", "status", "created", "sent_at")
        ),
    }


def export_zip(user):
    """Everything we hold about the person: data.json plus their uploaded files."""
    data = {"produced": timezone.now(), "members": _own_data(user)}
    files = []
    for config, module in _privacy_modules():
        if hasattr(module, "personal_data"):
            data[config.label] = module.personal_data(user)
        if hasattr(module, "files"):
            files += [(f"{config.label}/{name}", field) for name, field in module.files(user)]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        for name, field in files:
            with field.open("rb") as handle:
                zipped.writestr(f"files/{name}", handle.read())
    return archive.getvalue()


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
