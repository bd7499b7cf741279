//! Charts drawn with plotters to SVG strings, with their table twins and CSV.
