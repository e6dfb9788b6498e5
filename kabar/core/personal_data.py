"""UU PDP: one place that knows every app holding a reader's data by email address.

Apps register an exporter and an eraser from their AppConfig.ready(); the reader's and the
staff's export and erase (in comments, which came first) call `personal_data_export` and
`personal_data_erase`, so an app above or beside comments adds its data without comments
importing it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[..., object]  # export(email=...) -> JSON-ready data
    erase: Callable[..., int]  # erase(email=...) -> how many records went
    count: Callable[..., int]  # count(email=...) -> how many records are held


_sources: dict[str, PersonalDataSource] = {}


def personal_data_register(*, name: str, export, erase, count) -> None:
    """Add (or replace) the source called `name`: its data joins every export and erase."""
    _sources[name] = PersonalDataSource(name=name, export=export, erase=erase, count=count)


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_sources.values())


def personal_data_count(*, email: str) -> int:
    """How many records the registered sources hold about `email`."""
    return sum(source.count(email=email) for source in _sources.values())


def personal_data_export(*, email: str) -> dict:
    """Each registered source's data about `email`, under the source's name."""
    return {source.name: source.export(email=email) for source in _sources.values()}


def personal_data_erase(*, email: str) -> dict[str, int]:
    """Erase `email`'s data from every registered source; how many records each removed."""
    return {source.name: source.erase(email=email) for source in _sources.values()}
