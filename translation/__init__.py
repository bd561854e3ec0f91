"""Valuezone's Qt-free translation layer: providers, cache, masking, language detection."""
