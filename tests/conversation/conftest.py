import os

import pytest

from tests.servers import RunningBot


@pytest.fixture(scope="session")
def bot():
    if os.environ.get("BOT_URL"):  # reuse servers you already run (`make run`) while working on the suite
        running = RunningBot()
        running.url = os.environ["BOT_URL"]
        yield running
        return
    running = RunningBot().start()
    yield running
    running.stop()
