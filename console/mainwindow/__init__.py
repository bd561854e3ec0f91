"""The technician's main window: menus, the session tabs and the docks around them."""
