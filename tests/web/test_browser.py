"""The web UI in a real browser (Debian's chromium through Playwright, marker ``ui``).

Set EVENTWIRE_SCREENSHOTS=docs/screenshots to save a screenshot of each view of the demo
data there (the README shows them).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import HOSTILE_TEXT

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
