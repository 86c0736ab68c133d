"""Every test runs against the same patched Rasa as the servers (bot/patches.py, installed by bot/cli.py there)."""
from bot import patches

patches.install()
