"""The two signed cookies the comment form uses: the reader's held comments and remember-me."""

from django.core import signing

MINE_COOKIE = "kabar_komentar_saya"
MINE_SALT = "kabar.comments.mine"
MINE_MAX = 20
MINE_MAX_AGE = 30 * 24 * 3600
REMEMBER_COOKIE = "kabar_komentator"
REMEMBER_SALT = "kabar.comments.remember"
REMEMBER_MAX_AGE = 365 * 24 * 3600


def own_comment_ids(request) -> list[int]:
    """Ids of comments this browser posted recently, from its signed cookie."""
    try:
        ids = request.get_signed_cookie(MINE_COOKIE, salt=MINE_SALT, max_age=MINE_MAX_AGE)
        return [int(i) for i in ids.split(",") if i.isdigit()]
    except (KeyError, signing.BadSignature, AttributeError):
        return []


def own_comment_remember(request, response, comment_id: int) -> None:
    ids = [i for i in own_comment_ids(request) if i != comment_id][-(MINE_MAX - 1) :] + [comment_id]
    response.set_signed_cookie(
        MINE_COOKIE,
        ",".join(map(str, ids)),
        salt=MINE_SALT,
        max_age=MINE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def commenter_remembered(request) -> dict:
    """The name, email and website the reader asked this browser to remember."""
    try:
        data = signing.loads(request.COOKIES[REMEMBER_COOKIE], salt=REMEMBER_SALT)
    except (KeyError, signing.BadSignature):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data[k]) for k in ("name", "email", "url") if k in data}


def commenter_remember(request, response, *, name: str, email: str, url: str) -> None:
    value = signing.dumps({"name": name, "email": email, "url": url}, salt=REMEMBER_SALT)
    response.set_cookie(
        REMEMBER_COOKIE,
        value,
        max_age=REMEMBER_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def commenter_forget(response) -> None:
    response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


CONFIRMED_COOKIE = "kabar_pembaca_terkonfirmasi"
CONFIRMED_SALT = "kabar.comments.confirmed"


def confirmed_email(request) -> str:
    """The email address this browser confirmed through a link (commenting mode 2), or ""."""
    try:
        return request.get_signed_cookie(
            CONFIRMED_COOKIE, salt=CONFIRMED_SALT, max_age=REMEMBER_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return ""


def confirmed_email_remember(request, response, email: str) -> None:
    response.set_signed_cookie(
        CONFIRMED_COOKIE,
        email.lower(),
        salt=CONFIRMED_SALT,
        max_age=REMEMBER_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
