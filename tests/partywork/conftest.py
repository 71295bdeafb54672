from tests.partywork.fixtures import *  # noqa: F403
