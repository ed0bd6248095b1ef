"""Flask glue shared by the blueprints: rendering, locale, access, errors."""
