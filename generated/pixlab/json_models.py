# Generated from specs/pixlab/openapi.yaml by `make generate` (datamodel-code-generator). Do not edit.

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DeleteResponse(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    deleted: bool | None = Field(None, description="Result of the delete operation.")
    error: str | None = Field(None, description="Error message if status != 200.")
    id: str | None = Field(None, description="Unique media ID.")
    status: int = Field(
        ..., description="Status code 200 indicates success, any other code indicates failure."
    )


class OilpaintResponse(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    error: str | None = Field(None, description="Error message if status != 200.")
    id: str | None = Field(None, description="Unique media ID.")
    link: str | None = Field(None, description="Link to the processed media.")
    status: int = Field(
        ..., description="Status code 200 indicates success, any other code indicates failure."
    )
