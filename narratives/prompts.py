"""Prompt templates stored as YAML files in prompts/: strictly validated, rendered to LangChain messages.

A template file has `name`, `description`, `input_variables` and `messages` (a list of {role, content}). Contents use
Python format fields (`{topic}`); a literal brace is written `{{`. Every field must be declared and every declared
variable used; rendering needs exactly the declared variables.

Every value is untrusted data (titles, locators, past posts, passages, briefs): rendering escapes `<` and `>` in it,
so no value can open or close a tag such as `<passage>`. Blocks that Byline builds with its own tags are passed as a
`PromptBlock`, whose builder escaped each untrusted piece itself with `escape_untrusted`.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.errors import BylineError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_MESSAGE_TYPES = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}


class PromptBlock(str):
    """Prompt text built by Byline code: its tags are Byline's own, every untrusted piece inside already escaped."""


def escape_untrusted(text: object) -> str:
    """Text from users, documents or models, made unable to open or close a tag in a prompt."""
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


class PromptError(BylineError):
    """A template file is invalid, or it was rendered with missing or unknown variables."""


class PromptMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "user", "assistant"]
    content: str = Field(min_length=1)


def fields_in(text: str) -> set[str]:
    """The format fields a content string uses; PromptError on a malformed brace."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise PromptError(f"Bad braces in template text ({exc}); write a literal brace as {{{{ or }}}}.") from exc


class PromptTemplate(BaseModel):
    """One template file, validated: declared variables are exactly the ones the messages use."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = Field(min_length=1)
    input_variables: list[str]
    messages: list[PromptMessage] = Field(min_length=1)

    @model_validator(mode="after")
    def _variables_match(self) -> PromptTemplate:
        used: set[str] = set()
        for message in self.messages:
            used |= fields_in(message.content)
        if bad := sorted(name for name in used if not name.isidentifier()):
            raise ValueError(f"fields must be plain names, not {bad}")
        declared = set(self.input_variables)
        if undeclared := sorted(used - declared):
            raise ValueError(f"messages use undeclared variables: {', '.join(undeclared)}")
        if unused := sorted(declared - used):
            raise ValueError(f"input_variables not used by any message: {', '.join(unused)}")
        return self

    def render(self, **values: object) -> list[BaseMessage]:
        """The messages with values filled in. Missing or unknown variables are PromptErrors."""
        declared = set(self.input_variables)
        if missing := sorted(declared - values.keys()):
            raise PromptError(f"Template {self.name} is missing variables: {', '.join(missing)}")
        if unknown := sorted(values.keys() - declared):
            raise PromptError(f"Template {self.name} got unknown variables: {', '.join(unknown)}")
        texts = {
            key: value if isinstance(value, PromptBlock) else escape_untrusted(value) for key, value in values.items()
        }
        return [_MESSAGE_TYPES[m.role](content=m.content.format(**texts)) for m in self.messages]


def load_template(path: Path) -> PromptTemplate:
    """Parse and validate one template file; PromptError says which file and what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        template = PromptTemplate.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise PromptError(f"Cannot read prompt template {path.name}: {exc}") from exc
    except ValidationError as exc:
        raise PromptError(f"Prompt template {path.name} is invalid: {exc}") from exc
    except PromptError as exc:
        raise PromptError(f"Prompt template {path.name}: {exc}") from exc
    if template.name != path.stem:
        raise PromptError(f"Prompt template {path.name} declares name {template.name!r}; it must match the file.")
    return template


def load_all(directory: Path = PROMPTS_DIR) -> dict[str, PromptTemplate]:
    return {path.stem: load_template(path) for path in sorted(directory.glob("*.yaml"))}


@lru_cache(maxsize=64)
def _cached(path: Path, mtime_ns: int) -> PromptTemplate:
    return load_template(path)


def get_template(name: str, directory: Path = PROMPTS_DIR) -> PromptTemplate:
    """A template by name, re-read when its file changes (editing a template needs no restart)."""
    path = directory / f"{name}.yaml"
    if not path.is_file():
        raise PromptError(f"No prompt template {name!r} in {directory}.")
    return _cached(path, path.stat().st_mtime_ns)
