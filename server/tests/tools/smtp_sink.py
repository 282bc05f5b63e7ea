"""A real SMTP server for the tests (aiosmtpd, over TCP): every message it accepts
becomes one JSON line per recipient in a file (`to`, `subject`, `message_id`,
`list_unsubscribe`, `list_unsubscribe_post`, and the decoded `text` and `html`
parts), flushed at once so that a test reads what was accepted even while the
sender is killed. Recipients starting with `rifiuta` are refused for good (550),
those starting with `occupato` for now (451).

With `fast` after the file (the benchmark), nothing is parsed: one line per
recipient with its address only.

usage: smtp_sink.py HOST PORT FILE [fast]
"""

import json
import sys
import threading
from email import message_from_bytes
from email.policy import default

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out, fast):
        self.out = out
        self.fast = fast
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("rifiuta"):
            return "550 5.1.1 No such user"
        if address.startswith("occupato"):
            return "451 4.2.0 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fast:
            with self.lock:
                self.out.write("".join(rcpt + "\n" for rcpt in envelope.rcpt_tos))
                self.out.flush()
            return "250 OK"
        msg = message_from_bytes(envelope.content, policy=default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "subject": str(msg.get("Subject", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "list_unsubscribe": str(msg.get("List-Unsubscribe", "")),
            "list_unsubscribe_post": str(msg.get("List-Unsubscribe-Post", "")),
            "text": text.get_content() if text is not None else "",
            "html": html.get_content() if html is not None else "",
        }
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.out.write(json.dumps(dict(record, to=rcpt)) + "\n")
            self.out.flush()
        return "250 OK"


def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    fast = sys.argv[4:] == ["fast"]
    out = open(path, "a", encoding="utf-8")
    controller = Controller(Handler(out, fast), hostname=host, port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
