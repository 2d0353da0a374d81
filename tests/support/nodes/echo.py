#!/usr/bin/env python3
"""An echo node in Python: the local Maelstrom runs any executable, whatever its language."""
import json
import sys

for line in sys.stdin:
    msg = json.loads(line)
    body = msg["body"]
    reply = {"in_reply_to": body["msg_id"]}
    if body["type"] == "init":
        reply["type"] = "init_ok"
    else:
        reply.update(type="echo_ok", echo=body["echo"])
    print(json.dumps({"src": msg["dest"], "dest": msg["src"], "body": reply}), flush=True)
