//! Choropleth classes (quantile breaks) and colour-blind-safe palettes.
