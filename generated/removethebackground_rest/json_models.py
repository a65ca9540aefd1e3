# Generated from specs/removethebackground_rest/openapi.yaml by `make generate` (datamodel-code-generator). Do not edit.

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AddImageRequest(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    contact_api_key: str = Field(..., alias="ContactAPIkey")
    contact_email: str = Field(
        ..., alias="ContactEmail", description="The customer's e-mail address."
    )
    image_callback_url: str | None = Field(
        None, alias="ImageCallbackURL", description="Webhook callback URL when image is processed."
    )
    image_requested_delivery_time_in_hours: str | None = Field(
        None,
        alias="ImageRequestedDeliveryTimeInHours",
        description="Overwrites template delivery time.",
    )
    image_url: str = Field(..., alias="ImageURL", description="The source URL of image.")
    image_url2: str | None = Field(
        None, alias="ImageURL2", description="The source URL of second image (combining images)."
    )
    developer_api_key: str | None = Field(
        None, alias="developerAPIkey", description="Can be the same as ContactAPIkey."
    )
    template_id: str | None = Field(
        None, alias="templateId", description="Use GetTemplates to find templateID."
    )
