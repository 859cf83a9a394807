"""Project-level public pages (top layer: may read every app)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def home(request):
    return render(request, "home.html")


@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")
