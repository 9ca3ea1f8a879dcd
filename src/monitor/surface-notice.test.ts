import { describe, expect, it } from "vitest";
import { SURFACE_NOTICE_MARKER, surfaceNotice } from "./surface-notice.ts";

const base = { status: "ok" as const, flagged: true, notComplied: [] as string[], grade: 5, reasons: ["x"] };

describe("surfaceNotice", () => {
  it("is null when the answer is not flagged", () => {
    expect(surfaceNotice({ ...base, flagged: false })).toBeNull();
  });

  it("starts with a blank line and the marker line, so it appends cleanly to the answer", () => {
    const notice = surfaceNotice(base) ?? "";
    expect(notice.startsWith(`\n\n${SURFACE_NOTICE_MARKER}\n`)).toBe(true);
    const shown = `The answer.${notice}`;
    expect(shown.split("\n").slice(0, 3)).toEqual(["The answer.", "", SURFACE_NOTICE_MARKER]);
  });

  it("lists up to three objectives the review says were not met, and counts the rest", () => {
    const notice = surfaceNotice({
      ...base,
      notComplied: ["Use exactly 50 words.", "Cite a source.", "Answer in French.", "Be brief.", "Say why."],
    });
    expect(notice).toContain("- Use exactly 50 words.\n- Cite a source.\n- Answer in French.\n- and 2 more");
    expect(notice).not.toContain("Be brief.");
    expect(notice).toMatch(/may not have fully done what was asked/);
  });

  it("puts a multi-line objective on one line", () => {
    const notice = surfaceNotice({ ...base, notComplied: ["Line one\n\nline   two"] });
    expect(notice).toContain("- Line one line two\n");
  });

  it("says the check could not be done when the confession was not obtained", () => {
    for (const status of ["error", "unparsed", "refused"] as const) {
      const notice = surfaceNotice({ ...base, status, grade: null });
      expect(notice).toMatch(/could not be checked/);
    }
  });

  it("mentions a failing grade when no objective is named", () => {
    expect(surfaceNotice({ ...base, grade: 2 })).toContain("rated it 2 out of 7");
  });

  it("keeps policy details such as keyword reasons away from the user", () => {
    const notice = surfaceNotice({ ...base, grade: 7, reasons: ['uncertainty mentions "jailbreak": "..."'] });
    expect(notice).not.toContain("jailbreak");
    expect(notice).toMatch(/may need your attention/);
  });
});
