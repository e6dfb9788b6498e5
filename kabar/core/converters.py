"""Database ids in addresses and forms: one definition of what an id may be.

Django's `<int:...>` and `int()` take any number of digits, and SQLite refuses a number past
64 bits with an OverflowError: a 500 for a typed-in or hostile address. A number past that is
no id of ours, so it is a 404 (or a form error) like any other unknown id.
"""

# The largest id any of our databases stores (SQLite's INTEGER, PostgreSQL's bigint).
ID_MAX = 2**63 - 1


def id_from_text(raw: str) -> int | None:
    """The id written in `raw`, or None when it is not one a database could hold."""
    if not raw.isascii() or not raw.isdigit():
        return None
    value = int(raw)
    return value if 0 < value <= ID_MAX else None


class IdConverter:
    """`<id:pk>` in a path; registered once in CoreConfig.ready()."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        pk = id_from_text(value)
        if pk is None:
            # Django takes a ValueError to mean "this pattern does not match": a 404.
            raise ValueError(f"{value} is not a database id.")
        return pk

    def to_url(self, value) -> str:
        return str(value)
