"""Request models: the single definition behind validation and the OpenAPI document.

The limits come from Settings, so the models are built per app; the OpenAPI
document is generated from the same classes and cannot drift from them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr, create_model, field_validator

from .config import Settings
from .table import TYPE_PATTERN


# What str.strip() removes, as a JSON Schema pattern: the document says "not blank" in
# exactly the terms the validator below uses, whatever regex engine reads it.
_SPACE = "".join(f"\\u{ord(c):04x}" for c in map(chr, range(0x3001)) if c.isspace())
NOT_BLANK = f"[^{_SPACE}]"


def _integral(value):
    """JSON Schema counts 5.0 as an integer; so do we (but not "5" or true)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _iso_date(value):
    """Only a YYYY-MM-DD string is a date here (pydantic alone would take a timestamp)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("as_of must be a date written YYYY-MM-DD")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ResolveBase(_Strict):
    @field_validator("name", check_fields=False)
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name must contain something other than whitespace")
        return value


@dataclass(frozen=True)
class RequestModels:
    resolve: type[BaseModel]
    batch: type[BaseModel]


def build_models(settings: Settings) -> RequestModels:
    """Request models whose limits are this app's settings."""
    resolve = create_model(
        "ResolveRequest",
        __base__=_ResolveBase,
        name=(Annotated[StrictStr, Field(min_length=1, max_length=settings.max_name_length,
                                         description="The name to resolve, in any script.",
                                         examples=["al-Joulani"], json_schema_extra={"pattern": NOT_BLANK})], ...),
        type=(Optional[Annotated[StrictStr, Field(pattern=TYPE_PATTERN.pattern,
                                                  description="Only consider entities of this type.",
                                                  examples=["person"])]], None),
        as_of=(Optional[Annotated[dt.date, BeforeValidator(_iso_date)]], Field(None, description="Also report the entity's name on this day "
                                                         "(ISO date).", examples=["2015-06-01"])),
        limit=(Annotated[StrictInt, Field(ge=1, le=settings.max_limit, description="How many candidates to return."),
                         BeforeValidator(_integral)], 5),
    )
    batch = create_model(
        "BatchRequest",
        __base__=_Strict,
        queries=(Annotated[list[resolve], Field(min_length=1, max_length=settings.max_batch,
                                                description="Resolve requests, answered in order.")], ...),
    )
    return RequestModels(resolve=resolve, batch=batch)
