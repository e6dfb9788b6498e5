from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kabar.newsletters"
    label = "newsletters"
    verbose_name = _("Buletin")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from kabar.core.personal_data import personal_data_register

        from . import personal_data
        from .admin_views import ReadOnlyPermissionPolicy
        from .models import NewsletterSend, Subscriber

        for model in (Subscriber, NewsletterSend):
            register_permission_policy(model, ReadOnlyPermissionPolicy(model))

        from django.db.models.signals import post_save

        from kabar.core.models import BreakingNews

        from .signals import breaking_banner_saved

        post_save.connect(breaking_banner_saved, sender=BreakingNews, dispatch_uid="newsletters")

        # The readers' and the staff's UU PDP export and erase cover subscribers too.
        personal_data_register(
            name="newsletters",
            export=personal_data.subscriber_data_export,
            erase=personal_data.subscriber_data_erase,
            count=personal_data.subscriber_data_count,
        )
