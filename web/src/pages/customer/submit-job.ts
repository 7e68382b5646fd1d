import { ApiError, sampleJobs, submitJob, type JobDetails, type JobSubmission } from "../../api";
import { field, h, messageArea, showMessage } from "../../dom";

// Submitting a job from a sample (its code, inputs, policy and price come from jobs/) or from pasted code and inputs.
// The server checks the code (it must parse and define run()) and says where a syntax error is.

const OwnCode = "";

export function submitJobSection(onSubmitted: (job: JobDetails) => void): HTMLElement {
  const sample = h("select", { id: "job-sample" }, h("option", { value: OwnCode }, "My own code"));
  const name = h("input", { id: "job-name", required: true, maxlength: "200", placeholder: "e.g. primes below ten million" });
  const code = h("textarea", { id: "job-code", rows: "8", spellcheck: "false", placeholder: "function run(input) { return input * 2; }" });
  const inputs = h("textarea", { id: "job-inputs", rows: "4", spellcheck: "false", placeholder: "[1, 2, 3]" });
  const quorum = h("input", { id: "job-quorum", type: "number", min: "1", max: "10", value: "2" });
  const price = h("input", { id: "job-price", type: "number", min: "0", step: "1", placeholder: "from the sample, or 1" });
  const ownFields = h("div", { class: "own-code" }, textField("Code (defines run(input))", code), textField("Inputs (a JSON array, one per unit)", inputs));
  const submit = h("button", { type: "submit" }, "Submit job");
  const message = messageArea();

  sampleJobs().then((names) => sample.append(...names.map((n) => h("option", { value: n }, `Sample: ${n}`)))).catch(() => {});
  sample.addEventListener("change", () => {
    ownFields.hidden = sample.value !== OwnCode;
    if (sample.value !== OwnCode && name.value === "") name.value = sample.value;
  });

  const form = h("form", { class: "card", "aria-labelledby": "submit-heading" },
    h("h2", { id: "submit-heading" }, "Submit a job"),
    field("Start from", sample), field("Job name", name), ownFields,
    h("div", { class: "row" }, field("Results that must agree", quorum), field("Price per validated unit (cents)", price)),
    submit, message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submission = readForm();
    if (typeof submission === "string") {
      showMessage(message, submission, "error");
      return;
    }
    submit.disabled = true;
    showMessage(message, "Submitting…");
    try {
      const job = await submitJob(submission);
      showMessage(message, `Submitted “${job.name}”: ${job.units} units.`);
      onSubmitted(job);
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not reach the server.", "error");
    } finally {
      submit.disabled = false;
    }
  });
  return form;

  /** The submission, or what is wrong with the form in words. */
  function readForm(): JobSubmission | string {
    const submission: JobSubmission = { name: name.value.trim(), policy: { quorum: Number(quorum.value) } };
    if (price.value !== "") submission.priceCentsPerUnit = Number(price.value);
    if (sample.value !== OwnCode) return { ...submission, sample: sample.value };
    if (code.value.trim() === "") return "Paste the job's code, or start from a sample.";
    if (price.value === "") return "Give a price per validated unit in cents (0 for free work).";
    try {
      submission.inputs = JSON.parse(inputs.value);
    } catch {
      return "The inputs are not valid JSON: give a JSON array with one element per unit.";
    }
    if (!Array.isArray(submission.inputs)) return "The inputs must be a JSON array, one element per unit.";
    return { ...submission, code: code.value };
  }
}

function textField(label: string, area: HTMLTextAreaElement): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: area.id }, label), area);
}
