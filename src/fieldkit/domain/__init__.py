"""The mission's records and their rules, free of any UI, storage or document library."""
