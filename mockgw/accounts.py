"""Keys, platform tokens, plans, credits and rate limits: who is calling, and may they.

Knows nothing of messages or wire formats: it answers with an Account, rate-limit headers,
or a GatewayError that the caller renders.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mockgw.catalog import PLANS, Model, plan_allows
from mockgw.clock import Clock, iso
from mockgw.domain import GatewayError, RateLimit
from mockgw.generate import seeded_faker

HOUR = 3600.0
ACCESS_TTL = 24 * HOUR
REFRESH_TTL = 30 * 24 * HOUR
PlanName = Literal["starter", "basic", "pro", "business", "enterprise"]


class KeySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(pattern=r"^sk_", description="an AINative key, sk_…")
    plan: PlanName = "pro"
    credits: int | None = Field(None, ge=0, description="starting and monthly balance; default: the plan's")
    email: str | None = None


class AccountsConfig(BaseModel):
    """The file given to `mockgw serve --accounts`, and the defaults where none is given."""

    model_config = ConfigDict(extra="forbid")
    default_plan: PlanName = Field("pro", description="plan of sk_ keys that are not listed")
    unknown_keys: Literal["accept", "reject"] = "accept"
    keys: list[KeySpec] = Field(default_factory=list)
    costs: dict[str, int] = Field(default_factory=dict, description="credits per request, by model id")
    out_of_credits_status: Literal[402, 429] = 402
    plan_denied_status: Literal[401, 403, 404] = 403


@dataclass(slots=True)
class Account:
    id: str
    plan: str
    allowance: int
    credits: int
    email: str | None  # from faker, made when first shown
    key: str | None = None
    period: tuple[float, float] = (0.0, 0.0)  # [start, end) of the month the balance belongs to
    window: deque[float] = field(default_factory=deque)


def _month(ts: float) -> tuple[float, float]:
    """The calendar month (UTC) that holds ts, as [start, end) timestamps."""
    t = time.gmtime(ts)
    start = datetime(t.tm_year, t.tm_mon, 1, tzinfo=timezone.utc)
    end = datetime(t.tm_year + t.tm_mon // 12, t.tm_mon % 12 + 1, 1, tzinfo=timezone.utc)
    return start.timestamp(), end.timestamp()


def unauthorized(message: str) -> GatewayError:
    return GatewayError(401, "authentication", message)


def credential(headers: Any) -> str | None:
    """The key or token from x-api-key, or from Authorization: Bearer (what current SDKs send)."""
    key = headers.get("x-api-key")
    if key:
        return str(key).strip()
    auth = headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def _a(word: object) -> str:
    """'an access', 'a refresh': the article for a token type in an error message."""
    text = str(word)
    return f"an {text}" if text[:1].lower() in "aeiou" else f"a {text}"


class Accounts:
    def __init__(self, config: AccountsConfig, clock: Clock, lenient: bool = False) -> None:
        self.config = config
        self.clock = clock
        self.lenient = lenient
        self.secret: str  # signs platform tokens; new on every reset
        self.by_key: dict[str, Account] = {}
        self.by_id: dict[str, Account] = {}
        self.reset()

    def reset(self) -> None:
        """Back to the configured keys; tokens minted before are void (a new signing secret)."""
        self.secret = secrets.token_hex(32)
        self.by_key.clear()
        self.by_id.clear()
        for spec in self.config.keys:
            self.put_key(spec)

    # --- accounts ------------------------------------------------------------------------------

    def _new(self, plan: str, credits: int | None, key: str | None, email: str | None = None) -> Account:
        seed = key or secrets.token_hex(8)
        acct_id = "acct_" + hashlib.sha256(seed.encode()).hexdigest()[:16]
        allowance = PLANS[plan].monthly_credits if credits is None else credits
        account = Account(acct_id, plan, allowance, allowance, email, key, _month(self.clock.now()))
        self.by_id[acct_id] = account
        if key:
            self.by_key[key] = account
        return account

    def new_account(self, plan: str) -> Account:
        """An account with no key, reached only through the platform tokens minted for it."""
        return self._new(plan, None, None)

    def put_key(self, spec: KeySpec) -> Account:
        """Create or update the account of a key (control plane and accounts file)."""
        account = self.by_key.get(spec.key)
        if account is None:
            return self._new(spec.plan, spec.credits, spec.key, spec.email)
        account.plan = spec.plan
        account.allowance = PLANS[spec.plan].monthly_credits if spec.credits is None else spec.credits
        account.credits = account.allowance
        account.email = spec.email or account.email
        return account

    def for_key(self, key: str) -> Account:
        account = self.by_key.get(key)
        if account is not None:
            return account
        if self.config.unknown_keys == "reject" and not self.lenient:
            raise unauthorized("invalid API key: this sk_ key is not known to the gateway")
        plan = "enterprise" if self.lenient else self.config.default_plan
        return self._new(plan, None, key)

    # --- identity ------------------------------------------------------------------------------

    def identify(self, headers: Any) -> Account:
        cred = credential(headers)
        if self.lenient:
            return self.for_key(cred or "anonymous")
        if not cred:
            raise unauthorized(
                "missing credentials: send x-api-key: sk_… or Authorization: Bearer <key or token>"
            )
        if cred.startswith("sk-ant-"):
            raise unauthorized(
                "Anthropic-direct keys (sk-ant-…) are not accepted by the AINative gateway; "
                "use your AINative sk_ key"
            )
        if cred.startswith("sk_"):
            return self.for_key(cred)
        if cred.startswith("eyJ"):
            return self.verify_token(cred, "access")
        raise unauthorized("malformed credentials: expected an sk_ key or a platform token (eyJ…)")

    # --- platform tokens -----------------------------------------------------------------------

    def _token(self, account: Account, typ: str, ttl: float) -> str:
        import jwt  # on first use: PyJWT pulls in urllib.request and http.client, which serving does not need

        now = self.clock.now()
        claims = {"sub": account.id, "typ": typ, "plan": account.plan, "iat": int(now), "exp": int(now + ttl)}
        claims["jti"] = secrets.token_hex(8)
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def mint(self, account: Account) -> dict[str, Any]:
        return {
            "access_token": self._token(account, "access", ACCESS_TTL),
            "refresh_token": self._token(account, "refresh", REFRESH_TTL),
            "token_type": "bearer",
            "expires_in": int(ACCESS_TTL),
            "account_id": account.id,
        }

    def verify_token(self, token: str, typ: str) -> Account:
        import jwt

        try:
            claims = jwt.decode(
                token,
                self.secret,
                algorithms=["HS256"],
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except jwt.PyJWTError as exc:
            raise unauthorized(f"invalid platform token: {exc}") from None
        if claims.get("typ") != typ:
            got = _a(claims.get("typ") or "untyped")
            raise unauthorized(f"invalid platform token: this is {got} token, not {_a(typ)} token")
        if claims.get("exp", 0) <= self.clock.now():
            hint = "; refresh it with POST /api/v1/auth/refresh" if typ == "access" else "; sign in again"
            raise unauthorized(f"platform token expired at {iso(claims['exp'])}{hint}")
        account = self.by_id.get(claims.get("sub", ""))
        if account is None:
            raise unauthorized("invalid platform token: its account no longer exists")
        return account

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        return self.mint(self.verify_token(refresh_token, "refresh"))

    # --- the gate ------------------------------------------------------------------------------

    def cost(self, model: Model) -> int:
        return self.config.costs.get(model.id, model.credits_per_request)

    def admit(self, account: Account, model: Model) -> tuple[int, RateLimit | None]:
        """Plan, rate limit, credits, in that order. Returns the credits charged and the window's state.

        Runs without awaiting, on the server's one event loop, so concurrent requests cannot
        interleave between the balance check and the debit.
        """
        if self.lenient:  # client test suites: no plan, rate or credit limits
            return 0, None
        now = self.clock.now()
        if not plan_allows(account.plan, model):
            raise GatewayError(
                self.config.plan_denied_status,
                "permission",
                f"model {model.id} requires the {model.min_plan} plan or higher; "
                f"this account is on {account.plan}",
                code="model_not_in_plan",
            )
        limit = PLANS[account.plan].requests_per_hour
        window = account.window
        while window and window[0] <= now - HOUR:
            window.popleft()
        if len(window) >= limit:
            wait = max(1, math.ceil(window[0] + HOUR - now))
            raise GatewayError(
                429,
                "rate_limit",
                f"rate limit of {limit} requests per hour reached; retry in {wait}s",
                headers={"retry-after": str(wait)},
                rate=RateLimit(limit, 0, window[0] + HOUR, now),
            )
        self._roll_month(account, now)
        cost = self.cost(model)
        if account.credits < cost:
            raise GatewayError(
                self.config.out_of_credits_status,
                "billing",
                f"insufficient credits: balance {account.credits}, this request costs {cost}",
                code="insufficient_quota",
            )
        account.credits -= cost
        window.append(now)
        return cost, RateLimit(limit, limit - len(window), window[0] + HOUR, now)

    def refund(self, account: Account, credits: int) -> None:
        account.credits += credits

    def _roll_month(self, account: Account, now: float) -> None:
        start, end = account.period
        if not start <= now < end:
            account.period = _month(now)
            account.credits = account.allowance

    # --- what the platform routes show --------------------------------------------------------

    def balance(self, account: Account) -> dict[str, Any]:
        self._roll_month(account, self.clock.now())
        start, end = account.period
        return {
            "balance": account.credits,
            "monthly_credits": account.allowance,
            "used": account.allowance - account.credits,
            "plan": account.plan,
            "period_start": iso(start),
            "period_end": iso(end),
        }

    def profile(self, account: Account) -> dict[str, Any]:
        if account.email is None:
            account.email = seeded_faker(int(account.id[5:], 16)).email()
        return {
            "id": account.id,
            "email": account.email,
            "plan": account.plan,
            "credits": account.credits,
            "requests_per_hour": PLANS[account.plan].requests_per_hour,
        }
