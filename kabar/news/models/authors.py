from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class AuthorRole(models.TextChoices):
    """What a person does in the newsroom: their part in a byline, too."""

    WRITER = "penulis", _("Writer")
    EDITOR = "editor", _("Editor")
    PHOTOGRAPHER = "fotografer", _("Photographer")


# What the person did on a story, for their author page.
ROLE_DONE = {
    AuthorRole.WRITER: _("Wrote"),
    AuthorRole.EDITOR: _("Edited"),
    AuthorRole.PHOTOGRAPHER: _("Photographed"),
}


# Each social profile field and the hosts its address may point at.
SOCIAL_HOSTS = {
    "x_url": ("x.com", "twitter.com"),
    "facebook_url": ("facebook.com", "fb.com"),
    "instagram_url": ("instagram.com",),
    "linkedin_url": ("linkedin.com",),
}


def host_matches(url: str, hosts: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == allowed or host.endswith(f".{allowed}") for allowed in hosts)


class Author(index.Indexed, models.Model):
    """A journalist, editor or photographer with a public profile page."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    roles = models.JSONField(
        _("roles"),
        default=list,
        blank=True,
        help_text=_("What this person does in the newsroom."),
    )
    website_url = models.URLField(_("website"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    email_public = models.BooleanField(
        _("show the email address on the profile page"), default=False
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.FilterField("user"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:author", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        for name, hosts in SOCIAL_HOSTS.items():
            url = getattr(self, name)
            if url and not host_matches(url, hosts):
                errors[name] = _("Enter an address on %(hosts)s.") % {"hosts": ", ".join(hosts)}
        if self.email_public and not self.email:
            errors["email"] = _("Enter the email address to show it on the profile page.")
        unknown = set(self.roles or []) - set(AuthorRole.values)
        if not isinstance(self.roles, list) or unknown:
            errors["roles"] = _("Choose roles from the list.")
        if errors:
            raise ValidationError(errors)

    def role_labels(self) -> list[str]:
        """The roles' names, in the list's order."""
        return [label for value, label in AuthorRole.choices if value in (self.roles or [])]

    @property
    def role_list(self) -> str:
        return ", ".join(str(label) for label in self.role_labels())

    def social_links(self) -> list[tuple[str, str]]:
        """(name, address) of each public profile elsewhere, for the profile page."""
        fields = ["website_url", "x_url", "facebook_url", "instagram_url", "linkedin_url"]
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]

    def unique_slug(self) -> str:
        base = slugify(self.name)[:110] or "penulis"
        slug, n = base, 2
        while Author.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class ArticleAuthor(Orderable):
    """An author's part in an article, in the order the byline shows them."""

    Role = AuthorRole

    article = ParentalKey("news.ArticlePage", related_name="authorships", on_delete=models.CASCADE)
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="authorships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.WRITER)

    panels = [FieldPanel("author"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return f"{self.author} ({self.get_role_display()})"

    @property
    def role_done(self) -> str:
        """What the person did on the story: "Wrote", "Edited", "Photographed"."""
        return ROLE_DONE.get(self.role, self.get_role_display())


@dataclass
class Credits:
    """The people credited on a story by their part: only writers are its authors ("Oleh");
    editors and photographers are named with their role."""

    writers: list[Author] = field(default_factory=list)
    editors: list[Author] = field(default_factory=list)
    photographers: list[Author] = field(default_factory=list)

    @classmethod
    def of(cls, authorships: Iterable[ArticleAuthor]) -> "Credits":
        """The credits of an article's authorships, in byline order, each person once a role."""
        credits = cls()
        by_role = {
            AuthorRole.WRITER: credits.writers,
            AuthorRole.EDITOR: credits.editors,
            AuthorRole.PHOTOGRAPHER: credits.photographers,
        }
        for credit in authorships:
            people = by_role.get(credit.role, credits.writers)
            if credit.author not in people:
                people.append(credit.author)
        return credits
