"""The web UI in a real browser (Debian's chromium through Playwright, marker ``ui``).

Set EVENTWIRE_SCREENSHOTS=docs/screenshots to save a screenshot of each view of the demo
data there (the README shows them).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import (
    HOSTILE_CLAIMANT,
    HOSTILE_PERSON,
    HOSTILE_QUOTE,
    HOSTILE_ROLE,
    HOSTILE_STATUS_BY,
    HOSTILE_TEXT,
    HOSTILE_THING,
)

pytestmark = pytest.mark.ui


def shoot(page: Any, name: str, tmp_path: Path) -> None:
    folder = os.environ.get("EVENTWIRE_SCREENSHOTS")
    target = Path(folder) if folder else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=False)


def test_hostile_article_is_shown_as_text_and_nothing_runs(page: Any, small_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(small_server + "/documents/hostile-1#ev-hostile-1%3A1%3A5")
    shown = page.eval_on_selector(
        "#article-text",
        "el => Array.from(el.childNodes)"
        ".filter(n => !(n.classList && n.classList.contains('label')))"
        ".map(n => n.textContent).join('')",
    )
    assert shown == HOSTILE_TEXT
    assert page.locator("h1").inner_text() == "<script>alert('title')</script>"
    # nothing from the article became markup: no script, image, or link inside the text
    assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".meta .url").inner_text() == "javascript:alert(3)"
    page.locator("mark.m-sentence").first.hover()
    page.locator("mark.m-sentence").first.click()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert errors == []


@pytest.mark.slow
def test_demo_walkthrough(page: Any, demo_server: str, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(demo_server + "/")
    rows = page.locator("table#events tbody tr")
    assert rows.count() > 20
    shoot(page, "events", tmp_path)

    page.fill("input[name=actor]", "LKA")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**actor=LKA**")
    assert 0 < rows.count() <= 50
    for n in range(rows.count()):
        actors = rows.nth(n).locator(".actor").all_inner_texts()
        assert "LKA" in actors
    shoot(page, "events-filtered", tmp_path)

    rows.first.locator("a.doclink").click()
    page.wait_for_url("**/documents/**")
    active = page.locator("#article-text mark.m-sentence.active")
    active.first.wait_for()
    assert active.count() > 0
    assert page.locator("#article-text mark.m-trigger").count() > 0
    assert page.locator("#article-text mark.m-source, #article-text mark.m-target").count() > 0
    assert page.locator(".record.active").count() == 1
    shoot(page, "article", tmp_path)

    page.click("header.top nav >> text=Timeline")
    page.wait_for_url("**/timeline")
    bars = page.locator("svg#timeline rect.bar")
    assert bars.count() > 3
    assert bars.first.bounding_box()["height"] > 0
    shoot(page, "timeline", tmp_path)

    page.click("header.top nav >> text=Network")
    page.wait_for_url("**/network")
    assert page.locator("svg#network .node circle").count() >= 5
    assert page.locator("svg#network path.edge").count() >= 5
    box = page.locator("svg#network").bounding_box()
    assert box["width"] > 300
    shoot(page, "network", tmp_path)

    page.fill("header.top input[name=q]", "Rajapaksa")
    page.press("header.top input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Rajapaksa")
    assert page.locator("ol.results li").count() >= 1
    shoot(page, "search", tmp_path)
    assert errors == []


def _no_markup_from_data(page: Any) -> None:
    """Nothing a record said became an element or an attribute on the page."""
    assert page.locator("main script, main img, main b, main iframe").count() == 0
    assert page.locator("[onerror], [onmouseover], a[href^='javascript']").count() == 0


def test_hostile_people_things_and_claims_are_shown_as_text(page: Any, small_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(small_server + "/people")
    assert page.locator("table#people a.person").all_inner_texts() == [HOSTILE_PERSON]
    assert HOSTILE_ROLE in page.locator("table#people tbody tr").first.inner_text()
    _no_markup_from_data(page)
    page.locator("table#people a.person").first.click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == HOSTILE_PERSON
    assert page.locator("table#roles td.role").all_inner_texts() == [HOSTILE_ROLE]
    assert page.locator("ul#quotes blockquote").all_inner_texts() == [HOSTILE_QUOTE]
    _no_markup_from_data(page)

    page.goto(small_server + "/things")
    page.locator("table#things a.thing").first.click()
    page.wait_for_url("**/things/*")
    assert page.locator("h1").inner_text() == HOSTILE_THING
    sentence = page.locator("ol#lifecycle .sentence").inner_text()
    assert "<script>alert('xss')</script> Russia accused Ukraine" in sentence
    _no_markup_from_data(page)

    page.goto(small_server + "/claims")
    row = page.locator("table#claims tbody tr").first
    assert row.locator(".status").inner_text() == f"denied by {HOSTILE_STATUS_BY}"
    assert row.locator("td.claimant").inner_text().startswith(HOSTILE_CLAIMANT)
    assert row.locator("td.sentence").inner_text().startswith("<script>alert('xss')</script>")
    _no_markup_from_data(page)

    page.goto(small_server + "/documents/hostile-1")
    assert page.locator("#named a.person").all_inner_texts() == [HOSTILE_PERSON]
    assert page.locator("#named a.thing").all_inner_texts() == [HOSTILE_THING]
    _no_markup_from_data(page)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert errors == []


@pytest.mark.slow
def test_people_things_and_claims_walkthrough(page: Any, demo_server: str, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(demo_server + "/")
    page.click("header.top nav >> text=People")
    page.wait_for_url("**/people")
    assert page.locator("table#people tbody tr").count() > 20
    page.fill("form.filters input[name=name]", "biden")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**name=biden**")
    rows = page.locator("table#people tbody tr")
    assert rows.count() == 1
    assert "President" in rows.first.inner_text()
    rows.first.locator("a.person").click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == "Joe Biden"
    roles = page.locator("table#roles tbody tr")
    assert roles.count() >= 1
    assert "President" in roles.first.locator("td.role").inner_text()
    assert roles.first.locator("a").count() == 4  # the four articles that call him so
    events = page.locator("table#person-events tbody tr")
    assert events.count() > 3
    assert page.locator("ul#quotes li").count() >= 1
    shoot(page, "person", tmp_path)
    events.first.locator("a.doclink").click()
    page.wait_for_url("**/documents/**")
    assert page.locator(".record.active").count() == 1
    assert "Joe Biden" in page.locator("#named a.person").all_inner_texts()

    page.click("header.top nav >> text=Things")
    page.wait_for_url("**/things")
    page.select_option("form.filters select[name=category]", "agreement")
    page.fill("form.filters input[name=name]", "GSOMIA")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**category=agreement**")
    page.locator("table#things a.thing").first.click()
    page.wait_for_url("**/things/*")
    assert "General Security of Military Intelligence Agreement" in page.locator("h1").inner_text()
    assert {"JPN", "KOR"} <= set(page.locator("ul#parties a.actor").all_inner_texts())
    steps = page.locator("ol#lifecycle li.step")
    assert steps.count() >= 1
    assert steps.first.locator(".stage").inner_text() == "extended"
    assert "GSOMIA" in steps.first.locator(".sentence").inner_text()
    shoot(page, "thing", tmp_path)
    steps.first.locator("a").click()
    page.wait_for_url("**/documents/seed-003#ev-*")
    assert page.locator(".record.active").count() == 1

    page.click("header.top nav >> text=Claims")
    page.wait_for_url("**/claims")
    assert page.locator("table#claims tbody tr").count() > 10
    page.fill("form.filters input[name=until]", "2021")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**until=2021**")
    statuses = page.locator("table#claims .status").all_inner_texts()
    assert "unverified" in statuses
    assert "asserted" in statuses
    shoot(page, "claims", tmp_path)
    page.select_option("form.filters select[name=status]", "unverified")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**status=unverified**")
    assert page.locator("table#claims .status").all_inner_texts() == ["unverified"]
    assert errors == []
