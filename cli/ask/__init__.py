"""The questionnaire behind ``gateway-roi ask``: questions as data, answers parsed, a session."""
