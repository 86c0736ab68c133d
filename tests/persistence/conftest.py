import shutil
import tarfile
import time
from pathlib import Path

import pytest

from tests.servers import MODEL


@pytest.fixture(scope="session")
def model_snapshot(tmp_path_factory) -> Path:
    """A copy of the trained model, so a retraining in the meantime cannot change it between restarts."""
    deadline = time.monotonic() + 30 * 60
    while True:  # another engineer may be retraining: wait for a complete model file
        try:
            with tarfile.open(MODEL) as archive:
                archive.getmembers()
            break
        except (OSError, tarfile.TarError, EOFError):
            if time.monotonic() > deadline:
                pytest.fail(f"{MODEL} is missing or incomplete after 30 minutes")
            time.sleep(10)
    copy = tmp_path_factory.mktemp("model") / "vaxjo.tar.gz"
    shutil.copyfile(MODEL, copy)
    return copy
