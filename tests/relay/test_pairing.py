"""The relay's pairing state machine and failed-claim limiter, without any network."""

from __future__ import annotations

import pytest

from sessions.errors import CodeUnknownError, ConsentRefusedError, RateLimitedError
from sessions.relay.pairing import TABLE, CodeEvent, CodeState, PairingBook, TransitionError
from sessions.relay.protocol import Reason, error_for_reason, relay_reason
from sessions.relay.ratelimit import FailureLimiter


def test_every_state_but_closed_can_end() -> None:
    for state in CodeState:
        assert ((state, CodeEvent.END) in TABLE.transitions) == (state is not CodeState.CLOSED)


async def test_claim_consent_and_refusal() -> None:
    book = PairingBook(code_ttl=60, grace=5)
    pairing = book.issue(customer=None)
    assert book.get(pairing.code) is pairing
    pairing.fire(CodeEvent.CLAIM)
    pairing.fire(CodeEvent.REFUSE)
    assert pairing.state is CodeState.WAITING
    pairing.fire(CodeEvent.CLAIM)
    pairing.fire(CodeEvent.CONSENT)
    with pytest.raises(TransitionError):
        pairing.fire(CodeEvent.CLAIM)
    book.end(pairing, Reason.USED)
    assert book.get(pairing.code) is None
    assert book.refusal(pairing.code) == Reason.USED


async def test_expiry_and_resume_token() -> None:
    book = PairingBook(code_ttl=60, grace=5)
    pairing = book.issue(customer=None)
    book.link_lost(pairing)
    assert pairing.state is CodeState.WAITING_AWAY
    assert book.resume(pairing.code, "wrong token") is None
    assert book.resume(pairing.code, pairing.resume_token) is pairing
    book.link_back(pairing, customer="new link")
    assert pairing.state is CodeState.WAITING and pairing.customer == "new link"
    book.expire(pairing)
    assert book.refusal(pairing.code) == Reason.EXPIRED
    assert book.refusal("000000000") == Reason.UNKNOWN


def test_limiter_window() -> None:
    now = [0.0]
    limiter = FailureLimiter(limit=5, window=600, clock=lambda: now[0])
    for _ in range(4):
        limiter.record("key:a", "addr:1")
    assert not limiter.blocked("key:a")
    limiter.record("key:a", "addr:1")
    assert limiter.blocked("key:a") and limiter.blocked("key:b", "addr:1") and not limiter.blocked("key:b")
    now[0] = 599.0
    assert limiter.retry_after("key:a") == pytest.approx(1.0)
    now[0] = 600.0
    assert not limiter.blocked("key:a", "addr:1")


def test_reasons_become_errors() -> None:
    assert isinstance(error_for_reason(Reason.DECLINED), ConsentRefusedError)
    assert isinstance(error_for_reason(Reason.EXPIRED), CodeUnknownError)
    error = error_for_reason(Reason.RATE_LIMITED)
    assert isinstance(error, RateLimitedError) and relay_reason(error) == Reason.RATE_LIMITED
    assert "open failed" not in str(error_for_reason("something new"))
