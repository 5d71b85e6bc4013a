// @iamspec/policies/service-data: the IAM service reference data of every service, as core's
// `IamServiceData` (used to validate actions and list what a policy grants).
import { createServiceData, type IamServiceData } from "@iamspec/core";
import { compactServiceData } from "./generated/service-data.js";

export const serviceData: IamServiceData = createServiceData(compactServiceData);
