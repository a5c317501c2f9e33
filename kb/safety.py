"""Flags passages that read like instructions to a model (prompt injection), so drafting quotes them as data only
and suggestions leave them out. A heuristic, measured in tests/security/test_prompt_boundary.py on injection payloads
and on ordinary business text; the prompt boundary (escaped fields, quoted passages) does not depend on it."""

from __future__ import annotations

import re
import unicodedata

_TARGETS = (
    r"instructions?|prompts?|rules|directions|guidelines|context|messages?|constraints|polic(?:y|ies)|guardrails"
    r"|programming|directives?|orders|system"
)
_PATTERNS = [
    # "ignore all previous instructions", "disregard the above", "forget your rules"
    rf"\b(?:ignore|disregard|forget|override|overrule|skip|bypass|abandon|drop)\b.{{0,40}}"
    rf"\b(?:previous|prior|above|earlier|all|any|your|the|these|those|preceding|foregoing|original|initial)\b.{{0,30}}"
    rf"\b(?:{_TARGETS})\b",
    r"\bignor\w*\b.{0,40}\b(?:instruc\w*|anweisung\w*|istruzion\w*|indicaciones|consignes)\b",
    r"\b(?:vorherigen|précédentes|anteriores|precedenti)\b.{0,20}\b(?:anweisung\w*|instructions|instrucciones|istruzioni)",
    r"\byou are now\b.{0,40}"
    r"\b(?:assistant|ai|model|bot|chatbot|gpt|llm|persona|character|dan|jailbroken|unrestricted)\b",
    r"\b(?:system|developer)\s+(?:prompt|message|instructions?|override)\b",
    r"(?:^|\n)\s*(?:system|developer|assistant)\s*:",
    r"<\|?\s*(?:im_start|im_end|system|endoftext)\s*\|?>|\[/?inst\]|<</?sys>>|###\s*(?:instruction|system)",
    r"\b(?:new|updated|revised|real|actual|true|hidden|secret)\s+(?:instructions?|task|prompt|directive)s?"
    r"\s*(?::|\bare\b|\bis\b)",
    r"\bdo not (?:tell|inform|reveal|mention|disclose|let)\b.{0,40}\b(?:user|anyone|reader|leader|human|them)\b",
    r"\b(?:reveal|print|output|leak|show|repeat|disclose|dump)\b.{0,30}"
    r"\b(?:system prompt|your prompt|your instructions|api[ _-]?keys?|passwords?|secrets?|credentials|tokens?)\b",
    r"\bact as (?:an?|the|if|though)\b",
    r"\b(?:pretend|role-?play)\b.{0,20}\b(?:to be|as|that you)\b",
    r"\bfrom now on\b.{0,10}\b(?:you|always|never|respond|answer|reply|only|write|ignore)\b",
    r"\b(?:respond|reply|answer|output|say|write)\s+(?:only|just|exclusively|nothing but)\b"
    r".{0,15}\b(?:with|the word|the phrase|in|yes|no)\b",
    r"\b(?:as an ai|as a language model|dear (?:ai|assistant|model|chatbot|llm)"
    r"|attention,? (?:ai|assistant|model|llm))\b",
    r"\b(?:jailbreak\w*|dan mode|developer mode (?:enabled|on))\b",
    r"\bend of (?:the )?(?:document|passage|context|input|data)\b.{0,30}\b(?:instructions?|task|system|now)\b",
    r"\b(?:ai|assistant|model|llm|chatgpt|gpt|chatbot)s?\b,?\s+(?:must|should|shall|will|need to)\s+(?:now\s+)?"
    r"(?:ignore|write|say|output|respond|include|add|insert|praise|recommend|mention)\b",
    r"\b(?:include|insert|append|embed)\s+(?:this|the following)\s+(?:link|url|hyperlink|image|hashtag)\b",
    # text addressed to whatever model reads it: "Note to the writing model:", "Summarizers: ..."
    r"\b(?:note|message|memo|reminder|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+|every\s+)?(?:\w+\s+){0,2}"
    r"(?:models?|llms?|ai|assistants?|agents?|bots?|chatbots?|gpts?)\b",
    r"\b(?:whoever|anyone|anything|any (?:ai|model|agent|system|tool))\b.{0,20}"
    r"\b(?:generat\w*|writ\w*|read\w*|summari[sz]\w*|process\w*)\b.{0,60}\b(?:should|must|shall|needs? to)\b",
    r"\b(?:summari[sz]ers?|ai agents?|agents|language models?|llms?|models|assistants|chatbots|bots|crawlers)\b"
    r"(?:\s*:|.{0,30}\b(?:must|should|shall|need to|are to)\s+(?:now\s+)?"
    r"(?:add|include|insert|write|say|mention|replace|append|use|end|promote|praise|claim|output)\b)",
    r"\b(?:instead of|stop following|stop doing|abandon|set aside)\s+(?:your|the|this)\s+"
    r"(?:task|brief|instructions?|job|assignment|prompt)\b",
    r"\b(?:begin|start|end)\s+(?:override|system|admin|instructions?|prompt)\b|\bsystem override\b",
    r"\byour\s+(?:real|actual|true|new|only)\s+(?:job|task|goal|purpose|mission|role|instructions?)\b",
    r"\b(?:ignore|disregard|forget)\s+(?:the\s+)?(?:user|brief|task)\b",
    r"\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\b.{0,20}\b(?:above|before|earlier|previous|prior)\b",
]
_INSTRUCTION_LIKE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.DOTALL)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def normalised(text: str) -> str:
    """Fullwidth and styled letters folded (NFKC), invisible characters dropped, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_INVISIBLE).split())


def looks_like_instructions(text: str) -> bool:
    """True when the text addresses a model with commands (prompt injection)."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return bool(_INSTRUCTION_LIKE.search(folded) or _INSTRUCTION_LIKE.search(normalised(text)))
