"""Access helper: an agreement version members may read, else 404."""

from django.shortcuts import get_object_or_404

from engagement.core.dates import local_today

from .models import AgreementVersion


def get_agreement_version_for_user(user, pk):
    # Any signed-in person may read an agreement in force: it is the same for everyone and holds no one's data.
    # Versions not yet in force are drafts staff are still preparing.
    return get_object_or_404(AgreementVersion.objects.filter(in_force_from__lte=local_today()).exclude(file=""), pk=pk)
