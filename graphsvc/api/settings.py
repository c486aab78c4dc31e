"""Gap rule settings stored on regions, as GraphQL fields.

``regionGapSettings(region:)`` lists every gap rule parameter with the value in
force for the region (its stored setting, else the default); the mutation
``updateRegionGapSettings`` replaces what the region stores, checked like an
import. The gap engine reads the stored values itself, so every gap field, the
coordinator page and the maps use them.
"""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from graphsvc.api.types import Ctx
from graphsvc.errors import Forbidden
from graphsvc.gaps.engine import store_settings, stored_settings
from graphsvc.gaps.rules import default_parameters


@strawberry.type(description="One gap rule parameter as a region has it.")
class GapSetting:
    name: str
    value: JSON = strawberry.field(description="The value in force: stored, else the default.")
    default: JSON
    stored: bool = strawberry.field(description="Whether the region stores its own value.")


@strawberry.type(description="The gap rule settings of a region.")
class RegionGapSettings:
    region: strawberry.ID
    stored: JSON = strawberry.field(description="What the region stores, name -> value.")
    settings: list[GapSetting]

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


@strawberry.type
class SettingsQuery:
    @strawberry.field
    async def region_gap_settings(self, info: Ctx, region: strawberry.ID) -> RegionGapSettings:
        store = info.context.store
        stored = await store.guard.call(lambda: stored_settings(store.db, str(region)))
        return RegionGapSettings.of(str(region), stored)


@strawberry.type
class SettingsMutation:
    @strawberry.mutation
    async def update_region_gap_settings(
        self, info: Ctx, region: strawberry.ID, settings: JSON
    ) -> RegionGapSettings:
        """Replace a region's stored settings (an empty object removes them); names and
        values are checked as on import."""
        store = info.context.store
        if store.policy.cypher_filter("Client", "n") is not None:
            raise Forbidden("only an admin changes a region's gap settings")
        saved = await store.guard.call(lambda: store_settings(store.db, str(region), settings))
        return RegionGapSettings.of(str(region), saved)
