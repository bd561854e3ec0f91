"""Tests of sessions.chat: messages, questions and the channel."""
