"""Rasa's HTTP API is off unless enabled with a token (off: the shared bot; on: the hardening server, with a token);
CORS allows the configured origins only, exactly (the hardening server's RASA_CORS)."""
import os
import subprocess

import pytest
import requests

from tests.hardening.conftest import ALLOWED_ORIGIN, API_TOKEN, LOG_DIR, ROOT

API_PORT = 65006  # serve.sh refuses these configurations before it starts anything


def _serve(env, timeout=60):
    return subprocess.run([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "RASA_PORT": str(API_PORT), "ACTION_PORT": "65057",
                                               "LOG_DIR": str(LOG_DIR / "refused"), "DEMO_PORT": "0", **env})


@pytest.mark.parametrize("env", [{"RASA_ENABLE_API": "1"}, {"RASA_ENABLE_API": "1", "RASA_AUTH_TOKEN": ""},
                                 {"RASA_ENABLE_API": "yes"}])
def test_serve_refuses_the_api_without_a_token_or_jwt_secret(env):
    result = _serve({"RASA_AUTH_TOKEN": "", "RASA_JWT_SECRET": "", **env})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "RASA_ENABLE_API" in result.stderr


@pytest.mark.parametrize("cors", ["*", "https://www.example.org/", "https://*.example.org", "example.org",
                                  "https://www.example.org,.*"])
def test_serve_refuses_cors_origins_that_are_not_exact(cors):
    result = _serve({"RASA_CORS": cors})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "RASA_CORS" in result.stderr


@pytest.mark.parametrize("method, path", [("GET", "/status"), ("GET", "/version"), ("GET", "/domain"),
                                          ("GET", "/conversations/someone/tracker"), ("PUT", "/model"),
                                          ("POST", "/model/parse"), ("DELETE", "/model"),
                                          ("POST", "/conversations/someone/messages")])
def test_the_api_is_off_by_default(bot, method, path):
    response = requests.request(method, f"{bot.url}{path}", json={"text": "hej"}, timeout=10)
    assert response.status_code in (404, 405), (path, response.status_code, response.text[:200])


def test_cors_allows_the_configured_origin_exactly(bot_with_action_server):
    bot = bot_with_action_server
    allowed = requests.options(f"{bot.url}/webhooks/rest/webhook", timeout=10, headers={
        "Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"})
    assert allowed.headers.get("Access-Control-Allow-Origin") == ALLOWED_ORIGIN
    for origin in ("https://evil.example.com", ALLOWED_ORIGIN + ".evil.com", ALLOWED_ORIGIN.replace("www.", ""),
                   "http://www.example.org", "null"):
        for method in ("OPTIONS", "POST"):
            response = requests.request(method, f"{bot.url}/webhooks/rest/webhook", timeout=30,
                                        json={"sender": "cors", "message": "hej"},
                                        headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
            assert "Access-Control-Allow-Origin" not in response.headers, (origin, method, response.headers)


def test_the_enabled_api_needs_the_token(bot_with_action_server):
    api_bot = bot_with_action_server
    for method, path in [("GET", "/status"), ("GET", "/conversations/someone/tracker"), ("PUT", "/model"),
                         ("POST", "/model/parse"), ("DELETE", "/model")]:
        response = requests.request(method, f"{api_bot.url}{path}", json={"text": "hej"}, timeout=10)
        assert response.status_code == 401, (path, response.status_code)
        wrong = requests.request(method, f"{api_bot.url}{path}", params={"token": "wrong"}, json={"text": "hej"},
                                 timeout=10)
        assert wrong.status_code == 401, (path, wrong.status_code)
    assert requests.get(f"{api_bot.url}/status", params={"token": API_TOKEN}, timeout=10).status_code == 200
    # The chat channel itself needs no token.
    assert requests.post(f"{api_bot.url}/webhooks/rest/webhook", json={"sender": "api", "message": "hej"},
                         timeout=60).status_code == 200
