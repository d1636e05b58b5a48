/**
 * The policies of the pack. Kept apart from index.ts, which constructs the
 * PolicyPack (constructing one starts a gRPC server), so tests can import them.
 */
import { Policies } from "@pulumi/policy";

export const policies: Policies = [];
