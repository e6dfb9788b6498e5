"""django-axes hooks: whose failures a login attempt counts against."""


def login_username(request, credentials: dict | None) -> str | None:
    """The account a login names: the admin form's username or the reader form's email.

    Lower-cased, so "Editor" and "editor" share one count.
    """
    credentials = credentials or {}
    name = (
        credentials.get("username")
        or credentials.get("email")
        or request.POST.get("username")
        or request.POST.get("login")
    )
    return name.strip().lower() if name else None
