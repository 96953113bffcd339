"""Reading the editable data files (TOML) that hold lexicons, gazetteer and taxonomy."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from dashboard.errors import DataFileError


def load_toml(path: Path | str) -> dict[str, Any]:
    """Parse a TOML data file; any problem becomes a DataFileError naming the file."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataFileError(f"{path}: data file not found") from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataFileError(f"{path}: not a valid TOML file ({error})") from None
