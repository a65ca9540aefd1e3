# Generated from specs/pixlab/openapi.yaml by `make generate` (datamodel-code-generator). Do not edit.

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DeleteResponse(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    status: int = Field(
        ..., description="Status code 200 indicates success, any other code indicates failure."
    )
    id: str | None = Field(None, description="Unique media ID.")
    deleted: bool | None = Field(None, description="Result of the delete operation.")
    error: str | None = Field(None, description="Error message if status != 200.")


class OilpaintResponse(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    status: int = Field(
        ..., description="Status code 200 indicates success, any other code indicates failure."
    )
    link: str | None = Field(None, description="Link to the processed media.")
    id: str | None = Field(None, description="Unique media ID.")
    error: str | None = Field(None, description="Error message if status != 200.")
