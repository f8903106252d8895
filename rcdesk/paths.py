"""Where rcdesk keeps its files, chosen without Qt so the app and the command agree.

platformdirs gives the per-user data folder on Windows, macOS and Linux; the
library there is the default, `--library PATH` or RCDESK_LIBRARY picks another.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "rcdesk"
LIBRARY_ENV = "RCDESK_LIBRARY"
LIBRARY_FILE = "library.sqlite"


def default_library_path() -> Path:
    from platformdirs import user_data_path  # imported when asked: not on every start's path

    return user_data_path(APP_NAME, appauthor=False) / LIBRARY_FILE


def library_path(option: str | None) -> Path:
    """The library chosen by the --library option, else RCDESK_LIBRARY, else the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(LIBRARY_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return default_library_path()


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def prepare_library_folder(path: Path) -> None:
    """Make the default data folder (0700) when a library is first written there.

    Only rcdesk's own folder is ever created: a folder named by --library or
    RCDESK_LIBRARY that does not exist is refused (a typo must not make folders).
    """
    if path.parent.exists() or path != default_library_path():
        return
    from rcdesk.errorlog import private_folder

    private_folder(path.parent)
