"""The public surface is ``eventwire.__all__``; everything in it exists."""

import eventwire


def test_all_names_exist() -> None:
    for name in eventwire.__all__:
        assert getattr(eventwire, name) is not None


def test_every_error_is_an_eventwire_error() -> None:
    for name in ("ConfigError", "DataFileError", "InputError", "ReadError", "StageError"):
        assert issubclass(getattr(eventwire, name), eventwire.EventwireError)
