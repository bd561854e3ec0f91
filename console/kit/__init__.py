"""Small parts every feature uses: background tasks, widget naming, prompts, notifications."""
