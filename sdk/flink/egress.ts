/**
 * Declared egress: where Flink pods may connect to beyond what the platform
 * allows itself. Checks EgressRuleArgs and turns each into a NetworkPolicy
 * egress rule (to CIDR blocks, or to pods by namespace and labels, on its
 * ports). Pure.
 */
import { RunError } from "@pulumi/pulumi";
import type { types } from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { EgressProtocol, EgressRuleArgs } from "./args/namespace";
import { Environment } from "./environment";
import { mapInput } from "./inputs";
import { namespaceSelector } from "./labels";
import { Problems, requireCidrs, requireDnsLabel, requireEnum, requirePort, requireUnique } from "./validation";

/** A checked rule: its name and the NetworkPolicy egress rule it allows. */
export interface EgressRulePlan {
    name: string;
    rule: types.input.networking.v1.NetworkPolicyEgressRule;
}

const anyAddress = ["0.0.0.0/0", "::/0"];

/**
 * Checks every rule (all problems at once) and returns their NetworkPolicy rules.
 * `field` names the list in messages, such as `FlinkCluster "orders": egress`.
 */
export function planEgressRules(field: string, environment: Environment, rules: EgressRuleArgs[] | undefined): EgressRulePlan[] {
    if (rules === undefined) {
        return [];
    }
    const problems = new Problems();
    problems.attempt(() => requireUnique(`${field}[].name`, rules.map((rule) => rule.name)), undefined);
    const planned = rules.map((rule, i) => problems.attempt(() => planEgressRule(`${field}[${i}]`, environment, rule), undefined));
    problems.throwAny();
    return planned as EgressRulePlan[];
}

function planEgressRule(at: string, environment: Environment, rule: EgressRuleArgs): EgressRulePlan {
    const problems = new Problems();
    const name = problems.attempt(() => requireDnsLabel(`${at}.name`, rule.name), rule.name);
    const inCluster = rule.namespaces !== undefined || rule.podLabels !== undefined;
    if (rule.cidrs === undefined && !inCluster) {
        problems.add(`${at}: has no destination; give cidrs (addresses outside the cluster), or namespaces and/or podLabels (pods inside it)`);
    }
    if (rule.cidrs !== undefined && inCluster) {
        problems.add(`${at}: has both cidrs and namespaces/podLabels; a destination is either outside the cluster or inside it: split it into two rules`);
    }
    if (rule.ports.length === 0) {
        // A NetworkPolicy rule without ports allows every port.
        problems.add(`${at}.ports: [] is not valid; expected a list of at least one port`);
    }
    rule.ports.forEach((port, i) => problems.attempt(() => requirePort(`${at}.ports[${i}]`, port), undefined));
    const protocol = problems.attempt(() => requireEnum(`${at}.protocol`, rule.protocol ?? EgressProtocol.Tcp, EgressProtocol), EgressProtocol.Tcp);
    (rule.namespaces ?? []).forEach((namespace, i) => problems.attempt(() => requireDnsLabel(`${at}.namespaces[${i}]`, namespace), undefined));
    if (rule.namespaces !== undefined && rule.namespaces.length === 0) {
        // An empty namespace list would select no namespace; to mean every namespace is not what a reader expects.
        problems.add(`${at}.namespaces: [] is not valid; expected a list of at least one namespace`);
    }
    const cidrs = rule.cidrs === undefined ? undefined : problems.attempt(() => requireCidrs(`${at}.cidrs`, rule.cidrs as pulumi.Input<pulumi.Input<string>[]>,
        (cidrField, cidr) => {
            if (environment === Environment.Prod && anyAddress.includes(cidr) && rule.allowAnyAddress !== true) {
                throw new RunError(`${cidrField}: ${JSON.stringify(cidr)} is any address, which prod refuses unless said on purpose; ` +
                    "narrow it to the destination's addresses, or set allowAnyAddress: true");
            }
        }), undefined);
    problems.throwAny();
    const to = cidrs !== undefined
        ? mapInput(cidrs, (cidr) => ({ ipBlock: { cidr } }))
        : [{
            ...(rule.namespaces === undefined ? {} : { namespaceSelector: namespaceSelector(...rule.namespaces) }),
            ...(rule.podLabels === undefined ? {} : { podSelector: { matchLabels: rule.podLabels } }),
        }];
    return { name, rule: { to, ports: rule.ports.map((port) => ({ protocol, port })) } };
}
