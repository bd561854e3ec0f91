"""The Qt console. Importing this package does not import Qt; the windows do."""
