/**
 * The Kubernetes Pod Security Standards, baseline and restricted, as the
 * pod-security admission controller checks them at policy version "latest"
 * on Kubernetes 1.35/1.36 (k8s.io/pod-security-admission/policy/check_*.go):
 * including host probes (1.34), the user-namespace relaxations (1.35, pods
 * with `hostUsers: false`), `image` volumes in restricted (1.33), the
 * `container_engine_t` SELinux type (1.31) and the sysctls safe through 1.32;
 * beyond admission, baseline also refuses sysctl values carrying "+" or "="
 * (CVE-2022-0811).
 * Checked on every pod a resource creates: Pods, workload templates and the
 * merged JobManager/TaskManager pods of a FlinkDeployment; containers, init
 * containers and ephemeral containers alike.
 */
import { ContainerView, containersOf, namespaceOf, PodView } from "../lib/k8s";
import { hasPods, podsOf } from "../lib/pods";
import { resourcePolicy, stringList } from "../lib/policy";
import { at, isFalse, isRec, isTrue, matchesAny, num, quoted, Rec, rec, recs, text, texts } from "../lib/values";

/** Capabilities baseline allows adding (the container runtime's default set). */
export const baselineCapabilities = [
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
];

/** Sysctls that are namespaced and isolated between pods (safe since policy 1.0, 1.27, 1.29, 1.32). */
export const safeSysctls = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

export const allowedSelinuxTypes = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

/** Volume types restricted allows. */
export const restrictedVolumeTypes = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"];

const appArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

interface PssConfig {
    exemptNamespaces: string[];
}

const pssConfigSchema = {
    properties: {
        exemptNamespaces: stringList("Namespaces (patterns with *) whose pods are not checked, like the admission controller's exemptions."),
    },
};

function securityContext(view: { container: Rec }): Rec {
    return rec(view.container.securityContext);
}

/** "pod", `container "a"`, … joined for a message. */
function join(offenders: string[]): string {
    return offenders.join(", ");
}

function probeHosts(container: Rec): string[] {
    const hosts: string[] = [];
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        for (const handler of ["httpGet", "tcpSocket"]) {
            const host = text(at(container, probe, handler, "host"));
            if (host !== undefined) hosts.push(host);
        }
    }
    for (const hook of ["postStart", "preStop"]) {
        for (const handler of ["httpGet", "tcpSocket"]) {
            const host = text(at(container, "lifecycle", hook, handler, "host"));
            if (host !== undefined) hosts.push(host);
        }
    }
    return hosts;
}

/** Baseline violations of one pod, each `<where>: <control>: <detail>`. */
export function baselineViolations(pod: PodView): string[] {
    const messages: string[] = [];
    const report = (control: string, detail: string) => messages.push(`${pod.where}: ${control}: ${detail}`);
    const spec = pod.spec;
    const podContext = rec(spec.securityContext);
    const containers = containersOf(spec);

    // HostProcess
    const hostProcess = [
        ...(isTrue(at(podContext, "windowsOptions", "hostProcess")) ? ["pod"] : []),
        ...containers.filter((c) => isTrue(at(securityContext(c), "windowsOptions", "hostProcess"))).map((c) => c.label),
    ];
    if (hostProcess.length > 0) {
        report("HostProcess", `${join(hostProcess)} must not set securityContext.windowsOptions.hostProcess=true`);
    }

    // Host Namespaces
    const hostNamespaces = ["hostNetwork", "hostPID", "hostIPC"].filter((field) => isTrue(spec[field]));
    if (hostNamespaces.length > 0) {
        report("Host Namespaces", `must not set ${hostNamespaces.map((f) => `${f}=true`).join(", ")}`);
    }

    // Privileged Containers
    const privileged = containers.filter((c) => isTrue(securityContext(c).privileged)).map((c) => c.label);
    if (privileged.length > 0) {
        report("Privileged Containers", `${join(privileged)} must not set securityContext.privileged=true`);
    }

    // Capabilities
    for (const c of containers) {
        const added = texts(at(securityContext(c), "capabilities", "add")).filter((cap) => !baselineCapabilities.includes(cap));
        if (added.length > 0) {
            report("Capabilities", `${c.label} must not add ${quoted(added)} (beyond the baseline set)`);
        }
    }

    // HostPath Volumes
    const hostPaths = recs(spec.volumes).filter((v) => v.hostPath !== undefined && v.hostPath !== null).map((v) => text(v.name) ?? "?");
    if (hostPaths.length > 0) {
        report("HostPath Volumes", `${hostPaths.length === 1 ? "volume" : "volumes"} ${quoted(hostPaths)} must not use hostPath`);
    }

    // Host Ports
    for (const c of containers) {
        const ports = recs(c.container.ports).map((p) => p.hostPort).filter((p) => p !== undefined && p !== null && num(p) !== 0);
        if (ports.length > 0) {
            report("Host Ports", `${c.label} must not set hostPort ${ports.map((p) => text(p) ?? JSON.stringify(p)).join(", ")}`);
        }
    }

    // Host Probes / Lifecycle Hooks (policy 1.34)
    for (const c of containers) {
        const hosts = probeHosts(c.container);
        if (hosts.length > 0) {
            report("Host Probes / Lifecycle Hooks", `${c.label} must not set a host in probes or lifecycle handlers (${quoted(hosts)})`);
        }
    }

    // AppArmor: the field (pod and containers) and the deprecated annotation.
    const appArmor: string[] = [];
    const appArmorTypes: string[] = [];
    const checkAppArmor = (who: string, context: Rec) => {
        const type = at(context, "appArmorProfile", "type");
        if (type !== undefined && type !== null && type !== "RuntimeDefault" && type !== "Localhost") {
            appArmor.push(who);
            appArmorTypes.push(text(type) ?? JSON.stringify(type));
        }
    };
    checkAppArmor("pod", podContext);
    containers.forEach((c) => checkAppArmor(c.label, securityContext(c)));
    if (appArmor.length > 0) {
        report("AppArmor", `${join(appArmor)} must not set securityContext.appArmorProfile.type to ${quoted([...new Set(appArmorTypes)])}`);
    }
    for (const [key, value] of Object.entries(rec(pod.metadata.annotations))) {
        const profile = text(value) ?? "";
        if (key.startsWith(appArmorAnnotationPrefix) && profile !== "" && profile !== "runtime/default" && !profile.startsWith("localhost/")) {
            report("AppArmor", `annotation ${key}=${JSON.stringify(profile)} is not allowed (runtime/default or localhost/* only)`);
        }
    }

    // SELinux
    const checkSelinux = (who: string, context: Rec) => {
        const options = context.seLinuxOptions;
        if (!isRec(options)) {
            return;
        }
        const problems: string[] = [];
        const type = text(options.type);
        if (type !== undefined && !allowedSelinuxTypes.includes(type)) problems.push(`type ${JSON.stringify(type)}`);
        if (text(options.user) !== undefined) problems.push("user");
        if (text(options.role) !== undefined) problems.push("role");
        if (problems.length > 0) {
            report("SELinux", `${who} must not set securityContext.seLinuxOptions ${problems.join(", ")}`);
        }
    };
    checkSelinux("pod", podContext);
    containers.forEach((c) => checkSelinux(c.label, securityContext(c)));

    // /proc Mount Type (policy 1.35: any type in a user namespace)
    if (!isFalse(spec.hostUsers)) {
        procMountViolations(containers).forEach((detail) => report("/proc Mount Type", detail));
    }

    // Seccomp
    const unconfined = [
        ...(text(at(podContext, "seccompProfile", "type")) === "Unconfined" ? ["pod"] : []),
        ...containers.filter((c) => text(at(securityContext(c), "seccompProfile", "type")) === "Unconfined").map((c) => c.label),
    ];
    if (unconfined.length > 0) {
        report("Seccomp", `${join(unconfined)} must not set securityContext.seccompProfile.type to "Unconfined"`);
    }

    // Sysctls: names outside the safe set, and values that carry further sysctls (any name)
    const sysctlEntries = recs(podContext.sysctls);
    const sysctls = sysctlEntries.map((s) => text(s.name) ?? "?").filter((name) => !safeSysctls.includes(name));
    if (sysctls.length > 0) {
        report("Sysctls", `pod must not set unsafe sysctls ${quoted(sysctls)}`);
    }
    const injecting = sysctlEntries
        .filter((s) => sysctlInjects(s.value))
        .map((s) => `${text(s.name) ?? "?"}=${text(s.value) ?? ""}`);
    if (injecting.length > 0) {
        report("Sysctls", `pod must not set sysctl values containing "+" or "=" (${quoted(injecting)}): CRI-O (CVE-2022-0811, "cr8escape") `
            + "reads them as further sysctls, which lets the pod run code as root on its node");
    }
    return messages;
}

/**
 * A sysctl value that smuggles in further sysctls: CRI-O joined each pod sysctl as `name=value` with `+` between
 * them, so a value holding "+" or "=" set other kernel parameters too (kernel.core_pattern: code run as root on
 * the node). CVE-2022-0811 (NVD: "achieve a container escape and arbitrary code execution as root on the
 * cluster node"); the usual remedy is refusing such values (Kyverno policy "Prevent cr8escape (CVE-2022-0811)").
 * Admission's Sysctls control checks names only.
 */
export function sysctlInjects(value: unknown): boolean {
    const v = text(value);
    return v !== undefined && (v.includes("+") || v.includes("="));
}

function procMountViolations(containers: ContainerView[]): string[] {
    const details: string[] = [];
    for (const c of containers) {
        const procMount = securityContext(c).procMount;
        if (procMount !== undefined && procMount !== null && procMount !== "Default") {
            details.push(`${c.label} must not set securityContext.procMount to ${JSON.stringify(text(procMount) ?? procMount)}`);
        }
    }
    return details;
}

/** The volume source a volume sets (the first field other than name), or "unknown". */
function volumeType(volume: Rec): string {
    return Object.keys(volume).find((key) => key !== "name" && volume[key] !== undefined && volume[key] !== null) ?? "unknown";
}

/** What restricted adds to baseline, each `<where>: <control>: <detail>`. */
export function restrictedViolations(pod: PodView): string[] {
    const messages: string[] = [];
    const report = (control: string, detail: string) => messages.push(`${pod.where}: ${control}: ${detail}`);
    const spec = pod.spec;
    const podContext = rec(spec.securityContext);
    const containers = containersOf(spec);
    const windows = text(at(spec, "os", "name")) === "windows";
    const userNamespace = isFalse(spec.hostUsers);

    // Volume Types
    for (const volume of recs(spec.volumes)) {
        const type = volumeType(volume);
        if (!restrictedVolumeTypes.includes(type)) {
            report("Volume Types", `volume ${JSON.stringify(text(volume.name) ?? "?")} must not use ${type} (allowed: ${restrictedVolumeTypes.join(", ")})`);
        }
    }

    // Privilege Escalation (Windows pods exempt)
    if (!windows) {
        const escalating = containers.filter((c) => !isFalse(securityContext(c).allowPrivilegeEscalation)).map((c) => c.label);
        if (escalating.length > 0) {
            report("Privilege Escalation", `${join(escalating)} must set securityContext.allowPrivilegeEscalation=false`);
        }
    }

    // Running as Non-root and Non-root user (pods in a user namespace exempt, policy 1.35)
    if (!userNamespace) {
        const podNonRoot = isTrue(podContext.runAsNonRoot);
        const explicit = [
            ...(isFalse(podContext.runAsNonRoot) ? ["pod"] : []),
            ...containers.filter((c) => isFalse(securityContext(c).runAsNonRoot)).map((c) => c.label),
        ];
        if (explicit.length > 0) {
            report("Running as Non-root", `${join(explicit)} must not set securityContext.runAsNonRoot=false`);
        }
        const implicit = containers
            .filter((c) => !isTrue(securityContext(c).runAsNonRoot) && !isFalse(securityContext(c).runAsNonRoot) && !podNonRoot)
            .map((c) => c.label);
        if (implicit.length > 0) {
            report("Running as Non-root", `pod or ${join(implicit)} must set securityContext.runAsNonRoot=true`);
        }
        const root = [
            ...(num(podContext.runAsUser) === 0 ? ["pod"] : []),
            ...containers.filter((c) => num(securityContext(c).runAsUser) === 0).map((c) => c.label),
        ];
        if (root.length > 0) {
            report("Running as Non-root user", `${join(root)} must not set runAsUser=0`);
        }
    }

    // Seccomp and Capabilities (Windows pods exempt)
    if (!windows) {
        const valid = (type: unknown) => type === "RuntimeDefault" || type === "Localhost";
        const isSet = (type: unknown) => type !== undefined && type !== null;
        const podType = at(podContext, "seccompProfile", "type");
        const podValid = valid(podType);
        const badSetters: string[] = [];
        const badValues = new Set<string>();
        const implicit: string[] = [];
        if (isSet(podType) && !podValid) {
            badSetters.push("pod");
            badValues.add(text(podType) ?? JSON.stringify(podType));
        }
        for (const c of containers) {
            const type = at(securityContext(c), "seccompProfile", "type");
            if (isSet(type) && !valid(type)) {
                badSetters.push(c.label);
                badValues.add(text(type) ?? JSON.stringify(type));
            } else if (!isSet(type) && !podValid) {
                implicit.push(c.label);
            }
        }
        if (badSetters.length > 0) {
            report("Seccomp", `${join(badSetters)} must not set securityContext.seccompProfile.type to ${quoted(badValues)}`);
        }
        if (implicit.length > 0) {
            report("Seccomp", `pod or ${join(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
        }
        const keepsCapabilities = containers.filter((c) => !texts(at(securityContext(c), "capabilities", "drop")).includes("ALL")).map((c) => c.label);
        if (keepsCapabilities.length > 0) {
            report("Capabilities", `${join(keepsCapabilities)} must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])`);
        }
        for (const c of containers) {
            const added = texts(at(securityContext(c), "capabilities", "add")).filter((cap) => cap !== "NET_BIND_SERVICE");
            if (added.length > 0) {
                report("Capabilities", `${c.label} must not add ${quoted(added)} (only NET_BIND_SERVICE)`);
            }
        }
    }

    // /proc Mount Type: Default only, user namespace or not (policy 1.35)
    procMountViolations(containers).forEach((detail) => report("/proc Mount Type", detail));
    return messages;
}

/** A mandatory policy holding every pod of a resource, outside exemptNamespaces, to one Pod Security Standards profile. */
function profilePolicy(name: string, description: string, violations: (pod: PodView) => string[]) {
    return resourcePolicy<PssConfig>({
        name,
        description,
        enforcementLevel: "mandatory",
        configSchema: pssConfigSchema,
        appliesTo: hasPods,
        check: ({ type, props, provider }, config, report) => {
            if (matchesAny(texts(config.exemptNamespaces), namespaceOf(props, rec(provider)))) return;
            podsOf(type, props).flatMap(violations).forEach(report);
        },
    });
}

export const podSecurityPolicies = [
    profilePolicy(
        "pss-baseline",
        "Pods meet the Kubernetes Pod Security Standards baseline profile (host namespaces, privileged, capabilities, hostPath, host ports, "
            + "probe hosts, AppArmor, SELinux, /proc mount, seccomp, sysctls, HostProcess), and set no sysctl value carrying \"+\" or \"=\" (CVE-2022-0811).",
        baselineViolations,
    ),
    profilePolicy(
        "pss-restricted",
        "Pods meet what the Pod Security Standards restricted profile adds to baseline (volume types, no privilege escalation, "
            + "non-root, seccomp RuntimeDefault or Localhost, drop ALL capabilities, default /proc mount).",
        restrictedViolations,
    ),
];
