"""Users, roles, units and what each role may do."""
