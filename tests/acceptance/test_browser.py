"""The meeting view in a real browser (Debian's headless Chromium through Selenium):
no console error, no request beyond the file itself, every screen reachable by
keyboard, the JSON's figures on screen, reveal in presenter mode, print to PDF, and no
name under --anonymise."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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
    # and on each enabler's own screen
    on_screens = browser.execute_script(
        "return Object.fromEntries(Array.from(document.querySelectorAll("
        "'section.enabler')).map(s => [s.dataset.enabler, s.querySelector('strong.mean')"
        ".textContent]))"
    )
    assert on_screens == expected


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


def _printed(page: Path, where: Path) -> list[bytes]:
    """The page printed to PDF as a person's Print does (Chromium's own, which follows the
    page's print stylesheet and its @page size): each page's MediaBox."""
    pdf = where / "printed.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--user-data-dir={where / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return re.findall(rb"/MediaBox \[([^\]]*)\]", pdf.read_bytes())


def _a4_landscape(box: bytes) -> bool:
    width, height = (float(v) for v in box.split()[2:])
    return round(width) == 842 and round(height) == 595  # 297 mm by 210 mm in points


def test_prints_a_summary_page_then_a_page_a_screen(
    browser: Any, pages: dict[str, Path], tmp_path: Path
) -> None:
    _open(browser, pages["plain"])
    screens = browser.execute_script("return document.querySelectorAll('section.screen').length")
    printed = _printed(pages["plain"], tmp_path)
    assert all(_a4_landscape(box) for box in printed)
    # the cover and the overview on one summary page, then one page a screen: discuss
    # first, each of the 12 enablers, challenges, case studies, groups
    assert screens == 18
    assert len(printed) == screens - 1


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
    for _ in range(4):
        body.send_keys(Keys.ARROW_RIGHT)
        seen.append(_current(browser))
    # the old round's agreed.yaml sets targets: a screen says which were reached
    assert seen == ["cover", "overview", "moved", "targets", "participants"]
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
    # printed: the cover and overview on one page, then moved most, targets, who took part
    printed = _printed(page, tmp_path)
    assert all(_a4_landscape(box) for box in printed)
    assert len(printed) == 4


def _viewport(browser: Any, width: int, height: int) -> None:
    """Make the page's viewport width x height (a screen of that size, whatever the
    window's frame)."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


_BOXES = (
    "const f = document.querySelector('#overview figure.chart').getBoundingClientRect();"
    "const t = document.querySelector('#overview table.figures').getBoundingClientRect();"
    "return [f.left, f.right, f.top, f.bottom, t.left, t.right, t.top];"
)


@pytest.mark.parametrize("presenting", [False, True], ids=["page", "presenting"])
def test_overview_radar_beside_the_table_when_wide_above_it_when_narrow(
    browser: Any, pages: dict[str, Path], presenting: bool
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    try:
        for (width, height), beside in (((1920, 1080), True), ((1280, 720), False)):
            _viewport(browser, width, height)
            _open(browser, pages["plain"])
            assert browser.execute_script("return [innerWidth, innerHeight]") == [width, height]
            if presenting:
                browser.find_element(By.TAG_NAME, "body").send_keys("p", Keys.ARROW_RIGHT)
                assert _current(browser) == "overview"
            f_left, f_right, f_top, f_bottom, t_left, t_right, t_top = browser.execute_script(
                _BOXES
            )
            assert t_right <= width  # nothing cut off at the side
            if beside:
                assert t_left >= f_right
                assert abs(t_top - f_top) < 40
            else:
                assert t_top >= f_bottom
                assert t_left == f_left
            if presenting:  # the radar fits on the screen
                assert f_bottom - f_top < height
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_radar_points_show_their_figures_on_focus_and_hover(
    browser: Any, pages: dict[str, Path]
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["plain"])
    data = json.loads(pages["plain-json"].read_text(encoding="utf-8"))
    first = data["enablers"][0]
    body = browser.find_element(By.TAG_NAME, "body")
    shown = (
        "const v = document.activeElement.querySelector('.value');"
        "return [document.activeElement.getAttribute('aria-label'), v && v.textContent,"
        " v && getComputedStyle(v).visibility]"
    )
    for _ in range(200):  # Tab through the links and buttons to the radar's first point
        body.send_keys(Keys.TAB)
        if browser.execute_script("return document.activeElement.classList.contains('dot')"):
            break
    label, value, visibility = browser.execute_script(shown)
    assert label.startswith(f"{first['short_title']}: mean {first['mean']:.2f}")
    assert (value, visibility) == (f"{first['mean']:.2f}", "visible")
    # the others stay hidden until pointed at
    hidden = (
        "return Array.from(document.querySelectorAll('.dot .value'))"
        ".map(v => getComputedStyle(v).visibility)"
    )
    assert browser.execute_script(hidden).count("visible") == 1
    body.send_keys(Keys.TAB)
    label, value, visibility = browser.execute_script(shown)
    second = data["enablers"][1]
    assert label.startswith(f"{second['short_title']}: mean {second['mean']:.2f}")
    assert visibility == "visible"
    # hover, with the keyboard elsewhere
    browser.execute_script("document.activeElement.blur()")
    third = browser.find_elements(By.CSS_SELECTOR, "#overview .dot")[2]
    ActionChains(browser).move_to_element(third.find_element(By.TAG_NAME, "circle")).perform()
    values = browser.execute_script(hidden)
    assert values[2] == "visible"
    assert values.count("visible") == 1


def test_presenter_buttons_say_their_state_and_a_hint_says_how_to_reveal(
    browser: Any, pages: dict[str, Path]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["plain"])
    present = browser.find_element(By.ID, "present")
    reveal = browser.find_element(By.ID, "reveal")
    assert (present.get_attribute("aria-pressed"), reveal.get_attribute("aria-pressed")) == (
        "false",
        "false",
    )
    hint = "return getComputedStyle(document.querySelector('section.current .hint')).display"
    present.click()
    browser.find_element(By.TAG_NAME, "body").send_keys(*[Keys.ARROW_RIGHT] * 3)
    assert _current(browser) == "enabler-1"
    assert present.get_attribute("aria-pressed") == "true"
    assert browser.execute_script(hint) == "block"
    reveal.click()
    assert reveal.get_attribute("aria-pressed") == "true"
    assert browser.execute_script(hint) == "none"
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)  # hidden again
    assert reveal.get_attribute("aria-pressed") == "false"
    present.click()
    assert present.get_attribute("aria-pressed") == "false"
    assert browser.execute_script(
        "return document.querySelectorAll('section.screen:not([style*=none])').length"
    ) == browser.execute_script("return document.querySelectorAll('section.screen').length")


def test_hostile_text_is_shown_as_text_in_the_browser(
    browser: Any, tmp_path: Path, run: Run
) -> None:
    hostile = '<script>window.bad=1</script>"><img src=x onerror="window.bad=2">{{ 7*7 }}\u202e'
    demo = Path(shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns("report")))
    config = demo / "bbtool.yaml"
    text = config.read_text(encoding="utf-8")
    area = next(line for line in text.splitlines() if line.startswith("area:"))
    config.write_text(text.replace(area, f"area: {json.dumps(hostile)}"), "utf-8")
    priya = demo / "participants" / "01-priya-shah.yaml"
    said = priya.read_text(encoding="utf-8")
    evidence = next(
        line for line in said.splitlines() if line.startswith("  leadership: ") and '"' in line
    )
    priya.write_text(said.replace(evidence, f"  leadership: {json.dumps(hostile)}"), "utf-8")
    done = run("report", demo, "--html", "--out", tmp_path / "out", "-q")
    assert done.exit_code == 0, done.output
    (page,) = (tmp_path / "out").glob("*.html")
    _open(browser, page)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return window.bad === undefined")
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    shown = browser.execute_script("return document.body.textContent")
    assert shown.count(hostile) >= 2  # the cover's area and the evidence, as written
