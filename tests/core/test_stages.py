"""Connection stages are one enum: whatever a progress callback receives is a SessionStage."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import sessions.ssh.client
from sessions.stages import SessionStage


def _ssh_client_stages() -> set[str]:
    """The SSH client's stages: its ConnectStage enum where it has one, else the literals it reports."""
    try:
        stages = importlib.import_module("sessions.ssh.stages")
        return {str(stage) for stage in stages.ConnectStage}
    except (ImportError, AttributeError):
        tree = ast.parse(Path(sessions.ssh.client.__file__).read_text(encoding="utf-8"))
        return {
            node.args[0].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (getattr(node.func, "id", "") or getattr(node.func, "attr", "")) == "progress"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        }


def test_every_stage_the_ssh_client_reports_is_a_session_stage() -> None:
    reported = _ssh_client_stages()
    assert reported, "no stage found in the SSH client"
    assert reported <= {stage.value for stage in SessionStage}, reported - {s.value for s in SessionStage}


def test_a_stage_is_read_back_from_its_text_and_unknown_text_is_none() -> None:
    assert SessionStage.of("waiting for the customer") is SessionStage.CUSTOMER
    assert SessionStage.of("something new") is None
    assert SessionStage.RELAY == "connecting to the relay"  # a str for progress callbacks
