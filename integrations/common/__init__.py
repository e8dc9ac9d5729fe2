"""Message formats shared by families of integrations (not integrations themselves)."""
