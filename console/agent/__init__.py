"""The customer's side: the agent's window, its question dialog and live shell view, terminal helpers."""
