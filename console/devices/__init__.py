"""The device book in the console: the Devices dock and the add/edit dialog."""
