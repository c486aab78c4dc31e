"""Gap rule settings stored on regions, as GraphQL fields.

``regionGapSettings(region:)`` lists every gap rule parameter with the value in
force for the region (its stored setting, else the default); the mutation
``updateRegionGapSettings`` replaces what the region stores, checked like an
import. The gap engine reads the stored values itself, so every gap field, the
coordinator page and the maps use them.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from graphsvc.api.docs import argument, documented
from graphsvc.api.types import Ctx
from graphsvc.errors import Forbidden
from graphsvc.gaps.engine import store_settings, stored_settings
from graphsvc.gaps.rules import default_parameters


@strawberry.type(description="One gap rule parameter as a region has it.")
class GapSetting:
    name: str = strawberry.field(description="The parameter's name (README, Coordination gaps).")
    value: JSON = strawberry.field(description="The value in force: stored, else the default.")
    default: JSON = strawberry.field(description="The value when the region stores none.")
    stored: bool = strawberry.field(description="Whether the region stores its own value.")


@strawberry.type(description="The gap rule settings of a region.")
class RegionGapSettings:
    region: strawberry.ID = strawberry.field(description="The region.")
    stored: JSON = strawberry.field(description="What the region stores, name -> value.")
    settings: list[GapSetting] = strawberry.field(
        description="Every gap rule parameter with the value in force, by name."
    )

    @classmethod
    def of(cls, region: str, stored: dict[str, Any]) -> RegionGapSettings:
        defaults = default_parameters()
        return cls(
            region=strawberry.ID(region),
            stored=cast(JSON, stored),
            settings=[
                GapSetting(
                    name=name,
                    value=cast(JSON, stored.get(name, default)),
                    default=cast(JSON, default),
                    stored=name in stored,
                )
                for name, default in sorted(defaults.items())
            ],
        )


REGION = argument("The region whose settings these are.")


@strawberry.type(description="A region's gap rule settings.")
class SettingsQuery:
    @documented(
        "Every gap rule parameter with the value in force for a region: its stored "
        "setting, else the default."
    )
    async def region_gap_settings(
        self, info: Ctx, region: Annotated[strawberry.ID, REGION]
    ) -> RegionGapSettings:
        store = info.context.store
        stored = await store.guard.call(lambda: stored_settings(store.db, str(region)))
        return RegionGapSettings.of(str(region), stored)


@strawberry.type(description="Changing a region's gap rule settings.")
class SettingsMutation:
    @documented(
        "Replaces a region's stored settings (an empty object removes them); names and "
        "values are checked as on import. Admins only.",
        mutation=True,
    )
    async def update_region_gap_settings(
        self,
        info: Ctx,
        region: Annotated[strawberry.ID, REGION],
        settings: Annotated[
            JSON, argument("The settings to store: an object of parameter names and values.")
        ],
    ) -> RegionGapSettings:
        store = info.context.store
        if store.policy.cypher_filter("Client", "n") is not None:
            raise Forbidden("only an admin changes a region's gap settings")
        saved = await store.guard.call(lambda: store_settings(store.db, str(region), settings))
        return RegionGapSettings.of(str(region), saved)
