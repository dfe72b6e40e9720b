"""Rendering tables for people (aligned text) and pipelines (JSON, CSV)."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import pandas as pd

FORMATS = ("table", "json", "csv")


def add_format_option(parser, default: str = "table") -> None:
    """Add the shared ``--format table|json|csv`` option to a command parser."""
    parser.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default: {default})"
    )


def print_json(payload: Any, stream: TextIO | None = None) -> None:
    """Write ``payload`` as indented JSON with a trailing newline."""
    stream = stream or sys.stdout
    json.dump(payload, stream, indent=2, ensure_ascii=False, default=str)
    stream.write("\n")


def print_frame(frame: pd.DataFrame, fmt: str, stream: TextIO | None = None) -> None:
    """Write a DataFrame as an aligned text table, CSV or JSON records."""
    stream = stream or sys.stdout
    if fmt == "csv":
        frame.to_csv(stream, index=False)
    elif fmt == "json":
        print_json(json.loads(frame.to_json(orient="records", force_ascii=False)), stream)
    else:
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            stream.write(frame.to_string(index=False) + "\n")
