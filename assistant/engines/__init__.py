"""Answer and drafting engines: `extractive` (offline default) and `llm` (any LangChain chat model)."""

ENGINES = ("extractive", "llm")
