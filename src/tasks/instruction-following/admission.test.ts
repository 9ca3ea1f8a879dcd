import { describe, expect, it } from "vitest";
import { detectAdmission } from "./admission.ts";

describe("detectAdmission", () => {
  it.each([
    "I could not keep it under 100 words.",
    "Note: I wasn't able to avoid commas entirely.",
    "This response does not follow the requested format.",
    "I ignored one of the constraints to keep it readable.",
    "Some instructions were not followed.",
  ])("admits in %j", (answer) => {
    expect(detectAdmission(answer, []).admitted).toBe(true);
  });

  it.each([
    "Quiet birds drift softly past old roads.",
    "I could see the river.",
    "The rules of chess are simple.",
  ])("finds none in %j", (answer) => {
    expect(detectAdmission(answer, []).admitted).toBe(false);
  });

  it("skips the request repeated at the start", () => {
    const prompt = "Tell me why I cannot use commas. I could not follow the last guide.";
    const constraints = [{ id: "combination:repeat_prompt" as const, args: { prompt_to_repeat: prompt } }];
    expect(detectAdmission(`${prompt}\nCommas are fine here`, constraints).admitted).toBe(false);
    expect(detectAdmission(`${prompt}\nI could not avoid commas`, constraints).admitted).toBe(true);
  });
});
