"""axe-core in the browser tests: the accessibility problems a page has, as readable lines."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 A and AA, the level the public site promises.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


def axe_serious(page) -> list[str]:
    """The serious and critical violations axe finds on the page, one line per rule."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
