"""eventwire: news articles in, PLOVER/CAMEO event data out, every record traceable to its
sentence."""

from eventwire.errors import (
    ConfigError,
    DataFileError,
    EventwireError,
    InputError,
    ReadError,
    StageError,
)
from eventwire.model import Actor, DocError, Document, Event, Place, Sentence, When
from eventwire.settings import Settings

__all__ = [
    "Actor",
    "ConfigError",
    "DataFileError",
    "DocError",
    "Document",
    "Event",
    "EventwireError",
    "InputError",
    "Place",
    "ReadError",
    "Sentence",
    "Settings",
    "StageError",
    "When",
]
__version__ = "0.1.0"
