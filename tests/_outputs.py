"""An output folder as a person sees it: what ``report`` and ``compare`` wrote, without
bbtool's own hidden list of them (``app/outputs.MANIFEST``)."""

from __future__ import annotations

from pathlib import Path

from bbtool.app.outputs import MANIFEST


def outputs(folder: Path) -> list[Path]:
    """The files in ``folder``, sorted, the manifest left out."""
    return sorted(p for p in folder.iterdir() if p.name != MANIFEST)
