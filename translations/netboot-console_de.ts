<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AssignCommand</name>
    <message numerus="yes">
        <source>%n machines</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Clear the assignment of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>Port %1 is privileged. Run as root, or allow this program to bind it once with: sudo setcap &apos;cap_net_bind_service,cap_net_raw=+ep&apos; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the interface and address in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program already uses port %1 (often dnsmasq or another PXE server). Find it with: sudo ss -%2lpn &apos;sport = :%1&apos; ; stop it, or choose another port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MachineDetailDock</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc</name>
    <message>
        <source>&apos;%1&apos; must be a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port &apos;%1&apos; must be a number from 0 to 65535, not &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be one of %2, not &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Boot::ArtifactStore</name>
    <message>
        <source>no file is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an x86 Linux kernel (bzImage); use vmlinuz-amd64 from a Talos release or kernel-amd64 from the Image Factory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an initramfs (xz, zstd or gzip compressed cpio); use initramfs-amd64.xz from a Talos release</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::ConsoleSession</name>
    <message>
        <source>The workspace cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the network interface the machines are on, with --interface NAME or in the workspace (network: interface:). Available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none with an IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos;. Available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface &apos;%1&apos; has no IPv4 address. Give it one (for example: sudo ip addr add 10.77.0.1/24 dev %1) or set network: serverAddress: in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edit of netboot.yaml was not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::DhcpEngine</name>
    <message>
        <source>not used in %1 mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen for DHCP on UDP port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::DhcpServer</name>
    <message>
        <source>leases %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full DHCP mode needs an IPv4 address of this computer to serve from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the interface an address, for example: sudo ip addr add 10.77.0.1/24 dev %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the addresses to hand out in netboot.yaml under network:, inside the interface&apos;s subnet and without this computer&apos;s address, for example: dhcpRange: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full DHCP mode cannot tell the subnet of %1: no interface has that address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve on the interface that has the address (--interface NAME).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full DHCP mode needs a range of addresses to hand out (network: dhcpRange:).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DHCP range cannot be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no free address in the DHCP range %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::HttpServer</name>
    <message>
        <source>The HTTP server cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::InventoryStore</name>
    <message>
        <source>Inventory %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inventory %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::LeaseFile</name>
    <message>
        <source>larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 leases were left out (outside the DHCP range, or malformed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lease file %1 could not be read (%2). It was moved to %3; machines will get new addresses where needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lease file %1 could not be read (%2) and could not be moved aside; it will be replaced by the current leases. Check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the lease file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::LogSink</name>
    <message>
        <source>The log receiver cannot listen on TCP %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log receiver cannot listen on UDP %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::MachineRegistry</name>
    <message>
        <source>network boot #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It network-booted again after fetching its config: set the boot order to disk first, or keep the after-install policy &apos;exit&apos; so it is sent to its disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The firmware keeps asking after our offer and never fetches its boot file: it ignores proxy DHCP offers. Use full DHCP mode on an isolated switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iPXE is loaded again and again: something hands iPXE the iPXE binary instead of its script (another PXE server on this network?). Stop it or use full DHCP mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The iPXE binary it asked for is missing: install Debian&apos;s &apos;ipxe&apos; package or set &apos;ipxe:&apos; in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No machine config is assigned: drag one onto this machine; it boots as soon as it has one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Talos kernel and initramfs are set up: add an artefact set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download of %1 was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos asked for its machine config but none is assigned: drag a config onto this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its config could not be served: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos refused to boot: %1. Add the argument to the artefact set&apos;s extra kernel arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos could not use its machine config: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetching its config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maintenance mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos is in maintenance mode (no complete config). Assign a config and reboot it, or apply one: talosctl apply-config --insecure --nodes %1 --file CONFIG.yaml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bootstrap needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>etcd waits for a bootstrap: if this is the first control-plane node, run talosctl bootstrap --nodes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running and ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download of %1 stopped at %2% %3 s ago: check the cable and the switch, then power-cycle the machine.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Talos::ConfigLibrary</name>
    <message>
        <source>the file cannot be read: check its owner and permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other users of this computer can read this file, and it holds cluster secrets: run &apos;chmod 600 %1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assigned config %1 is not in the configs folder: assign another one or put it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1 (%2): check the folder&apos;s permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1 (%2): check the free space and the folder&apos;s permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot restrict %1 to its owner: run &apos;chmod 600 %1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no config %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot change the permissions of %1: run &apos;chmod 600 %1&apos; as its owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: check its permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists with other contents: rename or remove it, or import again replacing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no controlplane.yaml or worker.yaml: choose the folder &apos;talosctl gen config&apos; wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>talosctl is not installed: download talosctl-linux-amd64 from https://github.com/siderolabs/talos/releases (the version of Talos you boot), make it executable and put it on PATH as talosctl; or run &apos;talosctl gen config&apos; on another computer and import the folder it writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>talosctl is already generating a cluster: wait for it to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cluster name &apos;%1&apos; is not usable: use lower-case letters, digits and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the endpoint &apos;%1&apos; is not a URL: write it like https://10.0.0.10:6443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create a temporary folder: check the free space in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>talosctl gen config failed (%1): check the name and endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>talosctl could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generated %1; the talosconfig is in %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Talos::ConfigRenderer</name>
    <message>
        <source>the hostname &apos;%1&apos; is not a valid host name: use letters, digits and &apos;-&apos; (e.g. worker-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the install disk &apos;%1&apos; is not a device path: write it like /dev/sda or /dev/disk/by-id/...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patch %1 is not valid YAML (%2): fix the patch file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patch %1 is not a set of &apos;key: value&apos; lines: fix the patch file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patch %1 removes the v1alpha1 document: fix the patch file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rendered config does not read back as written; please report this with the config&apos;s structure (not its secrets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the config cannot be rendered (%1): check its structure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Talos::MachineConfig</name>
    <message>
        <source>the file is empty: copy a config made by &apos;talosctl gen config&apos; here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not valid YAML (%1): check the indentation around this line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds only comments: copy a config made by &apos;talosctl gen config&apos; here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document %1 is not a set of &apos;key: value&apos; lines; a Talos config document starts with &apos;version: v1alpha1&apos; or &apos;kind:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;version: %1&apos; is not a version Talos reads: the main document must say &apos;version: v1alpha1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second &apos;version: v1alpha1&apos; document: keep only one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this document has machine/cluster sections but no &apos;version: v1alpha1&apos; line: add it at the top (a patch belongs with the machine, not in the configs folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document %1 has neither &apos;version: v1alpha1&apos; nor &apos;kind:&apos;: Talos cannot tell what it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 document has no &apos;apiVersion&apos;: add &apos;apiVersion: v1alpha1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second %1 document with the same name: keep only one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HostnameConfig sets both &apos;hostname&apos; and &apos;auto&apos;, which Talos refuses: keep one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no &apos;version: v1alpha1&apos; document: Talos would stop in maintenance mode; use a config made by &apos;talosctl gen config&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the &apos;machine:&apos; section is missing: use a config made by &apos;talosctl gen config&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;type: init&apos; is deprecated: use &apos;type: controlplane&apos; and run &apos;talosctl bootstrap&apos; once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>machine.type is missing: set it to controlplane or worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>machine.type &apos;%1&apos; is unknown: set it to controlplane or worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>machine.install.disk is missing, and Talos needs it to install on metal: set it (e.g. /dev/sda) or a diskSelector, or give each machine using this config an install disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>machine.network.hostname is set and there is a HostnameConfig document, which Talos refuses (static hostname is already set): keep one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster.controlPlane.endpoint is missing: set it to the Kubernetes API address, e.g. https://10.0.0.10:6443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster.controlPlane.endpoint &apos;%1&apos; is not a URL: write it like https://10.0.0.10:6443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cluster.clusterName is missing: set the cluster&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::TftpServer</name>
    <message>
        <source>TFTP cannot listen on %1: not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TFTP cannot open a UDP socket: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TFTP cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: refused (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no acknowledgement for %2 s, the machine stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the machine closed its port during the transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the file could not be read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: transfer ended (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::Assigner</name>
    <message>
        <source>The config library is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer in the config library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be assigned: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a valid Talos config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The assignment was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ConfigDelegate</name>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs an install disk per machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid: cannot be assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ConfigListModel</name>
    <message>
        <source>Endpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag it onto machines to assign it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown role</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MachineDetailDock</name>
    <message>
        <source>Machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a machine in the table to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as in the config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as in the config, e.g. /dev/sda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install &amp;disk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the log (service or text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved: its next config fetch gets these values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the values of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UEFI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMBIOS UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (client arch %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other NICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network boots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: drag one from the config library onto the machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &amp;nbsp; &lt;i&gt;(simulated)&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No config is assigned: drag one from the config library onto this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be served to this machine: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What %1 is served from %2: %3 lines added, %4 removed by its per-machine values and the console&apos;s log sink.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MachineTableModel</name>
    <message>
        <source>UEFI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated machine (demo): it exists only on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other network cards: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network boots seen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No config assigned: drag one from the config library onto this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network card&apos;s maker, from the IEEE OUI list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As iPXE reads it from the machine&apos;s SMBIOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Talos machine config assigned to it: drag one from the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only configs from the config library can be dropped on machines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the config onto a machine&apos;s row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop one config at a time: a machine boots with one config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configs cannot be assigned right now: the workspace is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MachineTableView</name>
    <message numerus="yes">
        <source>Drop to assign it to the %n selected machines.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Drop to assign it to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No machine matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No machines yet. Start the services, then power on a machine set to boot from the network. Or try the demo: netboot-console --demo 40</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::MainWindow</name>
    <message>
        <source>Netboot Console</source>
        <translation>Netboot Console</translation>
    </message>
    <message numerus="yes">
        <source>%n machines</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cleared the assignment of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned %1 to %2: it is served on their next request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start services</source>
        <translation>&amp;Dienste starten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start answering network boots</source>
        <translation>Netzwerk-Boots beantworten</translation>
    </message>
    <message>
        <source>S&amp;top services</source>
        <translation>Dienste &amp;anhalten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop answering network boots</source>
        <translation>Keine Netzwerk-Boots mehr beantworten</translation>
    </message>
    <message>
        <source>&amp;Assign config…</source>
        <translation>Konfiguration &amp;zuweisen…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign a config to the selected machines</source>
        <translation>Den ausgewählten Maschinen eine Konfiguration zuweisen</translation>
    </message>
    <message>
        <source>&amp;Clear assignment</source>
        <translation>Zuweisung &amp;entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected machines&apos; config: they wait at their next boot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reinstall on next boot</source>
        <translation>Beim nächsten Boot &amp;neu installieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boot Talos and install again the next time it network-boots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wake</source>
        <translation>&amp;Aufwecken</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a Wake-on-LAN packet to the selected machines</source>
        <translation>Ein Wake-on-LAN-Paket an die ausgewählten Maschinen senden</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Remove the selected machines from the table until they boot again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Filter machines</source>
        <translation>Maschinen &amp;filtern</translation>
    </message>
    <message>
        <source>Type to filter the machine table</source>
        <translation>Tippen, um die Maschinentabelle zu filtern</translation>
    </message>
    <message>
        <source>Open &amp;workspace folder</source>
        <translation>&amp;Arbeitsordner öffnen</translation>
    </message>
    <message>
        <source>Show the workspace folder (netboot.yaml, configs/) in the file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Stop the services and quit</source>
        <translation>Dienste anhalten und beenden</translation>
    </message>
    <message>
        <source>Filter: MAC, vendor, IP, serial, config, hostname…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Booting</source>
        <translation>Bootet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Config library</source>
        <translation>Konfigurationen</translation>
    </message>
    <message>
        <source>Drag a config onto a machine, or onto a selection of machines, to assign it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the configs folder</source>
        <translation>Konfigurationsordner öffnen</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source> Mode: </source>
        <translation> Modus: </translation>
    </message>
    <message>
        <source>Proxy DHCP (next to a DHCP server)</source>
        <translation>Proxy-DHCP (neben einem DHCP-Server)</translation>
    </message>
    <message>
        <source>Full DHCP (isolated network)</source>
        <translation>Volles DHCP (isoliertes Netz)</translation>
    </message>
    <message>
        <source>Proxy: an existing DHCP server hands out addresses and the console adds the boot information. Full: the console is the only DHCP server, on an isolated switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Interface: </source>
        <translation>  Schnittstelle: </translation>
    </message>
    <message>
        <source>The network the machines to boot are on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>Kein Arbeitsordner</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsordner: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Machine</source>
        <translation>&amp;Maschine</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>&amp;Dienste</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Netboot Console — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n machines</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an interface…</source>
        <translation>Schnittstelle wählen…</translation>
    </message>
    <message>
        <source>loopback %1 (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no IPv4 address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interface was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving on %1.</source>
        <translation>Dient auf %1.</translation>
    </message>
    <message>
        <source>The mode was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full DHCP: the console hands out addresses. Use it only on an isolated network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy DHCP: the network&apos;s own DHCP server hands out addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>No configs in the library</source>
        <translation>Keine Konfigurationen vorhanden</translation>
    </message>
    <message>
        <source>No config can be assigned: add one to the workspace&apos;s configs folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign config</source>
        <translation>Konfiguration zuweisen</translation>
    </message>
    <message>
        <source>Config for %1:</source>
        <translation>Konfiguration für %1:</translation>
    </message>
    <message numerus="yes">
        <source>Config for the %n selected machines:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n machine(s) will install Talos again at their next network boot.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent Wake-on-LAN to %n machine(s) via %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Wake-on-LAN could not be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Forgot %n machine(s); they come back when they boot again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Drag a config onto machines, or select machines and press Enter on a config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Forget the %n selected machines?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>They leave the table and their boot history is deleted. They come back when they network-boot again; their assigned configs stay in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Forget %n machine(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select machines in the table first, then press Enter on a config to assign it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No machine configs yet. Put the output of &apos;talosctl gen config&apos; into the configs folder (Open the configs folder below).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the network interface the machines are on in the toolbar&apos;s Interface list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no network interface &apos;%1&apos; on this computer. Choose the one the machines are on in the toolbar&apos;s Interface list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ProgressDelegate</name>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, ETA %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Ui::ServicesPanel</name>
    <message>
        <source>DHCP (PXE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TFTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the command to the clipboard, then paste it into a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand a service to see all of its counters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP (full)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>served %1 · dropped %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start: see above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot start: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available interfaces:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Nbc::Workspace</name>
    <message>
        <source>cannot create the workspace folder; check its parent&apos;s permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read (%1); it was left untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file must be a mapping of settings (network:, ports:, machines: ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;network&apos; must be a mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serverAddress &apos;%1&apos; is not an IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;ports&apos; must be a mapping like {dhcp: 67, proxy: 4011, tftp: 69, http: 8080, logs: 4050}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;ipxe&apos; must be a mapping {bios: PATH, uefi: PATH}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;artifacts&apos; must be a mapping of named artefact sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>artefact set &apos;%1&apos; must be a mapping with kernel: and initramfs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>artefact set &apos;%1&apos; needs both kernel: and initramfs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;machines&apos; must be a list of entries starting with &apos;- mac:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each machine must be a mapping with at least &apos;mac:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;patches&apos; must be a list of patch files, like [patches/disk.yaml]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each patch must be a file path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address (write it like 52:54:00:12:34:56)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>machine %1 is listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defaultArtifacts names &apos;%1&apos;, which is not under artifacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>netboot.yaml has an error and is not overwritten: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dhcpRange: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OuiDatabase</name>
    <message>
        <source>simulated / locally administered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageStyle</name>
    <message>
        <source>Discovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading iPXE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iPXE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its firmware asked for a network boot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the iPXE boot loader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iPXE is running and fetched its script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No config assigned: drag one onto the machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the Talos kernel and initramfs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos fetched its machine config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos is installing to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talos is running and ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed: it boots from its disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No progress for a while: see the hint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: see the hint for what to do.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Network-boot station for Talos Linux: proxy DHCP, TFTP, HTTP and a log receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engines only, no window; events as JSON lines on stdout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drive the console with N simulated machines on loopback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace folder (default under the XDG data directory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface to serve on (overrides the workspace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy: next to an existing DHCP server; dhcp: full DHCP on an isolated network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP port (default 67).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PXE proxy port (default 4011).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TFTP port (default 69).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP port (default 8080).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log receiver port, TCP and UDP (default 4050).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also serve the files of DIR over TFTP, read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also serve the files of DIR over HTTP, read-only, under /files/.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runWindow</name>
    <message>
        <source>Netboot Console</source>
        <translation>Netboot Console</translation>
    </message>
    <message>
        <source>The demo cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>demo: %n simulated machines on this computer</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
