"""bot/patches.py, patch 7: the trained intent classifier's weights are laid out for prediction when Rasa loads the
model, and that changes no confidence."""
import numpy as np


def _classifier(agent):
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    instances = [component for component in _components(agent) if isinstance(component, LogisticRegressionClassifier)]
    assert len(instances) == 1, "config.yml's intent classifier is no longer LogisticRegressionClassifier: re-read patch 7"
    return instances[0].clf


def _components(agent):
    for node in agent.processor.graph_runner._instantiated_nodes.values():
        yield node._component


def test_weights_are_laid_out_for_prediction_and_answer_the_same(agent, parse):
    classifier = _classifier(agent)
    assert classifier.coef_.flags.f_contiguous and classifier.coef_.T.flags.c_contiguous
    question = "hur många invånare har vushtrri"
    laid_out = parse(question)["intent_ranking"]
    saved = classifier.coef_
    try:
        classifier.coef_ = np.ascontiguousarray(saved)  # as scikit-learn leaves it after training
        as_trained = parse(question)["intent_ranking"]
    finally:
        classifier.coef_ = saved
    assert [(i["name"], round(i["confidence"], 12)) for i in laid_out] == \
        [(i["name"], round(i["confidence"], 12)) for i in as_trained]
