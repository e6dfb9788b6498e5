"""Settings read the environment, keep a generated secret key, and production refuses insecurity.

Each case imports the settings in a fresh interpreter with a crafted environment, as a server
process would, so nothing leaks in from the environment the tests run in.
"""

import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from kabar.settings.base import persistent_secret_key

BASE_DIR = Path(settings.BASE_DIR)
GOOD_KEY = "k7Qw2-Zr9xLm4Tq8Vb1Nc6Hy3Ju5Pd0Fs_Ga7We2Rt9Yk4Ui8Op1As6Df3Gh5Jk0Lz"
SECURE_ENV = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "kabarharapan.id,www.kabarharapan.id",
    "SITE_URL": "https://kabarharapan.id",
}


def settings_import(module: str, env: dict[str, str], data_dir: Path, show: str = "None"):
    """Import a settings module in a new interpreter; the result of `show` comes back as JSON."""
    code = (
        "import importlib, json\n"
        f"s = importlib.import_module({module!r})\n"
        f"print(json.dumps({show}, default=str))\n"
    )
    clean_env = {"PATH": "/usr/bin:/bin", "KABAR_DATA_DIR": str(data_dir), **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_refusal(env: dict[str, str], data_dir: Path) -> str:
    done = settings_import("kabar.settings.production", env, data_dir)
    assert done.returncode != 0, "production settings accepted an insecure environment"
    assert "ImproperlyConfigured" in done.stderr
    return done.stderr


def test_production_accepts_a_secure_environment(tmp_path):
    done = settings_import(
        "kabar.settings.production", SECURE_ENV, tmp_path, "[s.DEBUG, s.SESSION_COOKIE_SECURE]"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [False, True]


def test_production_refuses_a_missing_secret_key(tmp_path):
    env = {k: v for k, v in SECURE_ENV.items() if k != "SECRET_KEY"}
    assert "SECRET_KEY" in production_refusal(env, tmp_path)


def test_production_refuses_a_short_secret_key(tmp_path):
    assert "SECRET_KEY" in production_refusal(
        {**SECURE_ENV, "SECRET_KEY": "kurang-panjang"}, tmp_path
    )


def test_production_refuses_missing_allowed_hosts(tmp_path):
    env = {k: v for k, v in SECURE_ENV.items() if k != "ALLOWED_HOSTS"}
    assert "ALLOWED_HOSTS" in production_refusal(env, tmp_path)


def test_production_refuses_debug(tmp_path):
    assert "DEBUG" in production_refusal({**SECURE_ENV, "DJANGO_DEBUG": "1"}, tmp_path)


def test_production_refuses_a_plain_http_site_url(tmp_path):
    env = {**SECURE_ENV, "SITE_URL": "http://kabarharapan.id"}
    assert "SITE_URL" in production_refusal(env, tmp_path)


def test_embedded_secret_key_is_generated_once_and_reused(tmp_path):
    first = settings_import("kabar.settings.base", {}, tmp_path, "s.SECRET_KEY")
    second = settings_import("kabar.settings.base", {}, tmp_path, "s.SECRET_KEY")
    assert first.returncode == 0, first.stderr
    key = json.loads(first.stdout)
    assert len(key) >= 50
    assert json.loads(second.stdout) == key
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == key
    # Only the owner may read it.
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_each_data_directory_gets_its_own_secret_key(tmp_path):
    one = persistent_secret_key(tmp_path / "satu" / "secret_key")
    two = persistent_secret_key(tmp_path / "dua" / "secret_key")
    assert one != two
    assert persistent_secret_key(tmp_path / "satu" / "secret_key") == one


def test_secret_key_from_the_environment_wins_and_writes_no_file(tmp_path):
    done = settings_import(
        "kabar.settings.base", {"SECRET_KEY": GOOD_KEY}, tmp_path, "s.SECRET_KEY"
    )
    assert json.loads(done.stdout) == GOOD_KEY
    assert not (tmp_path / "secret_key").exists()


def test_embedded_default_uses_sqlite_local_media_and_local_cache(tmp_path):
    show = (
        "[s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME']), "
        "s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'], str(s.MEDIA_ROOT), "
        "s.SERVE_MEDIA, s.DEBUG]"
    )
    done = settings_import("kabar.settings.base", {}, tmp_path, show)
    assert json.loads(done.stdout) == [
        "django.db.backends.sqlite3",
        str(tmp_path / "db.sqlite3"),
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.files.storage.FileSystemStorage",
        str(tmp_path / "media"),
        True,
        False,
    ]


def test_outside_services_switch_on_from_the_environment(tmp_path):
    env = {
        "DATABASE_URL": "postgres://kabar:rahasia@db.internal:5432/kabar",
        "REDIS_URL": "redis://cache.internal:6379/1",
        "AWS_STORAGE_BUCKET_NAME": "kabar-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.test",
        "MEDIA_ROOT": str(tmp_path / "unggahan"),
        "EMAIL_HOST": "smtp.example.test",
    }
    show = (
        "[s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CACHES['default']['LOCATION'], s.STORAGES['default']['BACKEND'], "
        "s.STORAGES['default']['OPTIONS']['bucket_name'], "
        "s.STORAGES['default']['OPTIONS']['endpoint_url'], s.SERVE_MEDIA, str(s.MEDIA_ROOT), "
        "s.EMAIL_BACKEND]"
    )
    done = settings_import("kabar.settings.base", env, tmp_path, show)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        "django.db.backends.postgresql",
        "db.internal",
        "redis://cache.internal:6379/1",
        "storages.backends.s3.S3Storage",
        "kabar-media",
        "https://s3.example.test",
        False,
        str(tmp_path / "unggahan"),
        "django.core.mail.backends.smtp.EmailBackend",
    ]


@pytest.mark.parametrize(
    ("pooler", "expected"), [("transaction", [True, None]), ("", [False, "unset"])]
)
def test_a_transaction_pooler_turns_off_server_side_cursors_and_prepared_statements(
    tmp_path, pooler, expected
):
    env = {"DATABASE_URL": "postgres://kabar@127.0.0.1:6432/kabar", "DATABASE_POOLER": pooler}
    show = (
        "[s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False), "
        "s.DATABASES['default'].get('OPTIONS', {}).get('prepare_threshold', 'unset')]"
    )
    done = settings_import("kabar.settings.base", env, tmp_path, show)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected


def test_a_sqlite_database_url_keeps_the_concurrency_options(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/lain.sqlite3", "CACHE_TABLE": "kabar_cache"}
    show = "[s.DATABASES['default']['OPTIONS']['init_command'], s.CACHES['default']['BACKEND']]"
    done = settings_import("kabar.settings.base", env, tmp_path, show)
    init_command, cache = json.loads(done.stdout)
    assert "journal_mode=WAL" in init_command and "busy_timeout" in init_command
    assert cache == "django.core.cache.backends.db.DatabaseCache"


ENV_READ = re.compile(
    r"""(?:environ\.get|environ\[|env_bool|env_list|getenv)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


@pytest.mark.parametrize(
    "source",
    sorted(str(p.relative_to(BASE_DIR)) for p in (BASE_DIR / "kabar" / "settings").glob("*.py"))
    + ["kabar/ops/gunicorn.conf.py", "kabar/ops/management/commands/serve.py"],
)
def test_env_example_documents_every_variable_read(source):
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )
    read = set(ENV_READ.findall((BASE_DIR / source).read_text()))
    assert read - documented == set(), f"{source} reads variables .env.example does not list"


def test_frontend_cache_is_configured_from_the_environment(tmp_path):
    env = {
        "FRONTEND_CACHE": "cloudflare",
        "CLOUDFLARE_BEARER_TOKEN": "t",
        "CLOUDFLARE_ZONE_ID": "z",
    }
    done = settings_import("kabar.settings.base", env, tmp_path, "s.WAGTAILFRONTENDCACHE")
    backend = json.loads(done.stdout)["cloudflare"]
    assert backend["BACKEND"].endswith("CloudflareBackend")
    assert (backend["BEARER_TOKEN"], backend["ZONEID"]) == ("t", "z")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FRONTEND_CACHE": "akamai"}, "use one of http, cloudflare, cloudfront"),
        ({"FRONTEND_CACHE": "http"}, "needs 'FRONTEND_CACHE_LOCATION'"),
    ],
)
def test_a_wrong_frontend_cache_is_refused_with_a_clear_message(tmp_path, env, message):
    done = settings_import("kabar.settings.base", env, tmp_path)
    assert done.returncode != 0
    assert message in done.stderr


def test_without_redis_the_page_cache_is_shared_through_files(tmp_path):
    show = "[s.CACHES['pages']['BACKEND'], str(s.CACHES['pages']['LOCATION'])]"
    backend, location = json.loads(
        settings_import("kabar.settings.base", {}, tmp_path, show).stdout
    )
    assert backend.endswith("PageFileCache")
    assert location.startswith(str(tmp_path))
    with_redis = settings_import(
        "kabar.settings.base", {"REDIS_URL": "redis://127.0.0.1:6379/0"}, tmp_path, show
    )
    assert json.loads(with_redis.stdout)[0].endswith("RedisCache")


def test_production_hsts_reach_is_the_operators_choice(tmp_path):
    show = "[s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SILENCED_SYSTEM_CHECKS]"
    default = settings_import("kabar.settings.production", SECURE_ENV, tmp_path, show)
    assert json.loads(default.stdout) == [False, False, ["security.W005", "security.W021"]]
    env = {**SECURE_ENV, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1"}
    chosen = settings_import("kabar.settings.production", env, tmp_path, show)
    # Switched on, nothing about HSTS is silenced any more.
    assert json.loads(chosen.stdout) == [True, True, []]


@pytest.mark.django_db
def test_each_sqlite_connection_keeps_a_small_page_cache():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("an SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -settings.SQLITE_CACHE_KIB == -256
