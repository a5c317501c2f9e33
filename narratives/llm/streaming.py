"""Stream a chat answer as text chunks and turn transport failures into ModelUnavailable messages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import httpx
import openai
from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI

from narratives.llm.errors import ModelAnswerEmpty, ModelUnavailable


def endpoint_of(chat: ChatOpenAI) -> str:
    return chat.openai_api_base or "https://api.openai.com/v1"


def explain_failure(exc: Exception, chat: ChatOpenAI) -> ModelUnavailable:
    """A message a person can act on; never includes the API key."""
    where, retries = endpoint_of(chat), chat.max_retries
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return ModelUnavailable(
            f"The model at {where} did not answer in time (tried {retries + 1} times). "
            "Try again, or pick a smaller model in Settings."
        )
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return ModelUnavailable(
            f"Cannot reach the model at {where}. Check that the server is running (BYLINE_LLM_BASE_URL) and try again."
        )
    if isinstance(exc, openai.RateLimitError):
        return ModelUnavailable(
            f"The model at {where} is rate-limiting requests (HTTP 429), still after "
            f"{retries + 1} tries. Wait a minute and try again."
        )
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelUnavailable(
            f"The model at {where} refused the API key (HTTP {exc.status_code}). Check OPENAI_API_KEY."
        )
    if isinstance(exc, openai.APIStatusError):
        kind = "failed" if exc.status_code >= 500 else "refused the request"
        return ModelUnavailable(
            f"The model server at {where} {kind} (HTTP {exc.status_code}) after "
            f"{retries + 1} tries: {str(exc.message)[:200]}"
        )
    return ModelUnavailable(f"The model at {where} failed: {exc}")


RETRY = "retry"


class TextStream:
    """Iterate to get text chunks as they arrive; afterwards `text`, `finish_reason` and `truncated` are set.
    `stop_when(text so far)` may end the answer early by returning a reason (it becomes the finish reason); the
    reason RETRY starts the answer once more with the chat model `retry()` gives (e.g. another seed), and `text`
    is then the second answer.

    Raises ModelUnavailable on transport failures and ModelAnswerEmpty when the model said nothing.
    """

    def __init__(
        self,
        chat: ChatOpenAI,
        messages: Sequence[BaseMessage],
        stop_when: Callable[[str], str | None] | None = None,
        retry: Callable[[], ChatOpenAI] | None = None,
    ) -> None:
        self._chat = chat
        self._messages = list(messages)
        self._stop_when = stop_when
        self._retry = retry
        self.parts: list[str] = []
        self.finish_reason: str | None = None

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def truncated(self) -> bool:
        """The model was cut off: at its token limit, or by `stop_when` (the text may end mid-sentence)."""
        return self.finish_reason not in (None, "stop")

    def __iter__(self) -> Iterator[str]:
        yield from self._answer()
        if self.finish_reason == RETRY and self._retry is not None:
            self._chat, self._retry = self._retry(), None
            self.parts, self.finish_reason = [], None
            yield "\n\n"
            yield from self._answer()

    def _answer(self) -> Iterator[str]:
        try:
            for chunk in self._chat.stream(self._messages):
                reason = chunk.response_metadata.get("finish_reason")
                self.finish_reason = reason or self.finish_reason
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if piece:
                    self.parts.append(piece)
                    yield piece
                    if self._stop_when is not None and (why := self._stop_when(self.text)):
                        self.finish_reason = why  # leaving the loop closes the request: the server stops too
                        break
        except (openai.APIError, httpx.HTTPError) as exc:
            raise explain_failure(exc, self._chat) from exc
        if not self.text.strip():
            raise ModelAnswerEmpty(f"The model at {endpoint_of(self._chat)} returned an empty answer. Try again.")


def complete(
    chat: ChatOpenAI, messages: Sequence[BaseMessage], stop_when: Callable[[str], str | None] | None = None
) -> TextStream:
    """Run a chat call to the end (no display) and return the finished stream."""
    stream = TextStream(chat, messages, stop_when)
    for _ in stream:
        pass
    return stream
