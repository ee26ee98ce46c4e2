"""A real OpenID Connect provider for the tests, built with django-oauth-toolkit: a Django project
of its own, run in a separate process (`serve.py`), with users and their claims given by the test.
It stands for the municipality's identity provider (staff) and its e-legitimation broker
(applicants): one client for each."""
