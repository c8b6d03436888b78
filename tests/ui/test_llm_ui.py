"""The Ask tab with the llm engine, driven through the API; the model is LangChain's fake chat model.

No generative model can run here, so the app is given a `GenericFakeChatModel` that streams a
fixed answer word by word. The UI must show the answer growing, keep the citations the model
made to real sources, and say how many unsupported citations the service removed.
"""

from __future__ import annotations

import itertools

import pytest
from gradio_client import Client

ANSWER = (
    "Sessions asked regulators to publish sex-disaggregated data on internet use [1] and to pair "
    "access programmes with mentoring [2]. They also promised free satellites for everyone [9]."
)


@pytest.fixture(scope="module")
def app(launch, app_home):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    model = GenericFakeChatModel(messages=itertools.cycle([AIMessage(content=ANSWER)]))
    return launch(app_home, chat_model=model, llm_models="fake:model")  # the one model users may choose


def texts(message: dict) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def test_llm_answer_streams_into_the_chat_with_checked_citations(app) -> None:
    client = Client(app.url, verbose=False)
    job = client.submit("What did sessions recommend to close the gender digital divide?", [], "", "", "",
                        "llm", "fake:model", api_name="/ask")
    final = job.result()[0]
    partial = [texts(out[0][-1]) for out in job.outputs()[:-1]]
    assert any(text.endswith("▍") for text in partial)  # the answer was shown while it grew
    answer = texts(final[-2])
    # each kept citation is a link that opens its source (issue 23)
    assert "sex\\-disaggregated data on internet use [**\\[1\\]**](#rp-cite=" in answer
    assert "\\[9\\]" not in answer  # no source 9 was given to the model
    assert "1 unsupported citation\\(s\\) were removed" in answer and "engine\\: llm" in answer
    sources = texts(final[-1])
    assert final[-1]["metadata"]["title"] == "Sources (2)"
    assert "\\[1\\]" in sources and "\\[2\\]" in sources
