"""The relay: pairs a customer's agent and a technician by session code and bridges their channels."""
