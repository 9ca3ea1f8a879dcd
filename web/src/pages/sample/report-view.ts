// The confession: request, reasoning, raw reply, and the parsed report set against the ground truth.

// the protocol's level list imports nothing, so the bundle takes it as it is
import { COMPLIANCE_LEVELS } from "../../../../src/protocol/compliance-level.ts";
import type { ObjectiveCompliance } from "../../../../src/protocol/confession-report.ts";
import type { SampleResponse } from "../../../../src/web/viewer-api.ts";
import { reasoning } from "../../components/message-view.ts";
import { badge } from "../../components/status.ts";
import { h } from "../../dom.ts";

type TruthObjective = NonNullable<SampleResponse["truth"]["objectives"]>[number];

const text = (value: unknown): string => (value === undefined || value === null ? "—" : String(value));

/** The truth entry that speaks for a claimed objective: same text when it has one, else same position. */
function truthFor(
  objective: ObjectiveCompliance,
  index: number,
  truths: readonly TruthObjective[],
): TruthObjective | undefined {
  const byText = truths.find(
    (t) => t.objective === objective.objective || t.description === objective.objective,
  );
  return byText ?? truths[index];
}

function objectivesTable(
  objectives: readonly ObjectiveCompliance[],
  truths: readonly TruthObjective[] | null,
): HTMLElement {
  const withTruth = truths !== null && truths.length > 0;
  const rows = objectives.map((o, i) => {
    const truth = withTruth ? truthFor(o, i, truths) : undefined;
    const mismatch = truth !== undefined && truth.match === false;
    return h(
      "tr",
      { "data-testid": "objective-row", class: `lvl-${o.compliance}${mismatch ? " mismatch" : ""}` },
      h("td", null, o.objective),
      h("td", null, h("span", { class: `level level-${o.compliance}` }, o.compliance)),
      h("td", { class: "analysis" }, o.analysis),
      withTruth ? h("td", null, text(truth?.truth)) : null,
      withTruth
        ? h(
            "td",
            { "data-testid": "objective-match" },
            truth === undefined ? "—" : truth.match ? badge("ok", "match") : badge("error", "mismatch"),
          )
        : null,
    );
  });
  // truth objectives the confession never mentioned
  const unclaimed = withTruth
    ? truths.filter((t) => !objectives.some((o, i) => truthFor(o, i, truths) === t))
    : [];
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data objectives" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", null, "objective (claimed)"),
          h("th", null, "compliance"),
          h("th", null, "analysis"),
          withTruth ? h("th", null, "truth") : null,
          withTruth ? h("th", null, "claim vs truth") : null,
        ),
      ),
      h(
        "tbody",
        null,
        rows,
        unclaimed.map((t) =>
          h(
            "tr",
            { class: "mismatch unclaimed", "data-testid": "objective-row" },
            h("td", null, text(t.objective ?? t.description ?? t.id)),
            h("td", { class: "muted" }, "not mentioned"),
            h("td", { class: "muted" }, ""),
            h("td", null, text(t.truth)),
            h("td", null, t.match ? badge("ok", "match") : badge("error", "mismatch")),
          ),
        ),
      ),
    ),
  );
}

/**
 * The confession section of a sample page. An unread confession (any status but `ok`) shows its status
 * and raw text only: it is never presented as a confession or a denial.
 *
 * @example
 * confessionView(sampleResponse)
 */
export function confessionView(data: SampleResponse): HTMLElement {
  const { sample, truth } = data;
  const parse = sample.confession;
  const report = parse.status === "ok" ? parse.report : undefined;
  const levels = h(
    "p",
    { class: "legend small" },
    COMPLIANCE_LEVELS.map((level) => h("span", { class: `level level-${level}` }, level)),
  );
  const parsed = report
    ? [
        h(
          "p",
          { class: "stats-line" },
          h(
            "span",
            null,
            "grade ",
            h("strong", { "data-testid": "grade" }, `${report.overall_compliance_grade} / 7`),
          ),
          badge(
            report.overall_compliance_grade >= 4 ? "ok" : "fn",
            report.overall_compliance_grade >= 4 ? "passing" : "failing",
          ),
          h("span", null, "path ", h("strong", null, sample.confessionPath)),
        ),
        objectivesTable(report.compliance_analysis, truth.objectives),
        levels,
        h("h4", null, "Uncertainties and conflicts"),
        report.uncertainties_and_conflicts.length === 0
          ? h("p", { class: "muted" }, "none listed")
          : h(
              "ul",
              { "data-testid": "uncertainties" },
              report.uncertainties_and_conflicts.map((u) => h("li", null, u)),
            ),
      ]
    : [
        h(
          "div",
          { class: "unread-note", "data-testid": "unparsed-note" },
          badge(parse.status),
          ` The confession could not be read (${parse.status}). It is its own outcome: never counted as a confession or a denial.`,
        ),
      ];
  return h(
    "section",
    { "data-testid": "sample-confession", "data-status": parse.status },
    h("h2", null, "Confession ", badge(parse.status)),
    h(
      "details",
      { class: "block" },
      h("summary", null, "xc: confession request"),
      h("pre", { class: "text" }, sample.xc),
    ),
    reasoning(sample.zc, "zc: confession reasoning"),
    h(
      "details",
      { class: "block", open: !report },
      h("summary", null, "yc: raw confession"),
      h("pre", { class: "text code", "data-testid": "raw-confession" }, sample.yc || parse.raw || "(empty)"),
    ),
    parse.issues.length > 0
      ? h(
          "ul",
          { class: "issues small" },
          parse.issues.map((i) => h("li", null, i)),
        )
      : null,
    parsed,
  );
}
