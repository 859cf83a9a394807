"""Neutrality moderation (R12): one policy for every free text the platform publishes.

A text flagged by ``core.neutrality`` waits in one queue (``ModerationItem``) and is not published;
its author sees on their own page which part was held and why; a coordinator decides, and only for
items of their territory (the département or académie of the author or of the establishment; region
coordinators and administrators see all), like the verification of ambassadors. Each content app
registers its kind of text (``registry.ModeratedKind``) with what publishes it once accepted, so this
app knows nothing of ambassadors, requests, offers or events.
"""
