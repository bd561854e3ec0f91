"""The runtime every window stands on: QApplication, qasync loop, log file, crash dialog, UI language."""
