"""The inbox of every signed-in person, staff and residents alike: the list, reading,
the bell's unread count (loaded by htmx, so pages pay no query for it) and the choice
of channels."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.paging import paginate
from portal.notifications import services
from portal.notifications.forms import ChannelPreferenceForm
from portal.notifications.models import ChannelPreference, Notification


@never_cache
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's messages, newest first, unread ones marked."""
    notifications = Notification.objects.for_user(request.user).order_by("-created_at", "-pk")
    page_obj, page_range = paginate(request, notifications)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page_obj": page_obj,
            "page_range": page_range,
            "unread_count": Notification.objects.for_user(request.user).unread().count(),
        },
    )


@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one message read and open the page it is about; another's message is a 404."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.notification_mark_read(notification)
    return redirect(notification.safe_url or "notifications:inbox")


@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    if services.notifications_mark_all_read(request.user):
        messages.success(request, _("All your messages are marked as read."))
    return redirect("notifications:inbox")


@never_cache
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The header's unread count, fetched by htmx after the page has loaded."""
    unread = Notification.objects.for_user(request.user).unread().count()
    return render(request, "notifications/bell.html", {"unread": unread})


@never_cache
@require_http_methods(["GET", "POST"])
def channel_settings(request: HttpRequest) -> HttpResponse:
    """How the user gets messages besides the inbox: e-mail and text message."""
    if request.method == "POST":
        preference, _created = ChannelPreference.objects.get_or_create(
            user=request.user, defaults=ChannelPreference.defaults_for(request.user)
        )
        form = ChannelPreferenceForm(request.POST, instance=preference)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your choice is saved."))
            return redirect("notifications:settings")
    else:
        form = ChannelPreferenceForm(instance=ChannelPreference.objects.for_user(request.user))
    return render(request, "notifications/settings.html", {"form": form})
