"""Escalation to headquarters: collect logs, redact, bundle, ask consent, deliver once via an outbox."""

from sessions.escalation.bundle import StagedBundle, build_bundle
from sessions.escalation.collect import CollectLimits, CollectProgress, CollectResult, collect_logs
from sessions.escalation.consent import Consent, ConsentQuestion, obtain_consent
from sessions.escalation.contents import translate_summary
from sessions.escalation.delivery import Destination, Receipt, parse_destination
from sessions.escalation.delivery.factory import DeliveryOptions, deliverer_for
from sessions.escalation.logspecs import LogSpec, detect_log_spec, log_spec
from sessions.escalation.manifest import Manifest, read_manifest, verify_bundle
from sessions.escalation.outbox import Backoff, Outbox, OutboxItem, State
from sessions.escalation.values import BuildProgress, BuiltBundle, BundleRequest, Preview, PreviewFile

__all__ = [
    "Backoff",
    "BuildProgress",
    "BuiltBundle",
    "BundleRequest",
    "CollectLimits",
    "CollectProgress",
    "CollectResult",
    "Consent",
    "ConsentQuestion",
    "DeliveryOptions",
    "Destination",
    "LogSpec",
    "Manifest",
    "Outbox",
    "OutboxItem",
    "Preview",
    "PreviewFile",
    "Receipt",
    "StagedBundle",
    "State",
    "build_bundle",
    "collect_logs",
    "deliverer_for",
    "detect_log_spec",
    "log_spec",
    "obtain_consent",
    "parse_destination",
    "read_manifest",
    "translate_summary",
    "verify_bundle",
]
