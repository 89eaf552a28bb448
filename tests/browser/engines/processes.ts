/**
 * Helper processes the engine tests start themselves (Xvfb, WebKitWebDriver): each in a process
 * group of its own, its id recorded, and exactly that group ended afterwards — also when a test
 * fails or the test process exits early.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { Readable } from 'node:stream';

export interface Started {
  pid: number;
  /** Ends the process and everything it started (its process group); waits until it is gone. */
  stop(): Promise<void>;
}

const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export function startProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; fd3?: boolean } = {},
): { child: ChildProcess; started: Started } {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    detached: true, // a process group of its own: stopping it ends its children too
    stdio: ['ignore', 'ignore', 'pipe', ...(options.fd3 ? (['pipe'] as const) : [])],
  });
  if (child.pid === undefined) throw new Error(`${command} did not start`);
  const pid = child.pid;
  running.add(pid);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    running.delete(pid);
    if (code && !signal) console.error(`${command} exited with ${code}: ${stderr}`);
  });
  return {
    child,
    started: {
      pid,
      async stop() {
        if (!running.has(pid)) return;
        process.kill(-pid, 'SIGTERM');
        const killed = setTimeout(() => running.has(pid) && process.kill(-pid, 'SIGKILL'), 3_000);
        await exited;
        clearTimeout(killed);
      },
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A virtual X display on a free display number (Xvfb picks it and writes it to fd 3). */
export async function startXvfb(): Promise<Started & { display: string }> {
  const { child, started } = startProcess(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      fd3: true,
    },
  );
  const fd3 = child.stdio[3] as Readable;
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    fd3.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it named a display`)));
  });
  return { ...started, display };
}

/** Waits until something accepts connections on the port. */
export async function waitForPort(port: number, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`nothing listens on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
