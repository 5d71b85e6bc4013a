// CREDENTIALS_EXPOSURE (parliament community auditor): an Allow of actions whose response carries
// credentials — temporary security credentials, access keys, passwords, tokens or signed connection
// details. The list follows parliament's (credentials_exposure.py) with names written as the Service
// Authorization Reference spells them, plus later actions of the same kind; a test checks every name
// against the IAM service data (parliament's sso:GetRoleCredentials is left out: the SSO portal API is called
// with an access token, not authorised by IAM policies, and the IAM data has no such action).
import type { ValidationContext } from "./context.js";
import { isItself, listActions, policyGrants, reportGrantedActions } from "./granted-actions.js";
import type { LocatedPolicy } from "../policy/located-policy.js";
import { patternCovers } from "./wildcards.js";

export const CREDENTIAL_ACTIONS: readonly string[] = [
  // parliament's list
  "codepipeline:PollForJobs",
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-identity:GetOpenIdToken",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "cognito-idp:AssociateSoftwareToken",
  "connect:GetFederationToken",
  "ecr:GetAuthorizationToken",
  "gamelift:RequestUploadCredentials",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "mediapackage:RotateIngestEndpointCredentials",
  "rds-db:connect",
  "redshift:GetClusterCredentials",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
  "sts:GetSessionToken",
  // later actions of the same kind (each returns a token, password or credentials in its response)
  "codeartifact:GetAuthorizationToken",
  "ecr-public:GetAuthorizationToken",
  "redshift:GetClusterCredentialsWithIAM",
  "redshift-serverless:GetCredentials",
  "sts:AssumeRoot",
];

export function checkCredentialsExposure(ctx: ValidationContext, policy: LocatedPolicy): void {
  if (!policyGrants(ctx)) return;
  reportGrantedActions(ctx, policy, {
    code: "CREDENTIALS_EXPOSURE",
    matching: (pattern) => CREDENTIAL_ACTIONS.filter((a) => patternCovers(pattern, a)),
    all: () => [...CREDENTIAL_ACTIONS],
    message: (element, actions) =>
      isItself(element, actions)
        ? `${element} returns credentials: whoever is granted it obtains them.`
        : `${element} grants ${actions.length === 1 ? "an action" : "actions"} that return${actions.length === 1 ? "s" : ""} credentials (${listActions(actions)}).`,
    hint: "Make sure the holder should obtain these credentials; limit the resources (e.g. the roles it may assume) or add conditions.",
  });
}
