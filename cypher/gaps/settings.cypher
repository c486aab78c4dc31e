// Gap rule settings stored on regions (docs/model.md, "Settings"): read by the
// GraphQL settings fields, replaced by the updateRegionSettings mutation.

// name: region-settings
// One region's stored gap settings (JSON text, or null); no row when there is no
// such region.
// params: region
MATCH (r:Region {id: $region})
RETURN r.id AS region, r.settings AS settings

// name: set-region-settings
// Replaces a region's stored gap settings (JSON text; null removes them).
// params: region, settings
MATCH (r:Region {id: $region})
SET r.settings = $settings
RETURN r.id AS region, r.settings AS settings
