/**
 * The policies of the pack, one module per concern under rules/. Kept apart
 * from index.ts, which constructs the PolicyPack (constructing one starts a
 * gRPC server), so tests can import them.
 */
import { Policies } from "@pulumi/policy";
import { flinkPolicies } from "./rules/flink";
import { imagePolicies } from "./rules/images";
import { networkPolicies } from "./rules/network";
import { podSecurityPolicies } from "./rules/pod-security";
import { rbacPolicies } from "./rules/rbac";
import { resourcePolicies } from "./rules/resources";

export const policies: Policies = [
    ...podSecurityPolicies,
    ...resourcePolicies,
    ...imagePolicies,
    ...networkPolicies,
    ...rbacPolicies,
    ...flinkPolicies,
];
