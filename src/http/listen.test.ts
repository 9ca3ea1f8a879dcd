import { describe, expect, it } from "vitest";
import { isBindError, listen } from "./listen.ts";

describe("listen", () => {
  it("serves a fetch handler on a free port and reports its origin; a taken port is a bind error", async () => {
    const { server, origin } = await listen(() => new Response("hello"), 0, "127.0.0.1");
    try {
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${origin}/`)).text()).toBe("hello");
      const port = Number(new URL(origin).port);
      const taken = await listen(() => new Response(""), port, "127.0.0.1").catch((error: unknown) => error);
      expect(isBindError(taken)).toBe(true);
      expect((taken as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("is not a bind error for anything else", () => {
    expect(isBindError(new Error("boom"))).toBe(false);
    expect(isBindError(undefined)).toBe(false);
  });
});
