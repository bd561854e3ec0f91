"""Valuezone's Qt-free translation layer (above sessions/): providers, cache, masking, language detection."""

from translation.canned import CannedReply, replies
from translation.detection import detect
from translation.masking import Masked, Masker
from translation.providers import PROVIDERS, ProviderConfig
from translation.translator import Translation, Translator

__all__ = [
    "PROVIDERS",
    "CannedReply",
    "Masked",
    "Masker",
    "ProviderConfig",
    "Translation",
    "Translator",
    "detect",
    "replies",
]
