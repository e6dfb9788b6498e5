"""The admin: read-only listings of subscribers and past sends, and the alert button."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from kabar.news.models import ArticlePage

from .models import NewsletterSend, Subscriber
from .tasks import breaking_alert_task


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Listings only: subscribers come from readers, sends from the worker; nobody in the
    admin adds, edits or deletes them (erasure goes through the personal-data tools)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Subscriber.Status.choices
    )
    wants_digest = django_filters.BooleanFilter(label=gettext_lazy("Ringkasan harian"))
    wants_alerts = django_filters.BooleanFilter(label=gettext_lazy("Peringatan berita terkini"))

    class Meta:
        model = Subscriber
        fields = ["status", "wants_digest", "wants_alerts"]


def subscriber_counts() -> dict:
    return Subscriber.objects.aggregate(
        total=Count("pk"),
        confirmed=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED)),
        pending=Count("pk", filter=Q(status=Subscriber.Status.PENDING)),
        digest=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED, wants_digest=True)),
        alerts=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED, wants_alerts=True)),
    )


class SubscriberIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("sections")

    def get_page_subtitle(self):
        counts = {k: number_format(v, force_grouping=True) for k, v in subscriber_counts().items()}
        return (
            _(
                "%(total)s alamat: %(confirmed)s terkonfirmasi (%(digest)s ringkasan harian, "
                "%(alerts)s peringatan), %(pending)s menunggu konfirmasi"
            )
            % counts
        )


def sections_text(subscriber) -> str:
    return ", ".join(s.title for s in subscriber.sections.all()) or "—"


class ReadOnlyListingViewSet(ModelViewSet):
    """A listing in the admin menu and nothing more: ReadOnlyPermissionPolicy refuses every
    other action, and these views are not even offered."""

    pk_path_converter = "id"
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None  # a plain database filter over a few thousand rows


class SubscriberViewSet(ReadOnlyListingViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = gettext_lazy("Pelanggan buletin")
    menu_order = 260
    url_prefix = "buletin/pelanggan"
    form_fields = ["email"]  # required of a viewset; the policy never lets anyone edit
    index_view_class = SubscriberIndexView
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    list_display = [
        Column("email", label=gettext_lazy("Email")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        BooleanColumn("wants_digest", label=gettext_lazy("Ringkasan harian")),
        BooleanColumn("wants_alerts", label=gettext_lazy("Peringatan")),
        Column("sections", label=gettext_lazy("Rubrik"), accessor=sections_text),
        DateColumn("requested_at", label=gettext_lazy("Mendaftar")),
        DateColumn("confirmed_at", label=gettext_lazy("Dikonfirmasi")),
    ]


class NewsletterSendViewSet(ReadOnlyListingViewSet):
    model = NewsletterSend
    icon = "history"
    menu_label = gettext_lazy("Kiriman buletin")
    menu_order = 261
    url_prefix = "buletin/kiriman"
    form_fields = ["subject"]  # required of a viewset; the policy never lets anyone edit
    list_filter = ["kind"]
    search_fields = ["subject"]
    list_display = [
        Column("subject", label=gettext_lazy("Subjek")),
        Column("kind", label=gettext_lazy("Jenis"), accessor="get_kind_display"),
        DateColumn("sent_at", label=gettext_lazy("Terkirim")),
        Column("recipients", label=gettext_lazy("Penerima")),
        Column("articles", label=gettext_lazy("Artikel"), accessor=lambda s: s.articles.count()),
    ]


subscriber_viewset = SubscriberViewSet("newsletter_subscribers")
send_viewset = NewsletterSendViewSet("newsletter_sends")


def user_can_alert(user, article) -> bool:
    """Editors who may publish the article may send its alert; writers may not."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return article.permissions_for_user(user).can_publish()


def breaking_alert_view(request, page_id: int):
    """ "Kirim peringatan berita terkini": a confirmation step, then the alert is queued."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not user_can_alert(request.user, article):
        raise PermissionDenied
    recipients = Subscriber.objects.for_alerts().count()
    already = NewsletterSend.objects.filter(edition=f"alert:{article.pk}").first()
    if request.method == "POST" and already is None:
        if not ArticlePage.objects.visible().filter(pk=article.pk).exists():
            messages.error(request, _("Peringatan tidak terkirim: artikel ini belum tayang."))
        else:
            # Sent by the task worker: thousands of emails must not hold up the editor's page.
            # The task claims the alert once per article, however often this is posted.
            breaking_alert_task.enqueue(article_id=article.pk)
            messages.success(
                request,
                _("Peringatan “%(title)s” sedang dikirim ke %(n)s pelanggan.")
                % {"title": article.title, "n": recipients},
            )
        return redirect("wagtailadmin_explore", article.get_parent().pk)
    return TemplateResponse(
        request,
        "newsletters/admin/alert.html",
        {"article": article, "recipients": recipients, "already": already},
    )
