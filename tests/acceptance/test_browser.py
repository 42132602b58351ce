"""The meeting view in a real browser (Debian's headless Chromium through Selenium):
no console error, no request beyond the file itself, every screen reachable by
keyboard, the JSON's figures on screen, reveal in presenter mode, print to PDF, and no
name under --anonymise."""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from _demo import DEMO, NAMES

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None, reason="chromium and chromedriver are not installed"
    ),
]
Run = Callable[..., Result]
STEM = "northbridge-2026-spring"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="bbtool-chromium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,720",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, run: Run) -> dict[str, Path]:
    """The demo's meeting view, plain and anonymised, and its JSON."""
    root = tmp_path_factory.mktemp("html")
    demo = Path(shutil.copytree(DEMO, root / "demo", ignore=shutil.ignore_patterns("report")))
    made: dict[str, Path] = {}
    for name, extra in (("plain", ()), ("anonymised", ("--anonymise",))):
        out = root / name
        done = run("report", demo, "--html", "--json", "--by", "sector", *extra, "--out", out, "-q")
        assert done.exit_code == 0, done.output
        made[name] = out / f"{STEM}.html"
        made[f"{name}-json"] = out / f"{STEM}.json"
    return made


def _open(browser: Any, page: Path) -> None:
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(page.as_uri())


def _current(browser: Any) -> str:
    return str(browser.execute_script("return document.querySelector('section.current').id"))


def test_opens_without_errors_or_requests(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["plain"])
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    requested = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert requested  # the page itself
    assert all(url == pages["plain"].as_uri() for url in requested), requested


def test_every_screen_is_reached_by_keyboard(browser: Any, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["plain"])
    ids = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.screen')).map(s => s.id)"
    )
    assert ids[:3] == ["cover", "overview", "discuss"]
    assert "groups" in ids
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("p")  # present: one screen at a time
    seen = [_current(browser)]
    for _ in ids[1:]:
        body.send_keys(Keys.ARROW_RIGHT)
        seen.append(_current(browser))
    assert seen == ids
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.screen'))"
        ".filter(s => getComputedStyle(s).display !== 'none').map(s => s.id)"
    )
    assert shown == [ids[-1]]
    body.send_keys(Keys.HOME)
    assert _current(browser) == "cover"


def test_the_figures_on_screen_are_the_jsons(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["plain"])
    data = json.loads(pages["plain-json"].read_text(encoding="utf-8"))
    shown = browser.execute_script(
        "return Object.fromEntries(Array.from(document.querySelectorAll("
        "'#overview tr[data-enabler]')).map(r => [r.dataset.enabler, "
        "r.querySelector('td.mean').textContent]))"
    )
    expected = {e["id"]: "–" if e["mean"] is None else f"{e['mean']:.2f}" for e in data["enablers"]}
    assert shown == expected


def test_presenter_hides_distributions_until_revealed(browser: Any, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["plain"])
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("p")
    for _ in range(3):  # the first enabler's screen
        body.send_keys(Keys.ARROW_RIGHT)
    assert _current(browser) == "enabler-1"
    visibility = (
        "return getComputedStyle(document.querySelector('section.current .reveal')).visibility"
    )
    assert browser.execute_script(visibility) == "hidden"
    body.send_keys("r")
    assert browser.execute_script(visibility) == "visible"
    body.send_keys(Keys.ARROW_RIGHT)  # the next screen starts hidden again
    assert browser.execute_script(visibility) == "hidden"


def test_prints_a_page_a_screen(browser: Any, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.print_page_options import PrintOptions

    _open(browser, pages["plain"])
    screens = browser.execute_script("return document.querySelectorAll('section.screen').length")
    options = PrintOptions()
    options.orientation = "landscape"
    pdf = base64.b64decode(browser.print_page(options))
    assert pdf.startswith(b"%PDF")
    pages_printed = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages_printed >= screens


def test_no_name_under_anonymise(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["anonymised"])
    everything = browser.execute_script(
        "return document.documentElement.outerHTML + document.body.innerText"
    )
    for name in NAMES:
        assert name not in everything


def test_the_comparison_page_opens_and_moves_by_keyboard(
    browser: Any, tmp_path: Path, run: Run
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    old = Path(shutil.copytree(DEMO, tmp_path / "old", ignore=shutil.ignore_patterns("report")))
    config = old / "bbtool.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("2026", "2025"), "utf-8")
    priya = old / "participants" / "01-priya-shah.yaml"
    text = priya.read_text(encoding="utf-8")
    assert "  leadership: 5\n" in text
    priya.write_text(text.replace("  leadership: 5\n", "  leadership: 2\n"), "utf-8")
    done = run("compare", old, DEMO, "--html", "--json", "--out", tmp_path / "out", "-q")
    assert done.exit_code == 0, done.output
    (page,) = (tmp_path / "out").glob("*.html")
    _open(browser, page)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("p")
    seen = [_current(browser)]
    for _ in range(3):
        body.send_keys(Keys.ARROW_RIGHT)
        seen.append(_current(browser))
    assert seen == ["cover", "overview", "moved", "participants"]
    data = json.loads(next((tmp_path / "out").glob("*.json")).read_text(encoding="utf-8"))
    shown = browser.execute_script(
        "return Object.fromEntries(Array.from(document.querySelectorAll("
        "'tr[data-enabler]')).map(r => [r.dataset.enabler, "
        "[r.cells[1].textContent, r.cells[2].textContent]]))"
    )

    def shown_as(mean: float | None) -> str:
        return "–" if mean is None else f"{mean:.2f}"

    assert shown == {
        e["id"]: [shown_as(e["old_mean"]), shown_as(e["new_mean"])] for e in data["enablers"]
    }
    assert shown["leadership"] == ["3.50", "3.80"]  # Priya's 2 then 5
    everything = browser.execute_script("return document.documentElement.outerHTML")
    for name in NAMES:
        assert name not in everything
