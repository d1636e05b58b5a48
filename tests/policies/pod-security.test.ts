import * as assert from "node:assert/strict";
import { container, cronJob, deployment, flinkDeployment, flinkTemplate, pod, podSpec, restrictedContext } from "./fixtures";
import { messages } from "./runner";

describe("policies: Pod Security Standards", () => {
    it("secure pods, workload templates and FlinkDeployments pass baseline and restricted", async () => {
        for (const resource of [pod(), deployment(), cronJob(), flinkDeployment()]) {
            assert.deepEqual(await messages("pss-baseline", resource), [], resource.type);
            assert.deepEqual(await messages("pss-restricted", resource), [], resource.type);
        }
    });

    it("pss-baseline: reports every baseline control a pod breaks, numbers and booleans as strings included", async () => {
        const spec = podSpec({
            hostNetwork: true,
            hostPID: "true",
            hostIPC: false,
            securityContext: {
                seccompProfile: { type: "Unconfined" },
                seLinuxOptions: { type: "spc_t", user: "system_u" },
                appArmorProfile: { type: "Unconfined" },
                sysctls: [{ name: "kernel.msgmax", value: "65536" }, { name: "net.ipv4.tcp_syncookies", value: "1" }],
            },
            initContainers: [container("setup", { securityContext: { windowsOptions: { hostProcess: true } } })],
            containers: [container("app", {
                securityContext: { privileged: true, procMount: "Unmasked", capabilities: { add: ["NET_BIND_SERVICE", "SYS_ADMIN"] } },
                ports: [{ containerPort: 8080, hostPort: "8080" }],
                livenessProbe: { httpGet: { host: "10.0.0.1", path: "/", port: 8080 } },
            })],
            volumes: [{ name: "host", hostPath: { path: "/" } }],
        });
        const annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" };
        assert.deepEqual(await messages("pss-baseline", pod(spec, { annotations })), [
            'pod: HostProcess: init container "setup" must not set securityContext.windowsOptions.hostProcess=true',
            "pod: Host Namespaces: must not set hostNetwork=true, hostPID=true",
            'pod: Privileged Containers: container "app" must not set securityContext.privileged=true',
            'pod: Capabilities: container "app" must not add "SYS_ADMIN" (beyond the baseline set)',
            'pod: HostPath Volumes: volume "host" must not use hostPath',
            'pod: Host Ports: container "app" must not set hostPort 8080',
            'pod: Host Probes / Lifecycle Hooks: container "app" must not set a host in probes or lifecycle handlers ("10.0.0.1")',
            'pod: AppArmor: pod must not set securityContext.appArmorProfile.type to "Unconfined"',
            'pod: AppArmor: annotation container.apparmor.security.beta.kubernetes.io/app="unconfined" is not allowed (runtime/default or localhost/* only)',
            'pod: SELinux: pod must not set securityContext.seLinuxOptions type "spc_t", user',
            'pod: /proc Mount Type: container "app" must not set securityContext.procMount to "Unmasked"',
            'pod: Seccomp: pod must not set securityContext.seccompProfile.type to "Unconfined"',
            'pod: Sysctls: pod must not set unsafe sysctls "kernel.msgmax"',
        ]);
    });

    it("pss-baseline: allows what baseline allows (safe sysctls, allowed capabilities and SELinux types, Localhost AppArmor, hostPort 0, any /proc mount with hostUsers: false)", async () => {
        const spec = podSpec({
            hostUsers: false,
            securityContext: {
                seLinuxOptions: { type: "container_engine_t" },
                appArmorProfile: { type: "Localhost", localhostProfile: "k8s-flink" },
                sysctls: [{ name: "net.ipv4.tcp_rmem", value: "4096 87380 6291456" }, { name: "net.ipv4.ip_local_port_range", value: "1024 65535" }],
            },
            containers: [container("app", {
                securityContext: { procMount: "Unmasked", capabilities: { add: ["NET_BIND_SERVICE", "CHOWN"] } },
                ports: [{ containerPort: 80, hostPort: 0 }],
            })],
        });
        assert.deepEqual(await messages("pss-baseline", pod(spec, { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-flink" } })), []);
    });

    it("pss-baseline: a sysctl value carrying \"+\" or \"=\" is refused whatever the name (CVE-2022-0811); plain values of safe sysctls pass", async () => {
        const sysctls = (entries: { name: unknown; value: unknown }[]) => pod(podSpec({ securityContext: { runAsNonRoot: true, sysctls: entries } }));
        assert.deepEqual(await messages("pss-baseline", sysctls([
            { name: "net.ipv4.ip_local_port_range", value: "32768 60999" },
            { name: "kernel.shm_rmid_forced", value: 1 },
            { name: "net.ipv4.tcp_keepalive_time", value: "600" },
        ])), []);
        assert.deepEqual(await messages("pss-baseline", sysctls([
            { name: "kernel.shm_rmid_forced", value: "1+kernel.core_pattern=|/var/lib/containers/x/malicious.sh #" },
            { name: "net.ipv4.tcp_syncookies", value: "1=1" },
            { name: "net.ipv4.tcp_keepalive_time", value: "600" },
            { name: "kernel.msgmax", value: "65536+kernel.shmmax=1" },
        ])), [
            'pod: Sysctls: pod must not set unsafe sysctls "kernel.msgmax"',
            'pod: Sysctls: pod must not set sysctl values containing "+" or "=" ("kernel.shm_rmid_forced=1+kernel.core_pattern=|/var/lib/containers/x/malicious.sh #", '
                + '"net.ipv4.tcp_syncookies=1=1", "kernel.msgmax=65536+kernel.shmmax=1"): CRI-O (CVE-2022-0811, "cr8escape") reads them as further sysctls, '
                + "which lets the pod run code as root on its node",
        ]);
        // Restricted holds only what it adds to baseline: the sysctl controls are baseline's, which runs beside it.
        assert.deepEqual(await messages("pss-restricted", sysctls([{ name: "kernel.shm_rmid_forced", value: "1+kernel.core_pattern=|/x" }])), []);
    });

    it("pss-restricted: reports every restricted control a pod breaks, for containers, init and ephemeral containers", async () => {
        const spec = {
            serviceAccountName: "app",
            automountServiceAccountToken: false,
            securityContext: { runAsUser: "0" },
            containers: [{ ...container("app"), securityContext: { capabilities: { add: ["SYS_TIME"] } } }],
            ephemeralContainers: [container("debug", { securityContext: { runAsNonRoot: false, seccompProfile: { type: "Unconfined" } } })],
            volumes: [{ name: "shared", nfs: { server: "nfs.example", path: "/" } }, { name: "scratch", emptyDir: {} }, { name: "model", image: { reference: "x" } }],
        };
        assert.deepEqual(await messages("pss-restricted", pod(spec)), [
            'pod: Volume Types: volume "shared" must not use nfs (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret)',
            'pod: Privilege Escalation: container "app" must set securityContext.allowPrivilegeEscalation=false',
            'pod: Running as Non-root: ephemeral container "debug" must not set securityContext.runAsNonRoot=false',
            'pod: Running as Non-root: pod or container "app" must set securityContext.runAsNonRoot=true',
            "pod: Running as Non-root user: pod must not set runAsUser=0",
            'pod: Seccomp: ephemeral container "debug" must not set securityContext.seccompProfile.type to "Unconfined"',
            'pod: Seccomp: pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
            'pod: Capabilities: container "app" must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])',
            'pod: Capabilities: container "app" must not add "SYS_TIME" (only NET_BIND_SERVICE)',
        ]);
    });

    it("pss-restricted: Windows pods are exempt from privilege escalation, seccomp and capabilities; pods with hostUsers: false from the non-root checks but not /proc mount", async () => {
        const bare = { name: "app", image: "registry.acme.example/app:1.0.0" };
        const windows = { os: { name: "windows" }, securityContext: { runAsNonRoot: true }, containers: [bare] };
        assert.deepEqual(await messages("pss-restricted", pod(windows)), []);
        const userNamespace = podSpec({
            hostUsers: false,
            securityContext: { runAsUser: 0, runAsNonRoot: undefined },
            containers: [container("app", { securityContext: { runAsNonRoot: undefined, procMount: "Unmasked" } })],
        });
        assert.deepEqual(await messages("pss-restricted", pod(userNamespace)), [
            'pod: /proc Mount Type: container "app" must not set securityContext.procMount to "Unmasked"',
        ]);
    });

    it("checks the pod template of every workload kind and names where it is", async () => {
        const privileged = podSpec({ containers: [container("app", { securityContext: { privileged: true } })] });
        assert.deepEqual(await messages("pss-baseline", deployment(privileged)), [
            'pod template: Privileged Containers: container "app" must not set securityContext.privileged=true',
        ]);
        assert.deepEqual(await messages("pss-baseline", cronJob(podSpec({ hostIPC: true }))), ["pod template: Host Namespaces: must not set hostIPC=true"]);
    });

    it("FlinkDeployment: checks the merged JobManager and TaskManager pods; spec.podTemplate is inherited", async () => {
        const sidecar = container("sidecar", { securityContext: { privileged: true } });
        const withSidecar = flinkDeployment({ spec: { podTemplate: { spec: { containers: [{ name: "flink-main-container" }, sidecar] } } } });
        assert.deepEqual(await messages("pss-baseline", withSidecar), [
            'JobManager pod: Privileged Containers: container "sidecar" must not set securityContext.privileged=true',
            'TaskManager pod: Privileged Containers: container "sidecar" must not set securityContext.privileged=true',
        ]);
        // Security contexts set only in the base template are inherited by both components.
        const inherited = flinkDeployment({
            spec: { podTemplate: flinkTemplate(), jobManager: { podTemplate: { metadata: { labels: { tier: "jm" } } } }, taskManager: { podTemplate: undefined } },
        });
        assert.deepEqual(await messages("pss-restricted", inherited), []);
    });

    it("FlinkDeployment: Flink's main container counts even when no template declares it", async () => {
        const bare = flinkDeployment({ spec: { jobManager: { podTemplate: undefined }, taskManager: { podTemplate: undefined } } });
        const expected = (pod: string) => [
            `${pod}: Privilege Escalation: container "flink-main-container" must set securityContext.allowPrivilegeEscalation=false`,
            `${pod}: Running as Non-root: pod or container "flink-main-container" must set securityContext.runAsNonRoot=true`,
            `${pod}: Seccomp: pod or container "flink-main-container" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
            `${pod}: Capabilities: container "flink-main-container" must drop ALL capabilities (securityContext.capabilities.drop: ["ALL"])`,
        ];
        assert.deepEqual(await messages("pss-restricted", bare), [...expected("JobManager pod"), ...expected("TaskManager pod")]);
    });

    it("FlinkDeployment: arrays merge by position unless kubernetes.operator.pod-template.merge-arrays-by-name is true", async () => {
        const base = { spec: { containers: [container("sidecar", { securityContext: { privileged: true } })] } };
        const byPosition = flinkDeployment({ spec: { podTemplate: base, taskManager: { podTemplate: undefined } } });
        // By position the JobManager's main container (index 0) is merged onto the privileged sidecar and inherits privileged.
        assert.deepEqual(await messages("pss-baseline", byPosition), [
            'JobManager pod: Privileged Containers: container "flink-main-container" must not set securityContext.privileged=true',
            'TaskManager pod: Privileged Containers: container "sidecar" must not set securityContext.privileged=true',
        ]);
        const byName = flinkDeployment({
            spec: { podTemplate: base, taskManager: { podTemplate: undefined }, flinkConfiguration: { "kubernetes.operator.pod-template.merge-arrays-by-name": "true" } },
        });
        assert.deepEqual(await messages("pss-baseline", byName), [
            'JobManager pod: Privileged Containers: container "sidecar" must not set securityContext.privileged=true',
            'TaskManager pod: Privileged Containers: container "sidecar" must not set securityContext.privileged=true',
        ]);
    });

    it("exemptNamespaces skips pods of matching namespaces", async () => {
        const privileged = pod(podSpec({ hostPID: true }), { namespace: "kube-system" });
        assert.deepEqual(await messages("pss-baseline", privileged, { exemptNamespaces: ["kube-*"] }), []);
        assert.deepEqual(await messages("pss-baseline", privileged), ["pod: Host Namespaces: must not set hostPID=true"]);
        assert.deepEqual(restrictedContext.capabilities, { drop: ["ALL"] }, "fixtures stay unmodified");
    });
});
