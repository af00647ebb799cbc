/**
 * An SMTP server on loopback for bench:reminders, in a process of its own (as a real mail server
 * is), so its work is not counted as the reminder job's. It accepts every message, keeps only a
 * count, and never looks up the client's name in DNS (smtp-server does by default, which waits
 * on a machine without DNS).
 *   startSmtpSink() → { url, count(), close() }   (run as a script, it is the child)
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export type SmtpSink = { url: string; count(): Promise<number>; close(): Promise<void> };

export async function startSmtpSink(): Promise<SmtpSink> {
  const child = fork(path.join(process.cwd(), "bench", "lib", "smtp-sink.ts"), ["--child"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [ready] = (await once(child, "message")) as [{ port: number }];
  let asked = 0;
  return {
    url: `smtp://127.0.0.1:${ready.port}`,
    count: async () => {
      asked += 1;
      const id = asked;
      child.send({ count: id });
      for (;;) {
        const [m] = (await once(child, "message")) as [{ id: number; count: number }];
        if (m.id === id) return m.count;
      }
    },
    close: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

async function serve(): Promise<void> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received += 1;
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  process.on("message", (m: { count: number }) => process.send?.({ id: m.count, count: received }));
  process.send?.({ port: (server.server.address() as AddressInfo).port });
}

if (process.argv.includes("--child")) void serve();
