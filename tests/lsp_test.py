#!/usr/bin/env python3
"""`referat lsp` driven through a session as an editor drives it.

initialize (UTF-16 positions, the LSP default) → open a meeting with a
duplicate case number (its diagnostic, with the other file's first use as
related information, and the first use shown in that file) → fix it with
didChange (both cleared: empty lists) →
hover a case reference after æøå on its line, and a case heading (quorum)
→ go to definition → an unknown method (MethodNotFound) → a malformed
message (a parse error, and the server goes on) → shutdown and exit
(status 0). Every answer is checked.

Usage: lsp_test.py REFERAT ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import re
import tempfile
import threading
import time

from tap import Report


class Client:
    def __init__(self, referat, cwd):
        self.process = subprocess.Popen([referat, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd)
        self.next_id = 1
        self.notifications = []
        # The server logs each check on stderr ("check N of ROOT: F meeting
        # files, P parsed again, T ms"); a thread drains it so that the pipe
        # never fills, and the tests read what it says.
        self.log = []
        self.log_thread = threading.Thread(target=self._drain_log, daemon=True)
        self.log_thread.start()

    def _drain_log(self):
        for line in self.process.stderr:
            self.log.append(line.decode("utf-8", "replace"))

    def checks(self):
        """(files, parsed) of every check logged so far."""
        return [(int(m.group(1)), int(m.group(2))) for m in
                (re.search(r"check \d+ of .*: (\d+) meeting files, (\d+) parsed again", line) for line in self.log)
                if m]

    def wait_for_checks(self, count):
        """The log as soon as it holds `count` checks (the thread may lag the answers by a moment)."""
        for _ in range(200):
            if len(self.checks()) >= count:
                break
            time.sleep(0.05)
        return self.checks()

    def latest_diagnostics(self):
        """Every publication received so far, the newest per URI."""
        latest = {}
        for message in self.notifications:
            if message.get("method") == "textDocument/publishDiagnostics":
                latest[message["params"]["uri"]] = message["params"]["diagnostics"]
        return latest

    def send_raw(self, body):
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(dict(jsonrpc="2.0", **message)).encode("utf-8"))

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == request_id and "method" not in message:
                return message
            self.notifications.append(message)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def diagnostics_for(self, uri, count=1):
        """The next `count` publications for uri (reading as needed)."""
        found = []
        while len(found) < count:
            for message in list(self.notifications):
                if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                    self.notifications.remove(message)
                    found.append(message["params"]["diagnostics"])
                    if len(found) == count:
                        return found[-1]
            self.notifications.append(self.receive())
        return found[-1]


def age(folder):
    """Dates every file an hour back, as in a checkout that is not brand new:
    the server parses a file written in the last seconds again at every
    check (its timestamp could hide a second write), and the tests count
    what it parses."""
    past = time.time() - 3600
    for directory, _, files in os.walk(folder):
        for name in files:
            os.utime(os.path.join(directory, name), (past, past))


def uri_of(path):
    return "file://" + path


def main():
    referat, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    report = Report()
    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "prosjekt")
        shutil.copytree(os.path.join(root, "tests", "mutations", "base"), project)
        age(project)
        first = os.path.join(project, "meetings", "ssu", "2025-01-10.md")
        second = os.path.join(project, "meetings", "ssu", "2025-02-14.md")
        original = open(second, encoding="utf-8").read()
        client = Client(referat, work)
        try:
            answer = client.request("initialize", {"processId": None, "rootUri": uri_of(project), "capabilities": {}})
            capabilities = answer.get("result", {}).get("capabilities", {})
            report(capabilities.get("positionEncoding") == "utf-16" and capabilities.get("hoverProvider")
                   and capabilities.get("definitionProvider"), "initialize: UTF-16 positions, hover, definition",
                   json.dumps(answer))
            client.notify("initialized", {})

            broken = original.replace("## Sak 04/25", "## Sak 03/25", 1)
            client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(second), "languageId": "markdown",
                                                                    "version": 1, "text": broken}})
            diagnostics = client.diagnostics_for(uri_of(second))
            duplicate = [d for d in diagnostics if d["code"] == "E-NUM-DUP"]
            related = duplicate[0]["relatedInformation"] if duplicate else []
            line = next(i for i, text in enumerate(broken.split("\n")) if text.startswith("## Sak 03/25"))
            report(len(duplicate) == 1 and duplicate[0]["range"]["start"]["line"] == line
                   and duplicate[0]["severity"] == 1,
                   "a duplicate number in the unsaved text is an error at its line", json.dumps(diagnostics))
            report(any(r["location"]["uri"] == uri_of(first) for r in related),
                   "the other file's first use is its related information", json.dumps(related))
            in_first = client.diagnostics_for(uri_of(first))
            first_line = next(i for i, t in enumerate(open(first, encoding="utf-8").read().split("\n"))
                              if t.startswith("## Sak 03/25"))
            report([(d["code"], d["severity"], d["range"]["start"]["line"]) for d in in_first]
                   == [("E-NUM-DUP", 3, first_line)],
                   "the other file (not open) shows its first use, pointing back", json.dumps(in_first))

            client.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(second), "version": 2},
                                                     "contentChanges": [{"text": original}]})
            report(client.diagnostics_for(uri_of(second)) == [] and client.diagnostics_for(uri_of(first)) == [],
                   "fixed with didChange: both files' diagnostics are cleared")

            # A reference after æøå on its line: the character offset is in UTF-16 units.
            text = open(first, encoding="utf-8").read()
            reference_line = "Møtet så på det, jf. sak 01/25."
            text = text.replace("Planen ble lagt fram, jf. sak 01/25.", reference_line, 1)
            client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(first), "languageId": "markdown",
                                                                    "version": 1, "text": text}})
            lines = text.split("\n")
            row = lines.index(reference_line)
            prefix = reference_line[:reference_line.index("01/25") + 2]
            character = len(prefix.encode("utf-16-le")) // 2
            position = {"textDocument": {"uri": uri_of(first)}, "position": {"line": row, "character": character}}
            hover = client.request("textDocument/hover", position)
            value = (hover.get("result") or {}).get("contents", {}).get("value", "")
            report("01/25" in value and "Innkalling og dagsorden" in value, "hover on a reference shows the case",
                   json.dumps(hover))
            definition = client.request("textDocument/definition", position).get("result") or {}
            heading = lines.index(next(t for t in lines if t.startswith("## Sak 01/25")))
            report(definition.get("uri") == uri_of(first) and definition["range"]["start"]["line"] == heading,
                   "go to definition lands on the case heading", json.dumps(definition))
            heading_hover = client.request("textDocument/hover", {"textDocument": {"uri": uri_of(first)},
                                                                  "position": {"line": heading, "character": 4}})
            value = (heading_hover.get("result") or {}).get("contents", {}).get("value", "")
            report("til stede av" in value, "hover on a case heading shows the quorum at the case", value)

            references = client.request("textDocument/references", {
                "textDocument": {"uri": uri_of(first)}, "position": {"line": heading, "character": 4},
                "context": {"includeDeclaration": False}}).get("result") or []
            report([r["range"]["start"]["line"] for r in references] == [row],
                   "find references on a case heading lists the place that cites it", json.dumps(references))

            # Formatting: a keyword in another case becomes canonical.
            messy = text.replace("Fra: Sekretariatet", "fra: Sekretariatet", 1)
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(first), "version": 2},
                                                     "contentChanges": [{"text": messy}]})
            edits = client.request("textDocument/formatting", {"textDocument": {"uri": uri_of(first)},
                                                               "options": {"tabSize": 2, "insertSpaces": True}})
            edits = edits.get("result") or []
            report(len(edits) == 1 and "Fra: Sekretariatet" in edits[0]["newText"]
                   and "fra: Sekretariatet" not in edits[0]["newText"],
                   "formatting gives fmt's canonical text", json.dumps(edits)[:300])

            # A code action from check --fix: a gap in the numbering is closed.
            gap = original.replace("## Sak 05/25", "## Sak 07/25", 1)
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(second), "version": 3},
                                                     "contentChanges": [{"text": gap}]})
            actions = client.request("textDocument/codeAction", {
                "textDocument": {"uri": uri_of(second)},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": []}}).get("result") or []
            new_text = actions[0]["edit"]["changes"][uri_of(second)][0]["newText"] if actions else ""
            report(len(actions) == 1 and "## Sak 05/25" in new_text and "## Sak 07/25" not in new_text,
                   "a code action applies check --fix's renumbering", json.dumps(actions)[:300])

            # Completion: the roster in the front matter (of a second project,
            # the council, which has one), field keys in the body.
            council = os.path.join(work, "kommunestyre")
            shutil.copytree(os.path.join(root, "examples", "kommunestyre"), council)
            minutes = os.path.join(council, "meetings", "ks", "2026-02-12.md")
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri_of(minutes), "languageId": "markdown", "version": 1,
                "text": open(minutes, encoding="utf-8").read()}})
            in_front = client.request("textDocument/completion", {"textDocument": {"uri": uri_of(minutes)},
                                                                  "position": {"line": 14, "character": 4}})
            labels = [item["label"] for item in (in_front.get("result") or [])]
            in_body = client.request("textDocument/completion", {"textDocument": {"uri": uri_of(first)},
                                                                 "position": {"line": row, "character": 0}})
            keys = [item["label"] for item in (in_body.get("result") or [])]
            report("Kari Nordvik" in labels and "Nils Olsen" in labels and len(labels) == 19,
                   "completion in the front matter offers the body's roster", str(labels))
            report("Saksbehandler" in keys and "Votering" in keys, "completion in the body offers the field keys",
                   str(keys))
            council_text = open(minutes, encoding="utf-8").read()
            council_lines = council_text.split("\n")
            kari = council_lines.index("  - Kari Nordvik")
            member = client.request("textDocument/hover", {"textDocument": {"uri": uri_of(minutes)},
                                                           "position": {"line": kari, "character": 6}})
            value = (member.get("result") or {}).get("contents", {}).get("value", "")
            report("Kari Nordvik" in value and "Ordfører" in value and "Ap" in value and "stemmerett" in value,
                   "hover on a member's name shows role, party and vote right", value)
            typed = council_text.rstrip("\n") + "\n\nSe også sak "
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(minutes), "version": 2},
                                                     "contentChanges": [{"text": typed}]})
            last = typed.split("\n")
            numbers = client.request("textDocument/completion", {"textDocument": {"uri": uri_of(minutes)},
                                                                 "position": {"line": len(last) - 1,
                                                                              "character": len(last[-1])}})
            offered = [item["label"] for item in (numbers.get("result") or [])]
            report("04/26" in offered and "10/26" in offered and "Saksbehandler" not in offered,
                   "completion after 'sak ' offers the body's case numbers", str(offered))

            # A burst of edits written at once is checked once it ends, not
            # once per edit, and only the edited file is parsed again.
            before = len(client.wait_for_checks(1))
            burst = b""
            for version, number in enumerate(["03/25", "01/25", "02/25", "04/25"], start=10):
                text = original.replace("## Sak 04/25", "## Sak " + number, 1)
                body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                   "params": {"textDocument": {"uri": uri_of(second), "version": version},
                                              "contentChanges": [{"text": text}]}}).encode("utf-8")
                burst += b"Content-Length: %d\r\n\r\n" % len(body) + body
            client.notifications.clear()
            client.process.stdin.write(burst)
            client.process.stdin.flush()
            client.request("textDocument/hover", position)
            checks = client.wait_for_checks(before + 1)[before:]
            report(1 <= len(checks) < 4 and all(parsed == 1 for _, parsed in checks) and checks[-1][0] >= 2,
                   "a burst of four edits is checked fewer times than four, parsing only the edited file again",
                   str(checks))
            published = client.latest_diagnostics()
            report(not published.get(uri_of(second)) and not published.get(uri_of(first)),
                   "after the burst the diagnostics are those of its last text (none)",
                   json.dumps({k: v for k, v in published.items() if v})[:800])

            # A new meeting open in the editor and never saved is part of the
            # project: its duplicate numbers are errors.
            unsaved = os.path.join(project, "meetings", "ssu", "2025-03-21.md")
            copy = original.replace("2025-02-14", "2025-03-21")
            client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(unsaved), "languageId": "markdown",
                                                                    "version": 1, "text": copy}})
            codes = [d["code"] for d in client.diagnostics_for(uri_of(unsaved))]
            report("E-NUM-DUP" in codes and not os.path.exists(unsaved),
                   "an unsaved new meeting file is checked with the project", str(codes))
            client.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(unsaved)}})
            report(client.diagnostics_for(uri_of(unsaved)) == [],
                   "closing it unsaved takes it out of the project: its diagnostics are cleared")

            # A Markdown file in no project (no referat.yaml above it): no
            # diagnostics, a null hover, and the server goes on.
            stray = os.path.join(work, "notater.md")
            client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(stray), "languageId": "markdown",
                                                                    "version": 1, "text": "# Notater\n\nsak 01/25\n"}})
            stray_hover = client.request("textDocument/hover", {"textDocument": {"uri": uri_of(stray)},
                                                                "position": {"line": 2, "character": 5}})
            stray_definition = client.request("textDocument/definition", {"textDocument": {"uri": uri_of(stray)},
                                                                          "position": {"line": 2, "character": 5}})
            report("result" in stray_hover and stray_hover["result"] is None and "result" in stray_definition
                   and not client.latest_diagnostics().get(uri_of(stray)),
                   "a file in no project gets no diagnostics and null answers", json.dumps([stray_hover, stray_definition]))

            unknown = client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri_of(first)}})
            report(unknown.get("error", {}).get("code") == -32601, "an unknown method is MethodNotFound",
                   json.dumps(unknown))
            client.send_raw(b'{"jsonrpc": "2.0", "id": 99, "method": ')
            parse_error = client.receive()
            report(parse_error.get("error", {}).get("code") == -32700, "a malformed message gets a parse error",
                   json.dumps(parse_error))
            after = client.request("textDocument/hover", position)
            report("result" in after, "the server goes on after a malformed message")

            shutdown = client.request("shutdown", None)
            report("result" in shutdown and shutdown["result"] is None, "shutdown answers null")
            client.notify("exit", None)
            status = client.process.wait(timeout=30)
            report(status == 0, "exit after shutdown: status 0", ''.join(client.log)[-500:])
        except (EOFError, json.JSONDecodeError, StopIteration, ValueError) as error:
            report(False, "the session ran to its end", f"{error!r}\n{''.join(client.log)[-800:]}")
        finally:
            if client.process.poll() is None:
                client.process.kill()
    same_as_check(referat, root, report)
    return report.finish()


def full_check(referat, folder):
    """(file, line, code) of every diagnostic `referat check` gives on disk."""
    result = subprocess.run([referat, "check", folder, "--format", "json"], capture_output=True, text=True)
    return sorted((d["file"], d["line"], d["code"]) for d in json.loads(result.stdout or "[]"))


def same_as_check(referat, root, report):
    """The server keeps unchanged meetings parsed between checks; after each
    edit its diagnostics must be exactly what a fresh `referat check` gives
    on the same text — including in meetings it did not parse again whose
    references (Oppfølging av, approved_in, sak NN/YY) point into the
    edited one."""
    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "ks")
        mirror = os.path.join(work, "mirror")
        shutil.copytree(os.path.join(root, "examples", "kommunestyre"), project)
        shutil.copytree(os.path.join(root, "examples", "kommunestyre"), mirror)
        names = ["meetings/ks/2026-02-12.md", "meetings/ks/2026-03-19.md"]
        texts = {name: open(os.path.join(project, name), encoding="utf-8").read() for name in names}
        february, march = texts[names[0]], texts[names[1]]
        steps = [
            ("the referenced case renumbered", names[0], february.replace("## Sak 05/26", "## Sak 15/26", 1)),
            ("the approving case renumbered", names[1], march.replace("## Sak 08/26", "## Sak 18/26", 1)),
            ("both restored", names[0], february),
            ("a vote miscounted, a member unknown", names[1],
             march.replace("Kari Nordvik", "Kari Nordvikk", 1)),
            ("a date moved before the other meeting", names[1], march.replace("2026-03-19", "2026-02-01", 1)),
            ("all restored", names[1], march),
        ]
        client = Client(referat, work)
        try:
            client.request("initialize", {"processId": None, "rootUri": uri_of(project), "capabilities": {}})
            for name in names:
                client.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri_of(os.path.join(project, name)), "languageId": "markdown", "version": 1,
                    "text": texts[name]}})
            for version, (what, name, text) in enumerate(steps, start=2):
                uri = uri_of(os.path.join(project, name))
                client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [{"text": text}]})
                with open(os.path.join(mirror, name), "w", encoding="utf-8") as f:
                    f.write(text)
                # A request reads the project: it is checked first, and
                # every publication of that check precedes the answer.
                client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                      "position": {"line": 0, "character": 0}})
                served = sorted((uri[len(uri_of(project)) + 1:], d["range"]["start"]["line"] + 1, d["code"])
                                for uri, found in client.latest_diagnostics().items() for d in found
                                if d["severity"] in (1, 2))
                expected = full_check(referat, mirror)
                report(served == expected and (expected or what.endswith("restored")),
                       f"after an edit ({what}) the server's diagnostics are referat check's",
                       f"server {served}\ncheck  {expected}")
            client.request("shutdown", None)
            client.notify("exit", None)
            client.process.wait(timeout=30)
        except (EOFError, json.JSONDecodeError, ValueError) as error:
            report(False, "the equivalence session ran to its end", f"{error!r}\n{''.join(client.log)[-800:]}")
        finally:
            if client.process.poll() is None:
                client.process.kill()


if __name__ == "__main__":
    sys.exit(main())
