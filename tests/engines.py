"""Firefox (Gecko) and Safari's engine (WebKit) for the cross-engine tests, as Debian ships
them: firefox-esr, driven through Mozilla's Marionette client (marionette-driver; no
geckodriver is packaged for Linux by Debian or PyPI), and WebKitGTK's WebKitWebDriver
through Selenium, on an Xvfb display. scripts/test installs firefox-esr,
webkit2gtk-driver and xvfb where missing.

Both are wrapped in one small interface, so a flow is written once for every engine."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
# WebKitGTK's own small browser, which WebKitWebDriver drives.
MINIBROWSER = next(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"), None)
# Keys as WebDriver names them.
SHIFT, PAGE_DOWN = "\ue008", "\ue00f"
# Only a failing check waits this long, on a busy 2-core machine.
PATIENCE = 15
# Where an X server marks the display number it holds: X's own fixed places.
X_LOCKS, X_SOCKETS = Path("/tmp"), Path("/tmp/.X11-unix")  # noqa: S108


class Engine:
    """One browser window and what the flows do with it."""

    name: str

    def go(self, url: str) -> None:
        raise NotImplementedError

    def url(self) -> str:
        raise NotImplementedError

    def run(self, script: str, *args):
        """Run `script`, a function body, in the page; returns what it returns."""
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def back(self) -> None:
        raise NotImplementedError

    def press(self, *keys: str) -> None:
        """Press and release each key in turn, as a person does, at the focused element."""
        raise NotImplementedError

    def windows(self) -> list[str]:
        raise NotImplementedError

    def switch(self, window: str) -> None:
        raise NotImplementedError

    def quit(self) -> None:
        raise NotImplementedError

    def wait(self, script: str, *args, what: str = ""):
        """Wait until `script` (a function body) returns something truthy; return it. A
        page that is still loading is asked again."""
        deadline = time.monotonic() + PATIENCE
        last = None
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                last = self.run(script, *args)
                if last:
                    return last
            time.sleep(0.1)
        raise AssertionError(f"{self.name}: gave up waiting for {what or script} (last: {last})")

    def wait_until_styled(self) -> None:
        self.wait(
            "return document.readyState === 'complete' && getComputedStyle("
            "document.documentElement).getPropertyValue('--text').trim() !== ''",
            what="the page to load with its stylesheet",
        )

    def click_text(self, words: str) -> None:
        """Click the link whose words are `words`."""
        self.click_xpath(f"//a[normalize-space()='{words}']")

    def click_xpath(self, xpath: str) -> None:
        raise NotImplementedError

    def wait_for_address(self, part: str) -> str:
        """Wait until the window's address holds `part` (the browser's own error page for
        an address it cannot reach names that address); return the address."""
        deadline = time.monotonic() + PATIENCE
        while part not in (url := self.url()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert part in url, f"{self.name}: at {url}, not at {part}"
        return url

    def wait_for_windows(self, count: int) -> list[str]:
        deadline = time.monotonic() + PATIENCE
        while len(windows := self.windows()) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(windows) >= count, f"{self.name}: {len(windows)} windows, not {count}"
        return windows

    def text(self, selector: str) -> str:
        return self.wait(
            "const e = document.querySelector(arguments[0]);"
            "return e && e.offsetParent !== null && e.innerText",
            selector,
            what=f"{selector} to show",
        )


class Firefox(Engine):
    name = "Firefox"

    def __init__(self, profile: Path):
        from marionette_driver.marionette import Marionette

        self.driver = Marionette(
            host="127.0.0.1",
            port=0,
            bin=FIREFOX,
            headless=True,
            # No update checks, telemetry or other calls of Firefox's own to the internet.
            prefs={
                "app.update.disabledForTesting": True,
                "browser.shell.checkDefaultBrowser": False,
                "datareporting.policy.dataSubmissionEnabled": False,
                "toolkit.telemetry.server": "",
                "network.captive-portal-service.enabled": False,
            },
            workspace=str(profile),
            gecko_log=str(profile / "gecko.log"),
            startup_timeout=120,
        )
        self.driver.start_session()

    def reaching_an_error_page(self, action) -> bool:
        """Do `action`; whether Marionette reported that a navigation reached the
        browser's error page (as going to the exit address, which this machine cannot
        reach, does), which it reports as a failure of whatever was done meanwhile."""
        from marionette_driver.errors import UnknownException

        try:
            action()
        except UnknownException as error:
            if "Reached error page" not in str(error):
                raise
            return True
        return False

    def go(self, url):
        # The error page may be the exit's, still under way: then ask again.
        if self.reaching_an_error_page(lambda: self.driver.navigate(url)):
            self.driver.navigate(url)

    def url(self):
        return self.driver.get_url()

    def run(self, script, *args):
        return self.driver.execute_script(script, script_args=list(args), sandbox=None)

    def click(self, selector):
        # A click that leads to an error page has been made: the flow checks where it led.
        self.reaching_an_error_page(
            lambda: self.driver.find_element("css selector", selector).click()
        )

    def click_xpath(self, xpath):
        self.driver.find_element("xpath", xpath).click()

    def back(self):
        self.driver.go_back()

    def press(self, *keys):
        sequence = self.driver.actions.sequence("key", "keyboard")
        for key in keys:
            sequence.key_down(key).key_up(key)
        sequence.perform()

    def windows(self):
        return list(self.driver.window_handles)

    def switch(self, window):
        self.driver.switch_to_window(window)

    def quit(self):
        self.driver.delete_session()
        self.driver.cleanup()


class WebKit(Engine):
    name = "WebKit"

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        self.driver = webdriver.WebKitGTK(
            options=options, service=Service(executable_path=WEBKIT_DRIVER)
        )
        self.driver.set_script_timeout(PATIENCE)

    def go(self, url):
        self.driver.get(url)

    def url(self):
        return self.driver.current_url

    def run(self, script, *args):
        return self.driver.execute_script(script, *args)

    def click(self, selector):
        self.driver.find_element("css selector", selector).click()

    def click_xpath(self, xpath):
        self.driver.find_element("xpath", xpath).click()

    def back(self):
        self.driver.back()

    def press(self, *keys):
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(self.driver)
        for key in keys:
            chain.key_down(key).key_up(key)
        chain.perform()

    def windows(self):
        return list(self.driver.window_handles)

    def switch(self, window):
        self.driver.switch_to.window(window)

    def quit(self):
        self.driver.quit()


def missing(engine: str) -> str | None:
    """Why `engine` cannot start here, or None."""
    if engine == "Firefox":
        return None if Path(FIREFOX).exists() else f"{FIREFOX} (Debian's firefox-esr) is missing"
    if not Path(WEBKIT_DRIVER).exists() or MINIBROWSER is None:
        return "WebKitWebDriver (Debian's webkit2gtk-driver) is missing"
    if shutil.which("Xvfb") is None:
        return "Xvfb (Debian's xvfb) is missing"
    return None


@contextlib.contextmanager
def x_display() -> Iterator[str]:
    """A private Xvfb display for WebKitGTK, which needs one: its name, once it is up. The
    first number no display holds; one that loses a race for it exits, and the next
    number is tried."""
    for number in range(90, 190):
        if (X_LOCKS / f".X{number}-lock").exists():
            continue
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = X_SOCKETS / f"X{number}"
        deadline = time.monotonic() + PATIENCE
        while server.poll() is None and not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.poll() is None and socket.exists():
            break
        with contextlib.suppress(ProcessLookupError):
            server.kill()
        server.wait()
    else:
        raise RuntimeError("Xvfb did not start on any display from :90 to :189")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=15)


@contextlib.contextmanager
def started(engine: str, folder: Path) -> Iterator[Engine]:
    if engine == "Firefox":
        browser: Engine = Firefox(folder)
        try:
            yield browser
        finally:
            browser.quit()
        return
    with x_display() as display:
        previous = os.environ.get("DISPLAY")
        os.environ["DISPLAY"] = display
        try:
            browser = WebKit()
        finally:
            if previous is None:
                os.environ.pop("DISPLAY")
            else:
                os.environ["DISPLAY"] = previous
        try:
            yield browser
        finally:
            browser.quit()
