"""What became of a turn: the vocabulary the answering actions record (actions/answering.py, actions/human_contact.py)
and the staff report counts (insights/). Standard library only, so the report need not load the actions."""

OUTCOME_SLOT = "turn_outcome"
ANSWERED_INTENT, ANSWERED_PASSAGE = "answered_intent", "answered_passage"
CLARIFIED, OUT_OF_SCOPE, NOT_FOUND = "clarified", "out_of_scope", "not_found"
OUTCOMES = (ANSWERED_INTENT, ANSWERED_PASSAGE, CLARIFIED, OUT_OF_SCOPE, NOT_FOUND)

# Answers that leave the question unanswered: nothing found (or Rasa's default), and outside the partnerships.
NOT_FOUND_RESPONSES = frozenset({"utter_not_found", "utter_default"})
OUT_OF_SCOPE_RESPONSES = frozenset({"utter_out_of_scope"})
FAILED_RESPONSES = NOT_FOUND_RESPONSES | OUT_OF_SCOPE_RESPONSES

HUMAN_CONTACT_SLOT = "human_contact"  # the conversation was given the contact centre
FEEDBACK_INTENT = "feedback"  # a thumbs up/down: not a question
