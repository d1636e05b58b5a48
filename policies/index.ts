/** The CrossGuard policy pack: `pulumi preview --policy-pack policies --policy-pack-config policies/config/<env>.json`. */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("flink-platform", { policies });
