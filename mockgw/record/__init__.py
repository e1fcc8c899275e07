"""Record and replay: what the real gateway answers, written as ordinary scenario files.

- proxy.py: forward to the gateway, stream its answer back chunk by chunk (`mockgw record`);
- missing.py: mockgw in front of the gateway, forwarding and recording only what no scenario
  answers (`mockgw serve --record-missing`, `pytest --mockgw-record`);
- scenario.py: what was seen -> scenario outcomes -> one YAML file per test or conversation;
- redact.py: credentials and configured patterns never reach a file;
- sse.py: the incremental SSE reader both APIs' streams are parsed with.
"""
