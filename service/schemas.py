"""Request models: the single definition behind validation and the OpenAPI document.

The limits come from Settings, so the models are built per app; the OpenAPI
document is generated from the same classes and cannot drift from them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, create_model, field_validator

from .config import Settings
from .table import TYPE_PATTERN


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
                                         examples=["al-Joulani"])], ...),
        type=(Optional[Annotated[StrictStr, Field(pattern=TYPE_PATTERN.pattern,
                                                  description="Only consider entities of this type.",
                                                  examples=["person"])]], None),
        as_of=(Optional[dt.date], Field(None, description="Also report the entity's name on this day "
                                                         "(ISO date).", examples=["2015-06-01"])),
        limit=(Annotated[StrictInt, Field(ge=1, le=settings.max_limit,
                                          description="How many candidates to return.")], 5),
    )
    batch = create_model(
        "BatchRequest",
        __base__=_Strict,
        queries=(Annotated[list[resolve], Field(min_length=1, max_length=settings.max_batch,
                                                description="Resolve requests, answered in order.")], ...),
    )
    return RequestModels(resolve=resolve, batch=batch)
