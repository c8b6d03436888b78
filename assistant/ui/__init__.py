"""The Gradio web app: Ask, Draft, Corpus and Evaluate tabs over the same services the CLI uses.

Gradio is imported only inside this package, so the CLI and the services start without it.
"""

import os

# No telemetry from the web app: it runs offline, often on an internal network.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
