"""The session's file browser: a Files dock with one browser per session tab."""
