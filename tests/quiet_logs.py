"""Rasa logs every parse at debug level through structlog, which prints everything unless it is configured: the
held-out examples would fill the logs of the model tests and of the calibration, where whoever tunes must not read
them. The one place that quiets it."""
import logging

import structlog


def quiet_rasa_parse_logs(level: int = logging.INFO) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(level))
