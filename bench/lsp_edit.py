#!/usr/bin/env python3
"""How long `referat lsp` takes to check a project again after an edit.

Usage: bench/lsp_edit.py REFERAT PROJECT [--edits N]

Starts the language server, opens the meeting in the middle of PROJECT,
then N times changes its text (a case renumbered to a duplicate, then
restored, alternately) and sends a hover request, which makes the server
check first. Prints one JSON object: the server's own figure for its first
check (every file parsed) and the median of the re-checks after an edit
(only the edited file parsed), both from its log on stderr, and the median
round trip the client saw (didChange + hover → answer). Nothing here
asserts a time: bench/run reports it.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import threading
import time

LOG = re.compile(r"check \d+ of .*: (\d+) meeting files, (\d+) parsed again, ([0-9.]+) ms \(([0-9.]+) ms of CPU\)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("referat")
    parser.add_argument("project")
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    project = os.path.abspath(args.project)
    args.referat = os.path.abspath(args.referat)
    meetings = sorted(os.path.join(d, n) for d, _, ns in os.walk(os.path.join(project, "meetings"))
                      for n in ns if n.endswith(".md"))
    # Old enough not to count as just written (the server reads such a file
    # again at every check, as git does with racy entries).
    past = time.time() - 3600
    for path in meetings:
        os.utime(path, (past, past))
    edited = meetings[len(meetings) // 2]
    original = open(edited, encoding="utf-8").read()
    headings = re.findall(r"^## Sak (\d+/\d+)", original, re.M)
    broken = original.replace(f"## Sak {headings[-1]}", f"## Sak {headings[0]}", 1)

    server = subprocess.Popen([args.referat, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, cwd=project)
    log = []
    threading.Thread(target=lambda: [log.append(line.decode()) for line in server.stderr], daemon=True).start()
    next_id = [1]

    def send(message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive():
        length = None
        while True:
            line = server.stdout.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(server.stdout.read(length))

    def request(method, params):
        request_id = next_id[0]
        next_id[0] += 1
        send({"id": request_id, "method": method, "params": params})
        while True:
            message = receive()
            if message.get("id") == request_id and "method" not in message:
                return message

    uri = "file://" + edited
    hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    request("initialize", {"processId": None, "rootUri": "file://" + project, "capabilities": {}})
    send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown",
                                                                        "version": 1, "text": original}}})
    request("textDocument/hover", hover)
    round_trips = []
    for version in range(2, args.edits + 2):
        text = broken if version % 2 == 0 else original
        started = time.perf_counter()
        send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version},
                                                             "contentChanges": [{"text": text}]}})
        request("textDocument/hover", hover)
        round_trips.append(time.perf_counter() - started)
    request("shutdown", None)
    send({"method": "exit"})
    server.wait(timeout=60)
    time.sleep(0.2)  # the log thread reads the last lines
    checks = [(int(m.group(1)), int(m.group(2)), float(m.group(3)), float(m.group(4)))
              for m in map(LOG.search, log) if m]
    first, edits = checks[0], checks[1:]
    print(json.dumps({
        "files": first[0],
        "first_check_ms": first[2],
        "first_check_cpu_ms": first[3],
        "edit_check_ms": statistics.median(ms for _, _, ms, _ in edits),
        "edit_check_cpu_ms": statistics.median(cpu for _, _, _, cpu in edits),
        "edit_parsed": max(parsed for _, parsed, _, _ in edits),
        "edit_round_trip_ms": statistics.median(round_trips) * 1000,
        "edits": len(edits),
    }))


if __name__ == "__main__":
    main()
