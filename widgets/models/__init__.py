"""Pure models: no plotting or widget imports in this subpackage."""
