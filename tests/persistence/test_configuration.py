"""Without servers: the profiles' variables, the endpoints files, the session override, the k8s manifests."""
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.domain import Domain, SessionConfig
from rasa.utils.endpoints import read_endpoint_config

from bot.tracker_store import VaxjoSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"


def profile_env(**env):
    """The variables scripts/profile-env.sh exports (plus ENDPOINTS), or its error."""
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("TRACKER_", "REDIS_", "SESSION_", "VAXJO_", "SANIC_", "ENDPOINTS"))}
    result = subprocess.run(["bash", "-c", "set -euo pipefail; source scripts/profile-env.sh; export ENDPOINTS; env -0"],
                            cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)
    if result.returncode:
        return result.returncode, result.stderr
    return 0, dict(item.split("=", 1) for item in result.stdout.split("\0") if "=" in item)


def test_default_profile_is_sqlite_in_var_data(tmp_path):
    code, env = profile_env()
    assert code == 0, env
    assert env["ENDPOINTS"] == "bot/endpoints.yml"
    assert env["TRACKER_SQLITE_PATH"] == str(ROOT / "var" / "data" / "conversations.db")
    assert env["SESSION_EXPIRY_MINUTES"] == ""
    assert env["TRACKER_MAX_EVENTS_REPLAYED"] == ""


def test_profiles_are_checked():
    assert profile_env(VAXJO_PROFILE="scale-out")[1]["ENDPOINTS"] == "bot/endpoints.scale-out.yml"
    assert profile_env(VAXJO_PROFILE="cluster")[0] == 2
    code, env = profile_env(SANIC_WORKERS="4")  # several workers share the SQLite lock store
    assert code == 0 and env["LOCK_STORE_TYPE"] == "bot.lock_store.SQLiteLockStore", env
    assert profile_env(SANIC_WORKERS="1")[1]["LOCK_STORE_TYPE"] == "in_memory"
    assert profile_env(SANIC_WORKERS="many")[0] == 2
    cores = os.cpu_count() or 1
    assert profile_env()[1]["SANIC_WORKERS"] == str(max(1, min(4, cores // 2)))
    assert profile_env(VAXJO_PROFILE="scale-out", SANIC_WORKERS="4")[0] == 0


@pytest.mark.parametrize("endpoints", ["bot/endpoints.yml", "bot/endpoints.scale-out.yml"])
def test_every_variable_of_the_endpoints_files_gets_a_default(endpoints, monkeypatch):
    code, env = profile_env(VAXJO_PROFILE="scale-out" if "scale-out" in endpoints else "default")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://localhost:5055/webhook")
    store = read_endpoint_config(str(ROOT / endpoints), "tracker_store")
    assert store.type == "bot.tracker_store.VaxjoSQLTrackerStore"
    assert store.kwargs["session_expiration_minutes"] == ""
    if "scale-out" in endpoints:
        assert (store.kwargs["dialect"], store.url, store.kwargs["port"]) == ("postgresql", "127.0.0.1", "5432")
        lock = read_endpoint_config(str(ROOT / endpoints), "lock_store")
        assert (lock.type, lock.url, lock.kwargs["key_prefix"]) == ("bot.lock_store.AtomicRedisLockStore", "127.0.0.1",
                                                                     "vaxjo")
        assert not read_endpoint_config(str(ROOT / endpoints), "action_endpoint").kwargs.get("actions_module")
    else:
        assert store.kwargs["dialect"] == "sqlite" and store.kwargs["db"] == env["TRACKER_SQLITE_PATH"]
        lock = read_endpoint_config(str(ROOT / endpoints), "lock_store")
        assert lock.type == env["LOCK_STORE_TYPE"] and lock.kwargs["db"] == env["LOCK_SQLITE_PATH"]
        # the actions run in the Rasa server's process unless an action server is asked for
        assert read_endpoint_config(str(ROOT / endpoints), "action_endpoint").kwargs["actions_module"] == "actions"
        assert (env["START_ACTION_SERVER"], profile_env(START_ACTION_SERVER="1")[1]["ACTIONS_MODULE"]) == ("0", "")
        # a site-specific endpoints file may name an action server: one is started, as before
        custom = profile_env(ENDPOINTS_FILE=endpoints, START_ACTION_SERVER="")[1]
        assert (custom["START_ACTION_SERVER"], custom["ACTIONS_MODULE"]) == ("1", "")


def test_session_expiry_overrides_the_domain_of_the_model(tmp_path):
    domain = Domain.from_dict({"session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": True}})
    store = VaxjoSQLTrackerStore(db=str(tmp_path / "new" / "folder" / "c.db"), session_expiration_minutes="15")
    assert (tmp_path / "new" / "folder").is_dir()
    store.domain = domain  # what the agent does when it loads the model
    assert domain.session_config == SessionConfig(15.0, True)
    untouched = Domain.from_dict({"session_config": {"session_expiration_time": 60}})
    VaxjoSQLTrackerStore(db=str(tmp_path / "c2.db"), session_expiration_minutes="").domain = untouched
    assert untouched.session_config.session_expiration_time == 60


def test_session_expiry_must_be_minutes(tmp_path):
    for wrong in ("soon", "-1"):
        with pytest.raises(ValueError):
            VaxjoSQLTrackerStore(db=str(tmp_path / "c.db"), session_expiration_minutes=wrong)


def _manifests():
    documents = [doc for path in sorted(K8S.glob("*.yaml"))
                 if path.name != "kustomization.yaml" for doc in yaml.safe_load_all(path.read_text()) if doc]
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in documents}


def test_kubernetes_layout():
    manifests = _manifests()
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
    rasa, actions = manifests[("Deployment", "vaxjo-rasa")], manifests[("Deployment", "vaxjo-actions")]
    assert rasa["spec"]["replicas"] >= 2 and actions["spec"]["replicas"] >= 2
    assert ("Service", "vaxjo-rasa") in manifests and ("Service", "vaxjo-actions") in manifests
    config = manifests[("ConfigMap", "vaxjo-assistant-config")]["data"]
    assert config["VAXJO_PROFILE"] == "scale-out" and config["ACTION_ENDPOINT_URL"].startswith("http://vaxjo-actions:")
    for deployment in (rasa, actions):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert container.get("readinessProbe") and container.get("livenessProbe"), container["name"]
            assert container["resources"]["requests"]["cpu"] and container["resources"]["requests"]["memory"]
    command = rasa["spec"]["template"]["spec"]["containers"][0]["command"]
    assert "--enable-api" not in command
    origins = command[command.index("--cors") + 1:]
    assert origins and all(origin.startswith("https://") and "vaxjo.se" in origin for origin in origins)
    assert "bot/endpoints.scale-out.yml" in command
    env = rasa["spec"]["template"]["spec"]["containers"][0]["env"]
    secrets = {item["name"]: item["valueFrom"]["secretKeyRef"] for item in env if "valueFrom" in item}
    assert set(secrets) == {"TRACKER_DB_PASSWORD", "REDIS_PASSWORD"}
    # Every variable of the scale-out endpoints file comes from the ConfigMap or a Secret.
    needed = {"TRACKER_DB_HOST", "TRACKER_DB_PORT", "TRACKER_DB_NAME", "TRACKER_DB_USER", "REDIS_HOST", "REDIS_PORT",
              "REDIS_DB", "REDIS_KEY_PREFIX", "SESSION_EXPIRY_MINUTES", "TRACKER_MAX_EVENTS_REPLAYED",
              "ACTION_ENDPOINT_URL"}
    assert needed <= set(config)


def test_no_secrets_in_files():
    assert not any(doc["kind"] == "Secret" for doc in _manifests().values())
    for path in K8S.iterdir():
        assert "PASSWORD:" not in path.read_text().replace("secretKeyRef", ""), path


def test_sqlite_connections_are_kept_open_and_other_processes_see_the_turns(tmp_path):
    """The SQLite store keeps a small pool of open connections (not one per session, ~2 ms a message) and still
    writes through WAL where another store on the same file (a second worker, `make report`) reads it at once."""
    import asyncio

    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    database = str(tmp_path / "c.db")
    store = VaxjoSQLTrackerStore(db=database)
    assert store.engine.pool.__class__.__name__ == "QueuePool"
    tracker = DialogueStateTracker.from_events("visitor", [UserUttered("hej", {"name": "greet", "confidence": 1.0})])
    loop = asyncio.new_event_loop()
    for _ in range(3):
        loop.run_until_complete(store.save(tracker))
        tracker.update(UserUttered("igen", {"name": "greet", "confidence": 1.0}))
    assert store.engine.pool.checkedin() <= 2, "the sessions' connections go back to the pool, they are not piling up"
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    other = VaxjoSQLTrackerStore(db=database)
    texts = [e.text for e in loop.run_until_complete(other.retrieve("visitor")).events if isinstance(e, UserUttered)]
    assert texts == ["hej", "igen", "igen"]
    loop.close()
