"""App fixtures: the demo mission opened in the app with a fixed "today"."""

from __future__ import annotations

from datetime import date

import pytest

from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp, make_app

TODAY = date(2017, 4, 12)


@pytest.fixture
def app(demo_store: Store) -> FieldkitApp:
    return make_app(demo_store, today=TODAY)
