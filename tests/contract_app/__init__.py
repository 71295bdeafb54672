"""A throwaway chapter app that only the app-contract tests install: it declares one of
every hook, and the tests check that each shows up where it should with no kernel file
edited (tests/core/test_app_contract.py)."""
