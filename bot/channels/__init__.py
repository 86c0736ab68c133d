"""Input and output channels of our own, registered by module path in bot/credentials.yml."""
