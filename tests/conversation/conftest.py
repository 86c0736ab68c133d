import pytest

from tests.servers import RunningBot


@pytest.fixture(scope="session")
def bot():
    running = RunningBot().start()
    yield running
    running.stop()
