"""What the commands start: the console window, the demo, the customer's window, the self-test."""
