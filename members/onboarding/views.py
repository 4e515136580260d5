from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from engagement.core.dates import local_today
from engagement.core.forms import submitted
from engagement.core.uploads import file_response

from . import services
from .access import get_agreement_version_for_user
from .forms import SignAgreementForm
from .models import AgreementSignature, AgreementVersion


@login_required
def sign_agreement(request):
    today = local_today()
    version = AgreementVersion.objects.current(today)
    if version is None:
        raise Http404("There is no involvement agreement to sign yet.")
    signature = AgreementSignature.objects.filter(user=request.user, version=version).first()
    form = SignAgreementForm(None if signature else submitted(request), person=request.user)
    if request.method == "POST" and signature is None and form.is_valid():
        services.sign_agreement(request.user, version, form.cleaned_data["typed_name"], today)
        messages.success(request, "Thank you. You have signed the involvement agreement.")
        return redirect("profile")
    return render(
        request,
        "onboarding/sign_agreement.html",
        {
            "version": version,
            "signature": signature,
            "form": form,
            "crumbs": [("Home", reverse("dashboard")), ("Your profile", reverse("profile"))],
        },
    )


@login_required
def agreement_file(request, pk):
    version = get_agreement_version_for_user(request.user, pk)
    return file_response(version.file, f"involvement-agreement-{version.name}")
