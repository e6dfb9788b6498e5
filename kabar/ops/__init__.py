"""Running Kabar: `manage.py serve` (the process supervisor) and the web server's settings."""
