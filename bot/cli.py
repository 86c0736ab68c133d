"""`rasa` with this project's patches installed first (bot/patches.py): `python -m bot.cli run|shell|train ...`.

scripts/serve.sh starts the Rasa server (`make run`) and the terminal chat (`make chat`) through this, so every entry
point runs the same patched Rasa. The action server (`rasa run actions`) needs no patch.
"""
import sys

from bot import patches


def main() -> None:
    patches.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
