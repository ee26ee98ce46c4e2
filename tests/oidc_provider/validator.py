"""The provider's claims: each user's, from the JSON file the test wrote (OP_USERS)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsFromFile(OAuth2Validator):
    oidc_claim_scope = None  # every claim in the ID token and userinfo, whatever the scope

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        users = json.loads(Path(os.environ["OP_USERS"]).read_text())["users"]
        claims: dict[str, Any] = users[request.user.username]["claims"]
        return claims
