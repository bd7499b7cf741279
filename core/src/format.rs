//! Locale-aware formatting of numbers, money, percentages, ordinals and dates.
