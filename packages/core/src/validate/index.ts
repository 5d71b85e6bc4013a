import type { Diagnostic, IamServiceData, PolicyType } from "../types.js";

export interface ValidateOptions {
  policyType?: PolicyType;
  serviceData?: IamServiceData;
}

export function validatePolicy(_input: unknown, _options?: ValidateOptions): Diagnostic[] {
  throw new Error("validatePolicy: not implemented yet");
}
