// Validates large policies off the main thread: core's validatePolicy with the IAM service data
// takes a few hundred milliseconds on the biggest AWS managed policies, which would freeze typing.
import { validatePolicy, type IamServiceData, type PolicyType } from "@iamspec/core";
import { validateOptionsFor } from "./validate-options.js";

export interface LintRequest {
  id: number;
  text: string;
  policyType: PolicyType;
  withServiceData: boolean;
  /** An unedited bundled AWS managed policy (see LintOptions). */
  awsManaged: boolean;
}

let serviceData: Promise<IamServiceData | undefined> | undefined;

// The worker global, typed narrowly (the DOM lib is this package's lib).
const scope = self as unknown as {
  addEventListener(type: "message", listener: (event: MessageEvent<LintRequest>) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener("message", (event) => {
  void answer(event.data);
});

async function answer({
  id,
  text,
  policyType,
  withServiceData,
  awsManaged,
}: LintRequest): Promise<void> {
  if (withServiceData) {
    serviceData ??= import("@iamspec/policies/service-data").then(
      (module) => module.serviceData,
      () => undefined,
    );
  }
  const data = withServiceData ? await serviceData : undefined;
  try {
    const diagnostics = validatePolicy(text, validateOptionsFor(policyType, data, { awsManaged }));
    scope.postMessage({ id, diagnostics });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
}
