"""The Diagnostics dock: running a device's profile and showing its findings."""
