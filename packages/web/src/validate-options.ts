// The options the playground passes to core's validatePolicy, on the main thread and in the lint worker
// alike, so that both report the same findings for the same policy.
import type { IamServiceData, PolicyType, ValidateOptions } from "@iamspec/core";

export interface LintOptions {
  /**
   * The editor holds a bundled AWS managed policy, unedited. AWS managed policies are not bound by the
   * 6,144-character quota of customer managed ones; once edited, the text is the user's own policy (to
   * be created as customer managed) and the quota applies again.
   */
  awsManaged?: boolean;
}

export function validateOptionsFor(
  policyType: PolicyType,
  serviceData: IamServiceData | undefined,
  options: LintOptions = {},
): ValidateOptions {
  return {
    policyType,
    ...(serviceData && { serviceData }),
    ...(options.awsManaged === true && { awsManaged: true }),
  };
}
