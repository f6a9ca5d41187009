"""What every export returns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Format = Literal["csv", "jsonl", "parquet", "gdelt"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl", "parquet", "gdelt")


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote.

    Attributes:
        rows: rows written (events; clusters for ``gdelt``).
        files: the files written.
    """

    rows: int
    files: tuple[Path, ...]
