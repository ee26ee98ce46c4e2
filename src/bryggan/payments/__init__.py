"""Payment runs, ISO 20022 pain.001 export, returned payments."""
